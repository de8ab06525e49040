package dev.selfhostguide.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** content/data/secrets.yml: the credential-shaped values the guide may show because they are placeholders. */
public record Secrets(List<Placeholder> placeholders) {

    /** An exact value or a Java regular expression for the whole value, and why it is harmless. */
    public record Placeholder(String value, String reason) {

        public boolean matches(String candidate) {
            return value.equals(candidate) || candidate.matches(value);
        }
    }

    public static Secrets from(Map<String, Object> file) {
        List<Placeholder> result = new ArrayList<>();
        for (Object raw : Plain.list(file, "placeholders")) {
            Map<String, Object> p = Plain.asMap(raw);
            result.add(new Placeholder(Plain.text(p, "value"), Plain.text(p, "reason")));
        }
        return new Secrets(List.copyOf(result));
    }
}

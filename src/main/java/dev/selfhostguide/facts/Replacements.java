package dev.selfhostguide.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * content/data/deployment.yml {@code replace:}: the values of the reference deployment a reader
 * must change, each with the example files that hold it (the values-to-change table).
 */
public record Replacements(List<Entry> entries) {

    /**
     * One value to change.
     *
     * @param attribute an AsciiDoc attribute the data defines, whose value is what the files hold; or empty
     * @param variable  the variable name the files hold, when there is no attribute; or empty
     * @param files     paths under content/examples/
     */
    public record Entry(String attribute, String variable, String kind, List<String> files, String what, String whatKo) { }

    public static Replacements from(Map<String, Object> deployment) {
        List<Entry> entries = new ArrayList<>();
        for (Object raw : Plain.list(deployment, "replace")) {
            Map<String, Object> e = Plain.asMap(raw);
            entries.add(new Entry(Plain.text(e, "attribute"), Plain.text(e, "variable"), Plain.text(e, "kind"),
                Plain.texts(e, "files"), Plain.text(e, "what"), Plain.text(e, "what_ko")));
        }
        return new Replacements(List.copyOf(entries));
    }
}

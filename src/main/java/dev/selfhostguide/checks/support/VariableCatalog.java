package dev.selfhostguide.checks.support;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.facts.Variables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * content/data/variables.yml as the checks need it: which variables each component reads, which
 * have no effect and why, and which are secrets. The compose component is special: a root .env
 * variable is dead when compose hands it to nobody, or when every program it is handed to ignores
 * it under the name it gets there (e.g. APP_URL reaches the api and the dashboard, and neither reads it).
 */
public final class VariableCatalog {

    public static final String FILE = "variables";

    private final Variables data;

    public VariableCatalog(Catalog catalog) {
        this.data = catalog.variables();
    }

    public boolean present() {
        return !data.components().isEmpty();
    }

    public List<String> componentNames() {
        return new ArrayList<>(data.components().keySet());
    }

    public boolean hasComponent(String component) {
        return data.components().containsKey(component);
    }

    /** The catalog entry of {@code name} in {@code component}, if the component reads it. */
    public Optional<Variables.Variable> variable(String component, String name) {
        Variables.Component c = data.components().get(component);
        return c == null ? Optional.empty() : Optional.ofNullable(c.variables().get(name));
    }

    /** Every variable the component reads, in catalog order. */
    public List<String> names(String component) {
        Variables.Component c = data.components().get(component);
        return c == null ? List.of() : new ArrayList<>(c.variables().keySet());
    }

    /** Other components that know {@code name}, for a helpful "did you mean" message. */
    public List<String> componentsKnowing(String name) {
        List<String> result = new ArrayList<>();
        data.components().forEach((c, component) -> {
            if (component.variables().containsKey(name)) {
                result.add(c);
            }
        });
        return result;
    }

    /** Why setting {@code name} for {@code component} has no effect, or empty when it counts. */
    public Optional<String> deadReason(String component, String name) {
        Optional<Variables.Variable> entry = variable(component, name);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (!entry.get().dead().isEmpty()) {
            return Optional.of(entry.get().dead());
        }
        List<Variables.PassTo> targets = entry.get().passesTo();
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        List<String> why = new ArrayList<>();
        for (Variables.PassTo target : targets) {
            if (target.component().isEmpty()) {
                return Optional.empty(); // a service with no catalog of its own (the clickhouse server) reads it
            }
            Optional<String> targetDead = variable(target.component(), target.as()).isPresent()
                ? deadReason(target.component(), target.as()) : Optional.empty();
            if (targetDead.isEmpty()) {
                return Optional.empty();
            }
            why.add("compose passes it to the " + target.component() + " as " + target.as() + ", and there " + targetDead.get());
        }
        return Optional.of(String.join("; ", why));
    }

    public boolean isSecret(String component, String name) {
        Optional<Boolean> declared = variable(component, name).flatMap(Variables.Variable::secret);
        if (declared.isPresent()) {
            return declared.get();
        }
        return data.secretSuffixes().stream().anyMatch(name::endsWith);
    }

    /** A secret value's verdict: null when it is fine. */
    public record SecretVerdict(boolean error, String message) { }

    /**
     * Judges a secret's value. {@code realValues} is true for a file that really holds the
     * reader's secrets (one a block generated, or the reader's own .env): there real-looking values
     * are expected, and only the published insecure defaults are wrong.
     */
    public SecretVerdict judgeSecret(String name, String value, boolean realValues) {
        for (Variables.InsecureDefault d : data.insecureDefaults()) {
            if (d.value().equals(value)) {
                return new SecretVerdict(true, name + " is set to a published insecure default: "
                    + d.reason() + "; use a placeholder such as change-me-"
                    + name.toLowerCase().replace('_', '-') + " and generate the real value (e.g. openssl rand -hex 32)");
            }
        }
        if (matchingWhat(data.placeholders(), value) != null) {
            return null;
        }
        if (realValues) {
            return null;
        }
        String upstreamStyle = matchingWhat(data.upstreamPlaceholders(), value);
        if (upstreamStyle != null) {
            return new SecretVerdict(false, name + " uses upstream's placeholder style (" + upstreamStyle
                + "); the guide writes change-me-<what> or <your-...>");
        }
        String real = matchingWhat(data.realLooking(), value);
        if (real != null) {
            return new SecretVerdict(true, name + " looks like a real secret (" + real
                + "); a snippet must show a placeholder (change-me-<what>, <your-...>, ${VAR}) or the command that generates it");
        }
        return new SecretVerdict(true, name + " is a secret but '" + value
            + "' is not a placeholder; write change-me-<what>, <your-...>, ${VAR}, or leave it empty");
    }

    /** The patterns compiled when the catalog loaded (a broken one is a [data] error there). */
    private static String matchingWhat(List<Variables.Shape> shapes, String value) {
        for (Variables.Shape p : shapes) {
            if (Pattern.compile(p.pattern()).matcher(value).matches()) {
                return p.what().isEmpty() ? p.pattern() : p.what();
            }
        }
        return null;
    }
}

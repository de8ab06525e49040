package dev.selfhostguide.checks.support;

import dev.selfhostguide.content.Catalog;
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

    private final Map<String, Object> data;
    private final Map<String, Map<String, Object>> components = new LinkedHashMap<>();

    public VariableCatalog(Catalog catalog) {
        this.data = catalog.file(FILE);
        CatalogData.map(data.get("components")).forEach((name, raw) ->
            components.put(name, CatalogData.map(CatalogData.map(raw).get("variables"))));
    }

    public boolean present() {
        return !components.isEmpty();
    }

    public List<String> componentNames() {
        return new ArrayList<>(components.keySet());
    }

    public boolean hasComponent(String component) {
        return components.containsKey(component);
    }

    /** The catalog entry of {@code name} in {@code component}, if the component reads it. */
    public Optional<Map<String, Object>> variable(String component, String name) {
        Map<String, Object> vars = components.get(component);
        if (vars == null || !vars.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of(CatalogData.map(vars.get(name)));
    }

    /** Every variable the component reads, in catalog order. */
    public List<String> names(String component) {
        return new ArrayList<>(components.getOrDefault(component, Map.of()).keySet());
    }

    /** Other components that know {@code name}, for a helpful "did you mean" message. */
    public List<String> componentsKnowing(String name) {
        List<String> result = new ArrayList<>();
        components.forEach((c, vars) -> {
            if (vars.containsKey(name)) {
                result.add(c);
            }
        });
        return result;
    }

    /** Why setting {@code name} for {@code component} has no effect, or empty when it counts. */
    public Optional<String> deadReason(String component, String name) {
        Optional<Map<String, Object>> entry = variable(component, name);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String own = CatalogData.text(entry.get().get("dead"));
        if (!own.isEmpty()) {
            return Optional.of(own);
        }
        List<Object> targets = CatalogData.list(entry.get().get("passes_to"));
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        List<String> why = new ArrayList<>();
        for (Object t : targets) {
            Map<String, Object> target = CatalogData.map(t);
            String targetComponent = CatalogData.text(target.get("component"));
            String as = CatalogData.text(target.get("as"));
            if (targetComponent.isEmpty()) {
                return Optional.empty(); // a service with no catalog of its own (the clickhouse server) reads it
            }
            Optional<String> targetDead = variable(targetComponent, as).isPresent()
                ? deadReason(targetComponent, as) : Optional.empty();
            if (targetDead.isEmpty()) {
                return Optional.empty();
            }
            why.add("compose passes it to the " + targetComponent + " as " + as + ", and there " + targetDead.get());
        }
        return Optional.of(String.join("; ", why));
    }

    public boolean isSecret(String component, String name) {
        Optional<Map<String, Object>> entry = variable(component, name);
        if (entry.isPresent() && entry.get().containsKey("secret")) {
            return CatalogData.flag(entry.get().get("secret"));
        }
        for (Object suffix : CatalogData.list(data.get("secret_suffixes"))) {
            if (name.endsWith(CatalogData.text(suffix))) {
                return true;
            }
        }
        return false;
    }

    /** A secret value's verdict: null when it is fine. */
    public record SecretVerdict(boolean error, String message) { }

    /**
     * Judges a secret's value. {@code realValues} is true for a file that really holds the
     * reader's secrets (one a block generated, or the reader's own .env): there real-looking values
     * are expected, and only the published insecure defaults are wrong.
     */
    public SecretVerdict judgeSecret(String name, String value, boolean realValues) {
        for (Object raw : CatalogData.list(data.get("insecure_defaults"))) {
            Map<String, Object> d = CatalogData.map(raw);
            if (CatalogData.text(d.get("value")).equals(value)) {
                return new SecretVerdict(true, name + " is set to a published insecure default: "
                    + CatalogData.text(d.get("reason")) + "; use a placeholder such as change-me-"
                    + name.toLowerCase().replace('_', '-') + " and generate the real value (e.g. openssl rand -hex 32)");
            }
        }
        if (matchesAny("placeholders", value)) {
            return null;
        }
        if (realValues) {
            return null;
        }
        String upstreamStyle = matchingWhat("upstream_placeholders", value);
        if (upstreamStyle != null) {
            return new SecretVerdict(false, name + " uses upstream's placeholder style (" + upstreamStyle
                + "); the guide writes change-me-<what> or <your-...>");
        }
        String real = matchingWhat("real_looking", value);
        if (real != null) {
            return new SecretVerdict(true, name + " looks like a real secret (" + real
                + "); a snippet must show a placeholder (change-me-<what>, <your-...>, ${VAR}) or the command that generates it");
        }
        return new SecretVerdict(true, name + " is a secret but '" + value
            + "' is not a placeholder; write change-me-<what>, <your-...>, ${VAR}, or leave it empty");
    }

    private boolean matchesAny(String list, String value) {
        return matchingWhat(list, value) != null;
    }

    private String matchingWhat(String list, String value) {
        for (Object raw : CatalogData.list(data.get(list))) {
            Map<String, Object> p = CatalogData.map(raw);
            try {
                if (Pattern.compile(CatalogData.text(p.get("pattern"))).matcher(value).matches()) {
                    String what = CatalogData.text(p.get("what"));
                    return what.isEmpty() ? CatalogData.text(p.get("pattern")) : what;
                }
            } catch (java.util.regex.PatternSyntaxException badPattern) {
                // a broken pattern in the data matches nothing; the catalog test reports it
            }
        }
        return null;
    }
}

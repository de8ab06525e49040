package dev.selfhostguide.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** content/data/variables.yml: each component's environment variables and the secret rules. */
public record Variables(List<String> secretSuffixes, List<Shape> placeholders, List<Shape> upstreamPlaceholders,
                        List<Shape> realLooking, List<InsecureDefault> insecureDefaults, Map<String, Component> components,
                        Map<String, Descriptions> descriptions) {

    /** A value shape: a Java regular expression matched against the whole value, and what it stands for. */
    public record Shape(String pattern, String what) { }

    /** A published default; a deployment that keeps it is open. */
    public record InsecureDefault(String value, String reason, List<Evidence> evidence) { }

    public record Component(String name, String title, String readAt, Map<String, Variable> variables) { }

    /** Where compose hands a variable: a component's variable, or a service with no catalog of its own. */
    public record PassTo(String component, String service, String as) { }

    /**
     * One variable of one component.
     *
     * @param defaultGiven whether variables.yml names a default, so an empty {@code defaultValue}
     *                     is the empty string rather than no default
     * @param secret empty when variables.yml does not say, so the secret suffixes decide
     */
    public record Variable(String name, String readAt, String defaultValue, boolean defaultGiven, Optional<Boolean> secret,
                           String dead, List<PassTo> passesTo, boolean integer, String empty, List<String> tokens,
                           boolean readFromProcessEnvironment, String description, String descriptionKo, String note,
                           String noteKo, List<Evidence> evidence, boolean browser, String browserWhy, Optional<MustBe> mustBe) { }

    /** The one value upstream works with ({@code must_be:}), because its code hard-codes it ({@code why}). */
    public record MustBe(String value, String why) { }

    /**
     * What the reference tables say about one component's variables, in both editions
     * ({@code descriptions:}): the default cell of a variable without a default, and per variable.
     */
    public record Descriptions(String unsetEn, String unsetKo, Map<String, Description> variables) { }

    /** One variable's row text; each part is empty when the file does not give it. */
    public record Description(String en, String ko, String noteKo, String deadKo, String defaultValue) { }

    public static Variables from(Map<String, Object> file) {
        Map<String, Component> components = new LinkedHashMap<>();
        Plain.map(file, "components").forEach((name, raw) -> {
            Map<String, Object> c = Plain.asMap(raw);
            Map<String, Variable> variables = new LinkedHashMap<>();
            Plain.map(c, "variables").forEach((var, rawVar) -> variables.put(var, variable(var, Plain.asMap(rawVar))));
            components.put(name, new Component(name, Plain.text(c, "title"), Plain.text(c, "read_at"),
                java.util.Collections.unmodifiableMap(variables)));
        });
        List<InsecureDefault> insecure = new ArrayList<>();
        for (Object raw : Plain.list(file, "insecure_defaults")) {
            Map<String, Object> d = Plain.asMap(raw);
            insecure.add(new InsecureDefault(Plain.text(d, "value"), Plain.text(d, "reason"), Plain.evidence(d)));
        }
        Map<String, Descriptions> descriptions = new LinkedHashMap<>();
        Plain.map(file, "descriptions").forEach((component, raw) -> {
            Map<String, Object> c = Plain.asMap(raw);
            Map<String, Object> unset = Plain.map(c, "unset");
            Map<String, Description> each = new LinkedHashMap<>();
            Plain.map(c, "variables").forEach((var, rawText) -> {
                Map<String, Object> d = Plain.asMap(rawText);
                each.put(var, new Description(Plain.text(d, "en"), Plain.text(d, "ko"), Plain.text(d, "note_ko"),
                    Plain.text(d, "dead_ko"), Plain.text(d, "default")));
            });
            descriptions.put(component, new Descriptions(Plain.text(unset, "en"), Plain.text(unset, "ko"),
                java.util.Collections.unmodifiableMap(each)));
        });
        return new Variables(Plain.texts(file, "secret_suffixes"), shapes(file, "placeholders"),
            shapes(file, "upstream_placeholders"), shapes(file, "real_looking"), List.copyOf(insecure),
            java.util.Collections.unmodifiableMap(components), java.util.Collections.unmodifiableMap(descriptions));
    }

    /** No variables at all: a guide project without variables.yml. */
    public static Variables none() {
        return new Variables(List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of());
    }

    /** A component's variables in file order, or none when variables.yml has no such component. */
    public Map<String, Variable> of(String component) {
        Component c = components.get(component);
        return c == null ? Map.of() : c.variables();
    }

    private static Variable variable(String name, Map<String, Object> v) {
        List<PassTo> passes = new ArrayList<>();
        for (Object raw : Plain.list(v, "passes_to")) {
            Map<String, Object> p = Plain.asMap(raw);
            passes.add(new PassTo(Plain.text(p, "component"), Plain.text(p, "service"), Plain.text(p, "as")));
        }
        Optional<Boolean> secret = v.containsKey("secret") ? Optional.of(Plain.flag(v, "secret")) : Optional.empty();
        return new Variable(name, Plain.text(v, "read_at"), Plain.text(v, "default"), v.containsKey("default"), secret,
            Plain.text(v, "dead"), List.copyOf(passes), "integer".equals(Plain.text(v, "type")), Plain.text(v, "empty"),
            Plain.texts(v, "tokens"), Plain.flag(v, "read_from_process_environment"), Plain.text(v, "description"),
            Plain.text(v, "description_ko"), Plain.text(v, "note"), Plain.text(v, "note_ko"), Plain.evidence(v),
            Plain.flag(v, "browser"), Plain.text(v, "browser_why"),
            v.containsKey("must_be") ? Optional.of(new MustBe(Plain.text(Plain.asMap(v.get("must_be")), "value"),
                Plain.text(Plain.asMap(v.get("must_be")), "why"))) : Optional.empty());
    }

    private static List<Shape> shapes(Map<String, Object> file, String key) {
        List<Shape> result = new ArrayList<>();
        for (Object raw : Plain.list(file, key)) {
            Map<String, Object> p = Plain.asMap(raw);
            result.add(new Shape(Plain.text(p, "pattern"), Plain.text(p, "what")));
        }
        return List.copyOf(result);
    }
}

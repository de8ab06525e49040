package dev.selfhostguide.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * content/data/compose.yml: upstream's Compose services as the compose check compares them, and
 * the parts of the Compose file format it needs (top-level keys, network modes, port syntax).
 */
public record Compose(Map<String, Service> services, Map<String, List<String>> spec) {

    /**
     * @param included whether the service comes from a file upstream pulls in with {@code include:},
     *                 so a {@code -f} override cannot merge into it
     */
    public record Service(String name, String file, boolean build, boolean included, String networkMode,
                          List<String> profiles, Map<String, String> environment, Map<String, String> defaults,
                          List<Evidence> evidence) { }

    public static Compose from(Map<String, Object> file) {
        Map<String, Service> services = new LinkedHashMap<>();
        Plain.map(file, "services").forEach((name, raw) -> {
            Map<String, Object> s = Plain.asMap(raw);
            services.put(name, new Service(name, Plain.text(s, "file"), s.containsKey("build"), Plain.flag(s, "included"),
                Plain.text(s, "network_mode"), Plain.texts(s, "profiles"), strings(Plain.map(s, "environment")),
                strings(Plain.map(s, "defaults")), Plain.evidence(s)));
        });
        Map<String, Object> specRaw = Plain.map(file, "spec");
        Map<String, List<String>> spec = new LinkedHashMap<>();
        specRaw.keySet().forEach(key -> spec.put(key, Plain.texts(specRaw, key)));
        return new Compose(java.util.Collections.unmodifiableMap(services), java.util.Collections.unmodifiableMap(spec));
    }

    /** A list of the Compose format part of the file ({@code top_level}, {@code network_modes}, ...). */
    public List<String> spec(String key) {
        return spec.getOrDefault(key, List.of());
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(k, v == null ? "" : String.valueOf(v)));
        return result;
    }
}

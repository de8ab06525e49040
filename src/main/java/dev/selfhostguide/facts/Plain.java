package dev.selfhostguide.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads values out of a YAML map that has already passed its shape: an absent optional key is
 * empty, and a present one has the type the shape demands. Never used on unchecked input.
 */
final class Plain {

    private Plain() {
    }

    static String text(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    static boolean flag(Map<String, Object> map, String key) {
        return Boolean.TRUE.equals(map.get(key)) || "true".equals(map.get(key));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> map, String key) {
        Object v = map.get(key);
        Map<String, Object> result = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, value) -> result.put(String.valueOf(k), value));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object v) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, value) -> result.put(String.valueOf(k), value));
        }
        return result;
    }

    static List<Object> list(Map<String, Object> map, String key) {
        return map.get(key) instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    static List<String> texts(Map<String, Object> map, String key) {
        return list(map, key).stream().map(String::valueOf).toList();
    }

    static List<Evidence> evidence(Map<String, Object> map) {
        List<Evidence> result = new ArrayList<>();
        for (Object raw : list(map, "evidence")) {
            Map<String, Object> e = asMap(raw);
            result.add(new Evidence(text(e, "repo"), text(e, "path"), text(e, "match"), text(e, "regex")));
        }
        return List.copyOf(result);
    }
}

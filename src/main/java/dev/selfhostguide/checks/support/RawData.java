package dev.selfhostguide.checks.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lenient readers for the raw YAML maps of the catalog: a missing or mistyped entry reads as empty. */
public final class RawData {

    private RawData() { }

    public static Map<String, Object> map(Object value) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> raw) {
            raw.forEach((k, v) -> result.put(String.valueOf(k), v));
        }
        return result;
    }

    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    }

    public static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    public static boolean flag(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}

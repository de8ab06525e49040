package dev.selfhostguide.facts;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * content/data/litellm.yml: the sections and settings the LiteLLM proxy reads, its callbacks, and
 * the environment variables its AgentOps integration reads.
 */
public record Litellm(List<String> sections, Set<String> knownSettings, Map<Pattern, String> deadSettings,
                      Map<String, String> movedRouterSettings, Set<String> callbacks,
                      Map<String, String> cloudOnly, Set<String> environment, String prefix,
                      Map<String, String> belongsElsewhere, boolean expandsDollarBraces) {

    public static Litellm from(Map<String, Object> file) {
        Map<String, Object> settings = Plain.map(file, "litellm_settings");
        Set<String> known = new LinkedHashSet<>();
        known.addAll(Plain.texts(settings, "handled"));
        known.addAll(Plain.texts(settings, "documented"));
        known.addAll(Plain.map(settings, "in_upstream_examples").keySet());
        Map<Pattern, String> dead = new LinkedHashMap<>();
        for (Object item : Plain.list(settings, "dead_patterns")) {
            Map<String, Object> m = Plain.asMap(item);
            dead.put(Pattern.compile(Plain.text(m, "pattern")), Plain.text(m, "reason"));
        }
        Map<String, String> moved = new LinkedHashMap<>();
        Plain.map(Plain.map(file, "router_settings"), "moved").forEach((k, v) -> moved.put(k, String.valueOf(v)));
        Map<String, Object> cb = Plain.map(file, "callbacks");
        Set<String> callbacks = new LinkedHashSet<>();
        for (String group : List.of("logger_compatible", "legacy", "proxy_special")) {
            callbacks.addAll(Plain.texts(cb, group));
        }
        Map<String, String> cloud = new LinkedHashMap<>();
        Plain.map(cb, "cloud_only").forEach((k, v) -> cloud.put(k, String.valueOf(v)));
        String prefix = file.containsKey("os_environ_prefix") ? Plain.text(file, "os_environ_prefix") : "os.environ/";
        Map<String, String> elsewhere = new LinkedHashMap<>();
        Plain.map(Plain.map(file, "general_settings"), "belongs_elsewhere").forEach((k, v) -> elsewhere.put(k, String.valueOf(v)));
        return new Litellm(Plain.texts(file, "sections"), known, dead, moved, callbacks, cloud,
            new LinkedHashSet<>(Plain.texts(file, "environment")), prefix, java.util.Collections.unmodifiableMap(elsewhere),
            Plain.flag(file, "expands_dollar_braces"));
    }
}

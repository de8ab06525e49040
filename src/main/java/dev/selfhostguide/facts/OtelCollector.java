package dev.selfhostguide.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * content/data/otel-collector.yml: the keys a collector config may have, the pipeline signals, and
 * where receivers listen by default.
 */
public record OtelCollector(List<String> topLevel, List<String> serviceKeys, List<String> pipelineKeys,
                            List<String> signals, List<String> gatedSignals, Pattern componentType,
                            Map<String, Map<String, String>> defaults, Map<String, List<String>> listen,
                            List<String> loopback) {

    public static OtelCollector from(Map<String, Object> file) {
        Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
        Plain.map(file, "default_endpoints").forEach((type, protocols) -> {
            Map<String, String> p = new LinkedHashMap<>();
            Plain.asMap(protocols).forEach((k, v) -> p.put(k, String.valueOf(v)));
            defaults.put(type, p);
        });
        Map<String, List<String>> listen = new LinkedHashMap<>();
        Map<String, Object> listenRaw = Plain.map(file, "listen_endpoints");
        listenRaw.keySet().forEach(type -> listen.put(type, Plain.texts(listenRaw, type)));
        String type = Plain.text(file, "component_type");
        return new OtelCollector(Plain.texts(file, "top_level"), Plain.texts(file, "service_keys"),
            Plain.texts(file, "pipeline_keys"), Plain.texts(file, "signals"), Plain.texts(file, "gated_signals"),
            Pattern.compile(type.isEmpty() ? ".*" : type), defaults, listen, Plain.texts(file, "loopback_hosts"));
    }
}

package dev.selfhostguide.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * content/data/sdk.yml: the keyword arguments {@code agentops.init()} accepts, and the protocol its
 * exporter speaks ({@code exporter.protocol}, empty when the file does not say).
 */
public record Sdk(Map<String, Keyword> init, String exporterProtocol) {

    /**
     * @param deprecated what to use instead, or empty
     * @param pathSuffix the path a URL must end with, since the SDK uses the URL as given, or empty
     * @param appends the path the SDK adds to the URL itself, so the URL must not end in it, or empty
     */
    public record Keyword(String name, String env, String defaultValue, boolean secret, String url, String pathSuffix,
                          String appends, boolean viaKwargs, String deprecated, List<Evidence> evidence) { }

    public static Sdk from(Map<String, Object> file) {
        Map<String, Keyword> init = new LinkedHashMap<>();
        Plain.map(file, "init").forEach((name, raw) -> {
            Map<String, Object> k = Plain.asMap(raw);
            init.put(name, new Keyword(name, Plain.text(k, "env"), Plain.text(k, "default"), Plain.flag(k, "secret"),
                Plain.text(k, "url"), Plain.text(k, "path_suffix"), Plain.text(k, "appends"), Plain.flag(k, "via_kwargs"), Plain.text(k, "deprecated"),
                Plain.evidence(k)));
        });
        return new Sdk(java.util.Collections.unmodifiableMap(init), Plain.text(Plain.map(file, "exporter"), "protocol"));
    }

    public Optional<Keyword> keyword(String name) {
        return Optional.ofNullable(init.get(name));
    }
}

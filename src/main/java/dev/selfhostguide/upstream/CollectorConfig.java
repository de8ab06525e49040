package dev.selfhostguide.upstream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * An OpenTelemetry collector config as upstream ships it: its receivers and extensions, and where
 * each one listens, from its own {@code endpoint} or, when it sets none, the component's default.
 * A published port is only answered when some component listens on it on a non-loopback address.
 */
public final class CollectorConfig {

    /** A component that listens: {@code otlp (http)} on {@code 0.0.0.0:4318}; defaulted when the config gives no endpoint. */
    public record Listener(String component, String endpoint, boolean defaulted) {

        public int port() {
            int colon = endpoint.lastIndexOf(':');
            try {
                return colon < 0 ? -1 : Integer.parseInt(endpoint.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        public boolean loopback() {
            String host = endpoint.lastIndexOf(':') < 0 ? endpoint : endpoint.substring(0, endpoint.lastIndexOf(':'));
            return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
        }

        @Override
        public String toString() {
            return component + " on " + endpoint + (defaulted ? " (its default: the config sets no endpoint)" : "");
        }
    }

    private final Set<String> receivers;
    private final Set<String> extensions;
    private final List<Listener> listeners;

    private CollectorConfig(Set<String> receivers, Set<String> extensions, List<Listener> listeners) {
        this.receivers = receivers;
        this.extensions = extensions;
        this.listeners = listeners;
    }

    /** Parses {@code text}; empty when it is no YAML mapping. {@code defaults}: see {@link FactCatalog#defaultEndpoints()}. */
    public static Optional<CollectorConfig> parse(String text, Map<String, String> defaults) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            return Optional.empty();
        }
        if (!(root instanceof Map<?, ?> top)) {
            return Optional.empty();
        }
        Set<String> receivers = new LinkedHashSet<>(map(top.get("receivers")).keySet());
        Set<String> extensions = new LinkedHashSet<>(map(top.get("extensions")).keySet());
        List<Listener> listeners = new ArrayList<>();
        for (String id : receivers) {
            Map<String, Object> config = map(map(top.get("receivers")).get(id));
            String type = id.contains("/") ? id.substring(0, id.indexOf('/')) : id;
            Map<String, Object> protocols = map(config.get("protocols"));
            if (!protocols.isEmpty()) {
                for (String protocol : protocols.keySet()) {
                    String endpoint = text(map(protocols.get(protocol)).get("endpoint"));
                    add(listeners, id + " (" + protocol + ")", endpoint, defaults.get(type + "." + protocol));
                }
            } else {
                add(listeners, id, text(config.get("endpoint")), defaults.get(type));
            }
        }
        List<String> enabled = list(map(top.get("service")).get("extensions"));
        for (String id : extensions) {
            if (!enabled.contains(id)) {
                continue;
            }
            String type = id.contains("/") ? id.substring(0, id.indexOf('/')) : id;
            add(listeners, id, text(map(map(top.get("extensions")).get(id)).get("endpoint")), defaults.get(type));
        }
        return Optional.of(new CollectorConfig(receivers, extensions, listeners));
    }

    private static void add(List<Listener> listeners, String component, String endpoint, String fallback) {
        if (!endpoint.isEmpty()) {
            listeners.add(new Listener(component, endpoint, false));
        } else if (fallback != null) {
            listeners.add(new Listener(component, fallback, true));
        }
    }

    public Set<String> receivers() {
        return receivers;
    }

    public Set<String> extensions() {
        return extensions;
    }

    public List<Listener> listeners() {
        return listeners;
    }

    public List<Listener> on(int port) {
        return listeners.stream().filter(l -> l.port() == port).toList();
    }

    private static Map<String, Object> map(Object value) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> raw) {
            raw.forEach((k, v) -> result.put(String.valueOf(k), v));
        }
        return result;
    }

    private static List<String> list(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(v -> result.add(String.valueOf(v)));
        }
        return result;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).trim();
    }
}

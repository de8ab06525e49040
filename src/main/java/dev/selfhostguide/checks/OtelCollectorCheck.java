package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import dev.selfhostguide.facts.OtelCollector;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * An OpenTelemetry Collector config ({@code check=otel-collector}), against catalog
 * {@code otel-collector.yml} (facts: litellm.md §6, agentops-selfhost.md §5). The rules are the
 * collector's own validation: known top-level and service keys; every component a pipeline or
 * {@code service.extensions} names is defined (by its full {@code type/name} id; receivers and
 * exporters may also be connectors); each pipeline has a receiver and an exporter and no
 * processor twice; pipeline ids are signals; a connector id is not also an exporter or receiver
 * id. Plus two things that load fine and then fail in a container: a listening receiver bound to
 * {@code localhost}/{@code 127.0.0.1} (or an OTLP protocol left at its localhost default) is a
 * warning, and an {@code auth: authenticator: X} needs X under {@code extensions} and in
 * {@code service.extensions}, else the collector refuses to start.
 *
 * <p><b>Partial configs.</b> The collector merges several {@code --config} files; AgentOps loads
 * {@code base.yaml} plus a generated {@code processors.yaml}, so base.yaml alone names processors
 * it does not define. A block marked {@code config-part=true} is such a part: a missing
 * definition is then a warning naming what the other file must supply, and the "empty config"
 * and "no pipeline" rules are off. Without the attribute a missing definition is an error.
 *
 * <p><b>Kubernetes manifests.</b> A document with {@code apiVersion} and {@code kind} is not a
 * collector config. The collector configs inside a {@code ConfigMap}'s {@code data} (block
 * scalars that parse to a mapping with collector sections) are checked, with their lines mapped
 * back to the manifest; other manifest documents (Deployment, Service, ...) are skipped, since
 * they are what the reader applies to the cluster, not what the collector reads. A block with no
 * collector config at all is an error: it was marked {@code check=otel-collector} by mistake.
 *
 * <p>Invalid YAML of the block itself is left to {@link YamlCheck}; invalid YAML inside an
 * embedded config is reported here, since no other check sees it.
 */
public final class OtelCollectorCheck implements Check {

    public static final String ID = "otel-collector";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.YAML);
    }

    @Override
    public boolean automatic() {
        return false; // a YAML block is this kind of file only when it says so with check=otel-collector
    }

    @Override
    public Role role() {
        return Role.RULE;
    }

    @Override
    public Set<FileKind> serves() {
        return Set.of(FileKind.OTEL);
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.YAML, Map.of("check", ID), """
            receivers:
              otlp:
                protocols:
                  http:
                    endpoint: 0.0.0.0:4318
            exporters:
              debug: {}
            service:
              pipelines:
                traces:
                  receivers: [otlp]
                  exporters: [debug]
            """);
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.YAML, Map.of("check", ID), """
            receivers:
              otlp:
                protocols:
                  http:
                    endpoint: 0.0.0.0:4318
            exporters:
              debug: {}
            service:
              pipelines:
                traces:
                  receivers: [otlp, jaeger]
                  exporters: [debug]
            """, 11);
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        StrictYaml.Parsed parsed = StrictYaml.parse(snippet.text());
        if (!parsed.ok()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        try {
            OtelCollector rules = context.catalog().otelCollector();
            boolean part = "true".equalsIgnoreCase(snippet.attribute("config-part").orElse(""));
            int configs = 0;
            for (Node document : parsed.documents()) {
                Map<String, NodeTuple> top = StrictYaml.entries(document);
                if (top.containsKey("apiVersion") && top.containsKey("kind")) {
                    configs += manifest(snippet, rules, part, top, findings);
                } else {
                    new Config(snippet, rules, part, 0, findings).run(document);
                    configs++;
                }
            }
            if (configs == 0 && !parsed.documents().isEmpty()) {
                // For a reader's file this says doctor guessed the kind wrong, not that the file is.
                findings.add(Origin.advice(snippet, 1, ID, "no OpenTelemetry Collector config found: the "
                    + (Origin.reader(snippet) ? "file is a Kubernetes manifest without a ConfigMap holding one; if it is another"
                        + " kind of file, name it with --as" : "block is a Kubernetes manifest without a ConfigMap holding one;"
                        + " drop check=otel-collector or show the collector config")));
            }
        } catch (RuntimeException e) {
            findings.add(Origin.notChecked(snippet, 1, ID, "cannot check this collector config: " + e.getMessage()));
        }
        findings.sort(java.util.Comparator.comparingInt(Finding::line));
        return findings;
    }

    /** Checks the collector configs held in a ConfigMap's data; returns how many it found. */
    private static int manifest(Snippet snippet, OtelCollector rules, boolean part, Map<String, NodeTuple> top,
                                List<Finding> findings) {
        if (!"ConfigMap".equals(StrictYaml.scalar(top.get("kind").getValueNode()).orElse(""))
            || !top.containsKey("data")) {
            return 0;
        }
        int found = 0;
        for (NodeTuple entry : StrictYaml.entries(top.get("data").getValueNode()).values()) {
            if (!(entry.getValueNode() instanceof ScalarNode scalar)) {
                continue;
            }
            // a literal block keeps its lines, so line i of the value is line i after the '|' line
            boolean literal = scalar.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL;
            int offset = literal ? StrictYaml.line(scalar) : StrictYaml.line(scalar) - 1;
            StrictYaml.Parsed inner = StrictYaml.parse(scalar.getValue());
            if (!inner.ok()) {
                if (looksLikeCollector(scalar.getValue(), rules)) {
                    found++;
                    for (StrictYaml.Problem p : inner.problems()) {
                        // an error at the end of the embedded text is shown on its last line
                        int line = Math.min(offset + p.line(), Math.max(1, snippet.lineCount()));
                        findings.add(Finding.error(snippet, line, ID,
                            "the collector config in this ConfigMap is not valid YAML: " + p.message()));
                    }
                }
                continue;
            }
            for (Node document : inner.documents()) {
                Map<String, NodeTuple> keys = StrictYaml.entries(document);
                if (keys.keySet().stream().anyMatch(rules.topLevel()::contains)
                    && (keys.containsKey("service") || keys.containsKey("receivers"))) {
                    found++;
                    new Config(snippet, rules, part, offset, findings).run(document);
                }
            }
        }
        return found;
    }

    private static boolean looksLikeCollector(String text, OtelCollector rules) {
        return text.contains("receivers:") || text.contains("service:");
    }

    /** One collector config, with its lines shifted by {@code offset} inside the snippet. */
    private static final class Config {
        private final Snippet snippet;
        private final OtelCollector rules;
        private final boolean part;
        private final int offset;
        private final List<Finding> findings;

        Config(Snippet snippet, OtelCollector rules, boolean part, int offset, List<Finding> findings) {
            this.snippet = snippet;
            this.rules = rules;
            this.part = part;
            this.offset = offset;
            this.findings = findings;
        }

        void error(Node at, String message) {
            findings.add(Finding.error(snippet, offset + StrictYaml.line(at), ID, message));
        }

        void warning(Node at, String message) {
            findings.add(Finding.warning(snippet, offset + StrictYaml.line(at), ID, message));
        }

        /** An undefined reference: an error, or a warning in a config part. */
        void missing(Node at, String message, String whatOtherPartNeeds) {
            if (part) {
                warning(at, message + "; as a config part, another --config file must define " + whatOtherPartNeeds);
            } else {
                error(at, message + "; the collector refuses to start (if another --config file defines it, mark the block config-part=true)");
            }
        }

        void run(Node document) {
            if (!(document instanceof MappingNode)) {
                error(document, "a collector config must be a mapping of receivers, processors, exporters, connectors, extensions and service");
                return;
            }
            Map<String, NodeTuple> top = StrictYaml.entries(document);
            for (Map.Entry<String, NodeTuple> e : top.entrySet()) {
                if (!rules.topLevel().contains(e.getKey())) {
                    error(e.getValue().getKeyNode(), "unknown top-level key '" + e.getKey() + "'; a collector config has "
                        + String.join(", ", rules.topLevel()));
                }
            }
            Map<String, Map<String, NodeTuple>> defined = new LinkedHashMap<>();
            for (String section : List.of("receivers", "processors", "exporters", "connectors", "extensions")) {
                Node node = top.containsKey(section) ? top.get(section).getValueNode() : null;
                if (node != null && !StrictYaml.isNull(node) && !(node instanceof MappingNode)) {
                    error(node, "'" + section + "' must be a mapping of component ids to their settings");
                }
                Map<String, NodeTuple> components = StrictYaml.entries(node);
                defined.put(section, components);
                for (Map.Entry<String, NodeTuple> c : components.entrySet()) {
                    String type = c.getKey().split("/", 2)[0];
                    if (!rules.componentType().matcher(type).matches()) {
                        error(c.getValue().getKeyNode(), "component id '" + c.getKey()
                            + "' is not type[/name] with a type of letters, digits and _ starting with a letter");
                    }
                }
            }
            boolean empty = defined.values().stream().allMatch(Map::isEmpty);
            if (empty && !part) {
                error(document, "empty configuration: no receivers, processors, exporters, connectors or extensions are defined");
                return;
            }
            for (String connector : defined.get("connectors").keySet()) {
                if (defined.get("exporters").containsKey(connector) || defined.get("receivers").containsKey(connector)) {
                    error(defined.get("connectors").get(connector).getKeyNode(), "connector id '" + connector
                        + "' is also used by an exporter or receiver; the collector rejects the ambiguous id");
                }
            }
            Node service = top.containsKey("service") ? top.get("service").getValueNode() : null;
            Set<String> enabledExtensions = service(service, defined, document);
            receivers(defined.get("receivers"));
            authenticators(defined, enabledExtensions);
        }

        /** Checks service; returns the ids listed in service.extensions. */
        private Set<String> service(Node service, Map<String, Map<String, NodeTuple>> defined, Node document) {
            Set<String> enabled = new LinkedHashSet<>();
            if (service == null || StrictYaml.isNull(service)) {
                if (!part) {
                    error(document, "no 'service' section: nothing is enabled, since a component only runs when a pipeline or service.extensions names it");
                }
                return enabled;
            }
            Map<String, NodeTuple> keys = StrictYaml.entries(service);
            for (Map.Entry<String, NodeTuple> e : keys.entrySet()) {
                if (!rules.serviceKeys().contains(e.getKey())) {
                    error(e.getValue().getKeyNode(), "unknown key service." + e.getKey() + "; service has "
                        + String.join(", ", rules.serviceKeys()));
                }
            }
            if (keys.containsKey("extensions")) {
                for (Node item : StrictYaml.items(keys.get("extensions").getValueNode())) {
                    String id = StrictYaml.scalar(item).orElse("");
                    enabled.add(id);
                    if (!defined.get("extensions").containsKey(id)) {
                        missing(item, "service.extensions names extension '" + id + "', which is not defined under extensions",
                            "extension '" + id + "'");
                    }
                }
            }
            Node pipelines = keys.containsKey("pipelines") ? keys.get("pipelines").getValueNode() : null;
            Map<String, NodeTuple> all = StrictYaml.entries(pipelines);
            if (all.isEmpty()) {
                if (!part) {
                    error(service, "service has no pipelines; the collector needs at least one");
                }
                return enabled;
            }
            for (Map.Entry<String, NodeTuple> p : all.entrySet()) {
                pipeline(p.getKey(), p.getValue(), defined);
            }
            return enabled;
        }

        private void pipeline(String id, NodeTuple tuple, Map<String, Map<String, NodeTuple>> defined) {
            String signal = id.split("/", 2)[0];
            if (rules.gatedSignals().contains(signal)) {
                warning(tuple.getKeyNode(), "pipeline '" + id + "' is a " + signal + " pipeline, which needs a collector feature gate");
            } else if (!rules.signals().contains(signal)) {
                error(tuple.getKeyNode(), "pipeline id '" + id + "' must start with a signal: " + String.join(", ", rules.signals()));
            }
            Map<String, NodeTuple> keys = StrictYaml.entries(tuple.getValueNode());
            for (Map.Entry<String, NodeTuple> e : keys.entrySet()) {
                if (!rules.pipelineKeys().contains(e.getKey())) {
                    error(e.getValue().getKeyNode(), "unknown key '" + e.getKey() + "' in pipeline '" + id + "'; a pipeline has "
                        + String.join(", ", rules.pipelineKeys()));
                }
            }
            List<Node> receivers = list(keys, "receivers");
            List<Node> processors = list(keys, "processors");
            List<Node> exporters = list(keys, "exporters");
            references(id, receivers, "receiver", defined.get("receivers"), defined.get("connectors"), true);
            references(id, processors, "processor", defined.get("processors"), Map.of(), false);
            references(id, exporters, "exporter", defined.get("exporters"), defined.get("connectors"), true);
            if (receivers.isEmpty()) {
                error(tuple.getKeyNode(), "pipeline '" + id + "' has no receiver; each pipeline needs at least one");
            }
            if (exporters.isEmpty()) {
                error(tuple.getKeyNode(), "pipeline '" + id + "' has no exporter; each pipeline needs at least one");
            }
            Set<String> seen = new HashSet<>();
            for (Node p : processors) {
                String name = StrictYaml.scalar(p).orElse("");
                if (!seen.add(name)) {
                    error(p, "pipeline '" + id + "' lists processor '" + name + "' twice; the collector refuses that");
                }
            }
        }

        private static List<Node> list(Map<String, NodeTuple> keys, String key) {
            return keys.containsKey(key) ? StrictYaml.items(keys.get(key).getValueNode()) : List.of();
        }

        private void references(String pipeline, List<Node> ids, String kind, Map<String, NodeTuple> components,
                                Map<String, NodeTuple> connectors, boolean connectorsAllowed) {
            for (Node item : ids) {
                String id = StrictYaml.scalar(item).orElse("");
                if (!components.containsKey(id) && !connectors.containsKey(id)) {
                    String where = connectorsAllowed ? kind + "s or connectors" : kind + "s";
                    missing(item, "pipeline '" + pipeline + "' uses " + kind + " '" + id + "', which is not defined under " + where,
                        kind + " '" + id + "'");
                }
            }
        }

        /** Listening receivers must bind an address reachable from outside the container. */
        private void receivers(Map<String, NodeTuple> receivers) {
            for (Map.Entry<String, NodeTuple> r : receivers.entrySet()) {
                String type = r.getKey().split("/", 2)[0];
                Node config = r.getValue().getValueNode();
                for (String path : rules.listen().getOrDefault(type, List.of())) {
                    String[] steps = path.split("\\.");
                    Node parent = config;
                    Node keyNode = r.getValue().getKeyNode();
                    boolean present = true;
                    for (int i = 0; i < steps.length - 1 && present; i++) {
                        NodeTuple t = StrictYaml.entries(parent).get(steps[i]);
                        if (t == null) {
                            present = false;
                        } else {
                            keyNode = t.getKeyNode();
                            parent = t.getValueNode();
                        }
                    }
                    if (!present) {
                        continue; // the protocol is not enabled
                    }
                    NodeTuple endpoint = StrictYaml.entries(parent).get(steps[steps.length - 1]);
                    if (endpoint == null) {
                        String protocol = steps.length > 1 ? steps[steps.length - 2] : "";
                        String dflt = rules.defaults().getOrDefault(type, Map.of()).get(protocol);
                        if (dflt != null) {
                            warning(keyNode, "receiver " + r.getKey() + " " + protocol + " has no endpoint, so it binds its default "
                                + dflt + ", which nothing outside the container can reach; set endpoint: 0.0.0.0:" + dflt.substring(dflt.lastIndexOf(':') + 1));
                        }
                        continue;
                    }
                    String value = StrictYaml.scalar(endpoint.getValueNode()).orElse("");
                    String host = host(value);
                    if (rules.loopback().contains(host)) {
                        warning(endpoint.getValueNode(), "receiver " + r.getKey() + " listens on " + value
                            + ", which is unreachable from outside the container; bind 0.0.0.0" + value.substring(value.lastIndexOf(':')));
                    }
                }
            }
        }

        private static String host(String endpoint) {
            String e = endpoint.trim();
            if (e.contains("$")) {
                return "";
            }
            if (e.startsWith("[")) {
                int close = e.indexOf(']');
                return close > 0 ? e.substring(1, close) : "";
            }
            int colon = e.lastIndexOf(':');
            return colon >= 0 ? e.substring(0, colon) : e;
        }

        /** Each {@code auth: authenticator: X} under receivers or exporters needs X defined and enabled. */
        private void authenticators(Map<String, Map<String, NodeTuple>> defined, Set<String> enabled) {
            for (String section : List.of("receivers", "exporters")) {
                for (NodeTuple component : defined.get(section).values()) {
                    StrictYaml.walk(component.getValueNode(), node -> {
                        NodeTuple auth = StrictYaml.entries(node).get("auth");
                        if (auth == null) {
                            return;
                        }
                        NodeTuple authenticator = StrictYaml.entries(auth.getValueNode()).get("authenticator");
                        if (authenticator == null) {
                            return;
                        }
                        Node value = authenticator.getValueNode();
                        String id = StrictYaml.scalar(value).orElse("");
                        if (!defined.get("extensions").containsKey(id)) {
                            missing(value, "authenticator '" + id + "' is not defined under extensions", "extension '" + id + "'");
                        } else if (!enabled.contains(id)) {
                            error(value, "authenticator '" + id + "' is defined but not listed in service.extensions; a defined extension "
                                + "is not enabled until service.extensions names it, so the authenticator is missing at start; add it there");
                        }
                    });
                }
            }
        }
    }
}

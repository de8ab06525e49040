package dev.selfhostguide.upstream;

import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The upstream facts of {@code content/data/*.yml} with their evidence and the lines they are
 * written at, read from SnakeYAML's node tree (so every fact and evidence entry keeps its line).
 * The only reader of the data files in this package, so it can be swapped for a typed loader.
 *
 * <p>A fact that is a mapping carries its evidence inline: {@code evidence: [{repo, path, match|regex}]}.
 * A fact that is a single value (an image, a service alias, an item of a LiteLLM key list) cannot, so
 * its evidence sits in the file's top-level {@code evidence:} mapping under the fact's path plus its
 * name, e.g. {@code images.clickhouse} or {@code sections.model_list}.
 */
public final class FactCatalog {

    /** A pinned repository: {@code content/data/upstream.yml sources.<key>}. */
    public record Source(String key, String repo, String commit, int line) { }

    /** Where facts of a kind live: a data file and a path of mapping keys ({@code *}) and list items ({@code []}). */
    private record Spec(String file, String path, String kind) { }

    private static final List<Spec> SPECS = List.of(
        new Spec("variables", "components.*.variables.*", "variable"),
        new Spec("variables", "insecure_defaults[]", "insecure-default"),
        new Spec("deployment", "ports.*", "port"),
        new Spec("deployment", "images.*", "image"),
        new Spec("deployment", "services.*", "service"),
        new Spec("compose", "services.*", "compose-service"),
        new Spec("endpoints", "endpoints[]", "endpoint"),
        new Spec("sdk", "init.*", "sdk-keyword"),
        new Spec("otel-collector", "agentops_config.receivers.*", "collector-receiver"),
        new Spec("otel-collector", "agentops_config.extensions.*", "collector-extension"),
        new Spec("litellm", "sections[]", "litellm-section"),
        new Spec("litellm", "litellm_settings.handled[]", "litellm-setting"),
        new Spec("litellm", "litellm_settings.documented[]", "litellm-setting"),
        new Spec("litellm", "litellm_settings.in_upstream_examples.*", "litellm-setting"),
        new Spec("litellm", "router_settings.moved.*", "litellm-setting"),
        new Spec("litellm", "callbacks.logger_compatible[]", "litellm-callback"),
        new Spec("litellm", "callbacks.legacy[]", "litellm-callback"),
        new Spec("litellm", "callbacks.proxy_special[]", "litellm-callback"),
        new Spec("litellm", "callbacks.cloud_only.*", "litellm-callback"),
        new Spec("litellm", "environment[]", "litellm-variable"));

    private static final Set<String> EVIDENCE_KEYS = Set.of("repo", "path", "match", "regex");
    public static final String CHECK = "upstream";

    private final Path dir;
    private final List<Fact> facts;
    private final Map<String, Source> sources;
    private final List<Finding> problems;

    private FactCatalog(Path dir, List<Fact> facts, Map<String, Source> sources, List<Finding> problems) {
        this.dir = dir;
        this.facts = List.copyOf(facts);
        this.sources = Map.copyOf(sources);
        this.problems = List.copyOf(problems);
    }

    /** Reads the facts of every data file in {@code dataDir}; what is malformed is a problem, not an exception. */
    public static FactCatalog load(Path dataDir) {
        List<Finding> problems = new ArrayList<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        Node upstream = compose(dataDir.resolve("upstream.yml"), problems);
        for (NodeTuple t : entries(child(upstream, "sources"))) {
            String key = scalar(t.getKeyNode()).orElse("");
            String repo = scalar(child(t.getValueNode(), "repo")).orElse("");
            String commit = scalar(child(t.getValueNode(), "commit")).orElse("");
            sources.put(key, new Source(key, repo, commit, line(t.getKeyNode())));
        }
        List<Fact> facts = new ArrayList<>();
        Map<String, Node> roots = new LinkedHashMap<>();
        for (Spec spec : SPECS) {
            Path file = dataDir.resolve(spec.file() + ".yml");
            Node root = roots.computeIfAbsent(spec.file(), f -> Files.isRegularFile(file) ? compose(file, problems) : null);
            if (root == null) {
                continue;
            }
            Map<String, Node> index = new LinkedHashMap<>();
            for (NodeTuple t : entries(child(root, "evidence"))) {
                index.put(scalar(t.getKeyNode()).orElse(""), t.getValueNode());
            }
            walk(root, spec.path().split("\\."), 0, "", spec, file, index, sources, facts, problems);
        }
        Set<String> seen = new HashSet<>();
        for (Fact fact : facts) {
            seen.add(fact.file().getFileName() + "#" + fact.id());
        }
        for (Map.Entry<String, Node> root : roots.entrySet()) {
            for (NodeTuple t : entries(child(root.getValue(), "evidence"))) {
                String key = scalar(t.getKeyNode()).orElse("");
                if (!seen.contains(root.getKey() + ".yml#" + key)) {
                    problems.add(problem(dataDir.resolve(root.getKey() + ".yml"), line(t.getKeyNode()),
                        "evidence for '" + key + "', which is no fact of this file"));
                }
            }
        }
        return new FactCatalog(dataDir, facts, sources, problems);
    }

    private static void walk(Node node, String[] steps, int at, String path, Spec spec, Path file,
                             Map<String, Node> index, Map<String, Source> sources, List<Fact> facts, List<Finding> problems) {
        if (node == null) {
            return;
        }
        String step = steps[at];
        boolean last = at == steps.length - 1;
        boolean list = step.endsWith("[]");
        String key = list ? step.substring(0, step.length() - 2) : step;
        if (key.equals("*")) {
            for (NodeTuple t : entries(node)) {
                String name = scalar(t.getKeyNode()).orElse("");
                String here = path.isEmpty() ? name : path + "." + name;
                if (last) {
                    facts.add(fact(t.getValueNode(), line(t.getKeyNode()), name, here, spec, file, index, sources, problems));
                } else {
                    walk(t.getValueNode(), steps, at + 1, here, spec, file, index, sources, facts, problems);
                }
            }
            return;
        }
        Node value = child(node, key);
        String here = path.isEmpty() ? key : path + "." + key;
        if (list) {
            if (value instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    String name = itemName(item, spec);
                    facts.add(fact(item, line(item), name, here + "." + name, spec, file, index, sources, problems));
                }
            }
        } else if (!last) {
            walk(value, steps, at + 1, here, spec, file, index, sources, facts, problems);
        }
    }

    /** A list item's name: a scalar's value, an endpoint's method and path, an insecure default's value. */
    private static String itemName(Node item, Spec spec) {
        if (item instanceof ScalarNode s) {
            return s.getValue();
        }
        if (spec.kind().equals("endpoint")) {
            return scalar(child(item, "method")).orElse("") + " " + scalar(child(item, "path")).orElse("");
        }
        return scalar(child(item, "value")).or(() -> scalar(child(item, "pattern"))).orElse("?");
    }

    private static Fact fact(Node node, int line, String name, String id, Spec spec, Path file,
                             Map<String, Node> index, Map<String, Source> sources, List<Finding> problems) {
        Map<String, String> fields = new LinkedHashMap<>();
        Node evidenceNode;
        if (node instanceof MappingNode) {
            for (NodeTuple t : entries(node)) {
                String k = scalar(t.getKeyNode()).orElse("");
                scalar(t.getValueNode()).ifPresent(v -> fields.put(k, v));
                for (NodeTuple sub : entries(t.getValueNode())) {
                    scalar(sub.getValueNode()).ifPresent(v -> fields.put(k + "." + scalar(sub.getKeyNode()).orElse(""), v));
                }
                if (t.getValueNode() instanceof SequenceNode seq && !k.equals("evidence")) {
                    List<String> items = new ArrayList<>();
                    seq.getValue().forEach(i -> scalar(i).ifPresent(items::add));
                    if (items.size() == seq.getValue().size()) {
                        fields.put(k, String.join(",", items));
                    }
                }
            }
            evidenceNode = child(node, "evidence");
        } else {
            scalar(node).ifPresent(v -> fields.put("value", v));
            evidenceNode = index.get(id);
        }
        if (spec.kind().equals("variable")) {
            fields.put("component", id.split("\\.")[1]);
        }
        String shownName = spec.kind().equals("insecure-default") ? fields.getOrDefault("value", name) : name;
        List<Evidence> evidence = new ArrayList<>();
        if (evidenceNode instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                evidence(item, file, sources, problems).ifPresent(evidence::add);
            }
        } else if (evidenceNode != null) {
            problems.add(problem(file, line(evidenceNode), "evidence of " + id + " must be a list of {repo, path, match|regex}"));
        }
        return new Fact(file, line, spec.kind(), id, shownName, fields, List.copyOf(evidence));
    }

    private static Optional<Evidence> evidence(Node item, Path file, Map<String, Source> sources, List<Finding> problems) {
        int line = line(item);
        if (!(item instanceof MappingNode)) {
            problems.add(problem(file, line, "an evidence entry must be a mapping {repo, path, match|regex}"));
            return Optional.empty();
        }
        for (NodeTuple t : entries(item)) {
            String k = scalar(t.getKeyNode()).orElse("");
            if (!EVIDENCE_KEYS.contains(k)) {
                problems.add(problem(file, line, "unknown evidence key '" + k + "'; an entry has repo, path and match or regex"));
                return Optional.empty();
            }
        }
        String repo = scalar(child(item, "repo")).orElse("");
        String path = scalar(child(item, "path")).orElse("");
        String match = scalar(child(item, "match")).orElse(null);
        String regex = scalar(child(item, "regex")).orElse(null);
        if (repo.isEmpty() || path.isEmpty()) {
            problems.add(problem(file, line, "an evidence entry needs repo and path"));
            return Optional.empty();
        }
        if (!sources.containsKey(repo)) {
            problems.add(problem(file, line, "evidence repo '" + repo + "' is not a source of content/data/upstream.yml ("
                + String.join(", ", sources.keySet()) + ")"));
            return Optional.empty();
        }
        if ((match == null) == (regex == null) || (match != null && match.isEmpty()) || (regex != null && regex.isEmpty())) {
            problems.add(problem(file, line, "an evidence entry needs exactly one of match (a literal) or regex"));
            return Optional.empty();
        }
        if (regex != null) {
            try {
                Pattern.compile(regex, Pattern.MULTILINE);
            } catch (PatternSyntaxException e) {
                problems.add(problem(file, line, "evidence regex does not compile: " + e.getDescription()));
                return Optional.empty();
            }
        }
        return Optional.of(new Evidence(repo, path, match, regex, line));
    }

    private static Finding problem(Path file, int line, String message) {
        return new Finding(file, line, CHECK, Finding.Severity.ERROR, message);
    }

    private static Node compose(Path file, List<Finding> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (YAMLException e) {
            problems.add(problem(file, 0, "invalid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        } catch (IOException e) {
            problems.add(problem(file, 0, "cannot read: " + e.getMessage()));
        }
        return null;
    }

    private static List<NodeTuple> entries(Node node) {
        return node instanceof MappingNode m ? m.getValue() : List.of();
    }

    private static Node child(Node node, String key) {
        for (NodeTuple t : entries(node)) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static Optional<String> scalar(Node node) {
        return node instanceof ScalarNode s ? Optional.of(s.getValue()) : Optional.empty();
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    public Path dir() {
        return dir;
    }

    public List<Fact> facts() {
        return facts;
    }

    public Map<String, Source> sources() {
        return sources;
    }

    /** Malformed evidence, unknown repos, evidence for no fact: each at its file and line. */
    public List<Finding> problems() {
        return problems;
    }

    /**
     * The AgentOps collector config the collector facts are read from ({@code otel-collector.yml
     * agentops_config}: repo and path), or empty.
     */
    public Optional<Evidence> collectorConfig() {
        Node config = child(root("otel-collector"), "agentops_config");
        String repo = scalar(child(config, "repo")).orElse("");
        String path = scalar(child(config, "path")).orElse("");
        return repo.isEmpty() || path.isEmpty() ? Optional.empty()
            : Optional.of(new Evidence(repo, path, path, null, config == null ? 0 : line(config)));
    }

    /**
     * Where a collector component listens when its config gives no endpoint ({@code otel-collector.yml
     * default_endpoints}), by component type, or type and protocol: {@code pprof}, {@code otlp.grpc}.
     */
    public Map<String, String> defaultEndpoints() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String section : List.of("receivers", "extensions")) {
            for (NodeTuple t : entries(child(child(root("otel-collector"), "agentops_config"), section))) {
                scalar(child(t.getValueNode(), "default_endpoint")).ifPresent(v -> result.put(scalar(t.getKeyNode()).orElse(""), v));
            }
        }
        for (NodeTuple t : entries(child(root("otel-collector"), "default_endpoints"))) {
            String type = scalar(t.getKeyNode()).orElse("");
            scalar(t.getValueNode()).ifPresent(v -> result.put(type, v));
            for (NodeTuple p : entries(t.getValueNode())) {
                scalar(p.getValueNode()).ifPresent(v -> result.put(type + "." + scalar(p.getKeyNode()).orElse(""), v));
            }
        }
        return result;
    }

    /** A component's folder or file in upstream ({@code variables.yml components.<c>.read_at}), or empty. */
    public String componentRoot(String component) {
        return scalar(child(child(child(root("variables"), "components"), component), "read_at")).orElse("");
    }

    /**
     * Variables upstream code reads that are no configuration of a deployment (set by a CI, a test
     * runner or the framework itself), name to why: {@code variables.yml not_configuration}.
     */
    public Map<String, String> notConfiguration() {
        Map<String, String> result = new LinkedHashMap<>();
        for (NodeTuple t : entries(child(root("variables"), "not_configuration"))) {
            result.put(scalar(t.getKeyNode()).orElse(""), scalar(t.getValueNode()).orElse(""));
        }
        return result;
    }

    private Node root(String name) {
        Path file = dir.resolve(name + ".yml");
        return Files.isRegularFile(file) ? compose(file, new ArrayList<>()) : null;
    }

    public List<Fact> ofKind(String kind) {
        return facts.stream().filter(f -> f.kind().equals(kind)).toList();
    }
}

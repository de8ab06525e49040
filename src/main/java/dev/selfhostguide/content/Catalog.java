package dev.selfhostguide.content;

import dev.selfhostguide.facts.Compose;
import dev.selfhostguide.facts.Endpoints;
import dev.selfhostguide.facts.Litellm;
import dev.selfhostguide.facts.Neighbours;
import dev.selfhostguide.facts.OtelCollector;
import dev.selfhostguide.facts.Replacements;
import dev.selfhostguide.facts.Sdk;
import dev.selfhostguide.facts.Secrets;
import dev.selfhostguide.facts.Variables;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The upstream facts and the reference deployment, loaded from {@code content/data/*.yml}. Pages
 * see them as AsciiDoc attributes, templates as the navigation, and checks as the truth a snippet
 * must agree with. Java holds no upstream value of its own: everything comes from these files.
 */
public final class Catalog {

    /**
     * A port of the reference deployment and upstream's default for it.
     *
     * @param note what the reference tables add about the port, or empty; {@code noteKo} the same in Korean
     */
    public record Port(String id, int reference, int upstream, String protocol, String component, String source,
                       String note, String noteKo) { }

    /** One entry of the left navigation, in chapter order, with its title in each translation. */
    public record NavEntry(String page, String title, Map<String, String> translatedTitles) {

        /** The title in {@code language}, or the English one when there is no translation. */
        public String title(String language) {
            return translatedTitles.getOrDefault(language, title);
        }
    }

    private final Path dir;
    private final Map<String, Map<String, Object>> files;
    private final Map<String, Map<String, Integer>> lines;
    private final Variables variables;
    private final Endpoints endpoints;
    private final Sdk sdk;
    private final Secrets secrets;
    private final Neighbours neighbours;
    private final OtelCollector otelCollector;
    private final Litellm litellm;
    private final Compose compose;
    private final Replacements replacements;

    private Catalog(Path dir, Map<String, Map<String, Object>> files, Map<String, Map<String, Integer>> lines) {
        this.dir = dir;
        this.files = files;
        this.lines = lines;
        // Built once, from files that passed their shapes; an absent file is an empty record.
        this.variables = Variables.from(files.getOrDefault("variables", Map.of()));
        this.endpoints = Endpoints.from(files.getOrDefault("endpoints", Map.of()));
        this.sdk = Sdk.from(files.getOrDefault("sdk", Map.of()));
        this.secrets = Secrets.from(files.getOrDefault("secrets", Map.of()));
        this.neighbours = Neighbours.from(files.getOrDefault("neighbours", Map.of()));
        this.otelCollector = OtelCollector.from(files.getOrDefault("otel-collector", Map.of()));
        this.litellm = Litellm.from(files.getOrDefault("litellm", Map.of()));
        this.compose = Compose.from(files.getOrDefault("compose", Map.of()));
        this.replacements = Replacements.from(files.getOrDefault("deployment", Map.of()));
    }

    /** content/data/variables.yml. */
    public Variables variables() {
        return variables;
    }

    /** content/data/endpoints.yml. */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** content/data/sdk.yml. */
    public Sdk sdk() {
        return sdk;
    }

    /** content/data/otel-collector.yml. */
    public OtelCollector otelCollector() {
        return otelCollector;
    }

    /** content/data/compose.yml. */
    public Compose compose() {
        return compose;
    }

    /** content/data/litellm.yml. */
    public Litellm litellm() {
        return litellm;
    }

    /** content/data/neighbours.yml. */
    public Neighbours neighbours() {
        return neighbours;
    }

    /** content/data/secrets.yml. */
    public Secrets secrets() {
        return secrets;
    }

    /** content/data/deployment.yml {@code replace:}. */
    public Replacements replacements() {
        return replacements;
    }

    /** Loads every {@code *.yml} in the folder; a missing folder is an empty catalog. */
    public static Catalog load(Path dataDir) {
        Map<String, Map<String, Object>> files = new TreeMap<>();
        Map<String, Map<String, Integer>> lines = new TreeMap<>();
        Map<String, Node> nodes = new TreeMap<>();
        if (Files.isDirectory(dataDir)) {
            try (Stream<Path> list = Files.list(dataDir)) {
                for (Path file : list.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                        String id = name.substring(0, name.lastIndexOf('.'));
                        if (!DataSchemas.FILES.containsKey(id)) {
                            throw new ContentException(file, 1, "unknown data file; the data files are "
                                + String.join(", ", DataSchemas.FILES.keySet()) + " (.yml), each with its shape in DataSchemas");
                        }
                        Map<String, Object> read = read(file);
                        nodes.put(id, validate(file, id));
                        files.put(id, read);
                        lines.put(id, keyLines(file));
                    }
                }
            } catch (IOException e) {
                throw new ContentException(dataDir, 0, "cannot list the data files: " + e.getMessage());
            }
            crossCheck(dataDir, nodes);
        }
        return new Catalog(dataDir, Collections.unmodifiableMap(files), Collections.unmodifiableMap(lines));
    }

    /**
     * The catalog the tool was built with (content/data copied into the jar as guide-data/), for
     * {@code guide doctor} run outside a checkout of the guide.
     */
    public static Catalog bundled() {
        java.net.URL url = Catalog.class.getClassLoader().getResource("guide-data");
        if (url == null) {
            return of(Map.of());
        }
        try {
            java.net.URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(uri, Map.of())) {
                    Path dir = fs.getPath("/guide-data");
                    Path copy = Files.createTempDirectory("guide-data-");
                    try (Stream<Path> list = Files.list(dir)) {
                        for (Path file : list.toList()) {
                            Files.copy(file, copy.resolve(file.getFileName().toString()));
                        }
                    }
                    Catalog catalog = load(copy);
                    try (Stream<Path> list = Files.list(copy)) {
                        for (Path file : list.toList()) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(copy);
                    return catalog;
                }
            }
            return load(Path.of(uri));
        } catch (IOException | java.net.URISyntaxException e) {
            throw new ContentException(Path.of("guide-data"), 0, "cannot read the catalog inside the tool: " + e.getMessage());
        }
    }

    /**
     * An in-memory catalog, for tests: each given file is held to its shape like a loaded one
     * (without lines), and the files not given are absent.
     */
    public static Catalog of(Map<String, Map<String, Object>> files) {
        Path dir = Path.of("content/data");
        Map<String, Node> nodes = new TreeMap<>();
        files.forEach((id, map) -> {
            Shape shape = DataSchemas.FILES.get(id);
            if (shape == null) {
                throw new ContentException(dir.resolve(id + ".yml"), 0, "unknown data file");
            }
            Node node = new Yaml().represent(map);
            shape.check(dir.resolve(id + ".yml"), node, "");
            nodes.put(id, node);
        });
        crossCheck(dir, nodes);
        return new Catalog(dir, Map.copyOf(files), Map.of());
    }

    /** Checks a data file's nodes against its shape; the problem is reported at its line. */
    private static Node validate(Path file, String id) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
            if (root == null) {
                throw new ContentException(file, 1, "empty data file");
            }
            DataSchemas.FILES.get(id).check(file, root, "");
            return root;
        } catch (IOException e) {
            throw new ContentException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /**
     * What one file says about another: every evidence entry names a source of upstream.yml, and
     * every endpoint's port is a port of deployment.yml.
     */
    private static void crossCheck(Path dir, Map<String, Node> nodes) {
        Set<String> sources = nodes.containsKey("upstream") ? keys(child(nodes.get("upstream"), "sources")) : null;
        Set<String> ports = nodes.containsKey("deployment") ? keys(child(nodes.get("deployment"), "ports")) : null;
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".yml");
            if (sources != null) {
                eachEvidence(e.getValue(), evidence -> {
                    Node repo = child(evidence, "repo");
                    if (repo instanceof ScalarNode r && !sources.contains(r.getValue())) {
                        throw new ContentException(file, Shape.line(repo), "evidence repo '" + r.getValue()
                            + "' is not a source of upstream.yml (" + String.join(", ", sources) + ")");
                    }
                });
            }
        }
        if (ports != null && nodes.get("endpoints") instanceof MappingNode endpoints
                && child(endpoints, "endpoints") instanceof SequenceNode list) {
            for (Node endpoint : list.getValue()) {
                if (child(endpoint, "port") instanceof ScalarNode port && !ports.contains(port.getValue())) {
                    throw new ContentException(dir.resolve("endpoints.yml"), Shape.line(port), "port '" + port.getValue()
                        + "' is not a port of deployment.yml (" + String.join(", ", ports) + ")");
                }
            }
        }
    }

    private static void eachEvidence(Node node, java.util.function.Consumer<Node> action) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("evidence")
                        && tuple.getValueNode() instanceof SequenceNode list) {
                    list.getValue().forEach(action);
                } else {
                    eachEvidence(tuple.getValueNode(), action);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> eachEvidence(item, action));
        }
    }

    private static Node child(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    /** The keys of a mapping node, in order; empty for anything else. */
    static Set<String> keys(Node node) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k) {
                    keys.add(k.getValue());
                }
            }
        }
        return keys;
    }

    static Map<String, Object> read(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(30);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(options)).load(reader);
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof Map<?, ?> map)) {
                throw new ContentException(file, 1, "a data file must be a YAML mapping at the top");
            }
            return stringKeys(map);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ContentException(file, line, "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ContentException(file, 0, "invalid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new ContentException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** The line of every key, by its dotted path ({@code ports.api.reference}), for error messages. */
    private static Map<String, Integer> keyLines(Path file) {
        Map<String, Integer> result = new java.util.HashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            org.yaml.snakeyaml.nodes.Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
            collectLines(root, "", result);
        } catch (IOException | YAMLException e) {
            // read() has already reported what is wrong with this file
        }
        return result;
    }

    private static void collectLines(org.yaml.snakeyaml.nodes.Node node, String path, Map<String, Integer> result) {
        if (node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping) {
            for (org.yaml.snakeyaml.nodes.NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    result.put(child, key.getStartMark().getLine() + 1);
                    collectLines(tuple.getValueNode(), child, result);
                }
            }
        } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode sequence) {
            List<org.yaml.snakeyaml.nodes.Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                String child = path + "[" + i + "]";
                result.put(child, items.get(i).getStartMark().getLine() + 1);
                collectLines(items.get(i), child, result);
            }
        }
    }

    /** The line of a key in a data file, or 0 when unknown. */
    public int line(String file, String keyPath) {
        return lines.getOrDefault(file, Map.of()).getOrDefault(keyPath, 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    public Path dir() {
        return dir;
    }

    /** An example file content/data/downloads.yml publishes though no page uses it, and why. */
    public record Download(String file, String reason, int line) { }

    /** content/data/downloads.yml's publish list (see bake.Publication). */
    public List<Download> downloads() {
        List<Download> result = new ArrayList<>();
        if (file("downloads").get("publish") instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Map<?, ?> entry) {
                    Object reason = entry.get("reason");
                    result.add(new Download(String.valueOf(entry.get("file")), reason == null ? "" : String.valueOf(reason).strip(),
                        line("downloads", "publish[" + i + "]")));
                }
            }
        }
        return result;
    }

    /**
     * The whole of {@code name.yml}, or an empty map. Private: everyone else reads the typed facts,
     * built once at load (CatalogApiTest holds this).
     */
    private Map<String, Object> file(String name) {
        return files.getOrDefault(name, Map.of());
    }

    public boolean has(String name) {
        return files.containsKey(name);
    }

    /** The path of a data file, for error messages. */
    public Path path(String name) {
        return dir.resolve(name + ".yml");
    }

    /** A mapping under {@code file}/{@code key}; wrong types are reported with the file name. */
    private Map<String, Object> section(String file, String key) {
        Object value = file(file).get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return stringKeys(map);
        }
        throw new ContentException(path(file), line(file, key), "'" + key + "' must be a mapping, not " + typeName(value));
    }

    /** The ports of the reference deployment, in file order. */
    public List<Port> ports() {
        List<Port> ports = new ArrayList<>();
        for (Map.Entry<String, Object> e : section("deployment", "ports").entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> raw)) {
                throw new ContentException(path("deployment"), line("deployment", "ports." + e.getKey()),
                    "ports." + e.getKey() + " must be a mapping with reference and upstream");
            }
            Map<String, Object> p = stringKeys(raw);
            int reference = integer(p, "reference", "ports." + e.getKey());
            int upstream = p.containsKey("upstream") ? integer(p, "upstream", "ports." + e.getKey()) : reference;
            ports.add(new Port(e.getKey(), reference, upstream, text(p.get("protocol")), text(p.get("component")),
                text(p.get("source")), text(p.get("note")), text(p.get("note_ko"))));
        }
        return ports;
    }

    public Optional<Port> port(String id) {
        return ports().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Map<String, String> hosts() {
        return strings("deployment", "hosts");
    }

    public Map<String, String> services() {
        return strings("deployment", "services");
    }

    public Map<String, String> images() {
        return strings("deployment", "images");
    }

    public Map<String, String> values() {
        return strings("deployment", "values");
    }

    /** The pinned upstream sources: id to {repo, commit, version, ...}. */
    public Map<String, Map<String, String>> sources() {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : section("upstream", "sources").entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> raw)) {
                throw new ContentException(path("upstream"), line("upstream", "sources." + e.getKey()),
                    "sources." + e.getKey() + " must be a mapping");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            raw.forEach((k, v) -> fields.put(String.valueOf(k), text(v)));
            result.put(e.getKey(), fields);
        }
        return result;
    }

    /** The chapters in navigation order. */
    public List<NavEntry> nav() {
        Object chapters = file("nav").get("chapters");
        if (chapters == null) {
            return List.of();
        }
        if (!(chapters instanceof List<?> list)) {
            throw new ContentException(path("nav"), line("nav", "chapters"), "'chapters' must be a list");
        }
        List<NavEntry> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof Map<?, ?> raw) || raw.get("page") == null) {
                throw new ContentException(path("nav"), line("nav", "chapters[" + i + "]"),
                    "each chapter needs a 'page' and a 'title'");
            }
            Map<String, String> translated = new LinkedHashMap<>();
            raw.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.startsWith("title_") && v != null) {
                    translated.put(key.substring("title_".length()), text(v));
                }
            });
            result.add(new NavEntry(text(raw.get("page")), text(raw.get("title")), Map.copyOf(translated)));
        }
        return result;
    }

    /**
     * The AsciiDoc attributes the data defines: {@code <port>-port}, {@code <port>-port-upstream},
     * {@code <host>-host}, {@code <service>-service}, {@code <image>-image}, every value under
     * {@code values}, and {@code <source>-repo/-commit/-version} for each pinned upstream source.
     */
    public Map<String, String> attributes() {
        Map<String, String> attributes = new TreeMap<>();
        for (Port port : ports()) {
            attributes.put(port.id() + "-port", Integer.toString(port.reference()));
            attributes.put(port.id() + "-port-upstream", Integer.toString(port.upstream()));
        }
        hosts().forEach((k, v) -> attributes.put(k + "-host", v));
        services().forEach((k, v) -> attributes.put(k + "-service", v));
        images().forEach((k, v) -> attributes.put(k + "-image", v));
        attributes.putAll(values());
        sources().forEach((id, fields) -> fields.forEach((k, v) -> {
            if (!v.isEmpty()) {
                attributes.put(id + "-" + k, v);
            }
        }));
        return attributes;
    }

    private Map<String, String> strings(String file, String key) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : section(file, key).entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map || v instanceof List) {
                throw new ContentException(path(file), line(file, key + "." + e.getKey()),
                    key + "." + e.getKey() + " must be a single value");
            }
            result.put(e.getKey(), text(v));
        }
        return result;
    }

    private int integer(Map<String, Object> map, String key, String where) {
        Object v = map.get(key);
        if (v instanceof Integer i && i > 0 && i < 65536) {
            return i;
        }
        throw new ContentException(path("deployment"), line("deployment", where + "." + key) > 0
                ? line("deployment", where + "." + key) : line("deployment", where),
            where + "." + key + " must be a port number, not " + (v == null ? "missing" : "'" + v + "'"));
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String typeName(Object value) {
        return value instanceof List ? "a list" : "'" + value + "'";
    }
}

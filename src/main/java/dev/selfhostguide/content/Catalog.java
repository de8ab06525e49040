package dev.selfhostguide.content;

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
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The upstream facts and the reference deployment, loaded from {@code content/data/*.yml}. Pages
 * see them as AsciiDoc attributes, templates as the navigation, and checks as the truth a snippet
 * must agree with. Java holds no upstream value of its own: everything comes from these files.
 */
public final class Catalog {

    /** A port of the reference deployment and upstream's default for it. */
    public record Port(String id, int reference, int upstream, String protocol, String component, String source) { }

    /** One entry of the left navigation, in chapter order. */
    public record NavEntry(String page, String title) { }

    private final Path dir;
    private final Map<String, Map<String, Object>> files;

    private Catalog(Path dir, Map<String, Map<String, Object>> files) {
        this.dir = dir;
        this.files = files;
    }

    /** Loads every {@code *.yml} in the folder; a missing folder is an empty catalog. */
    public static Catalog load(Path dataDir) {
        Map<String, Map<String, Object>> files = new TreeMap<>();
        if (Files.isDirectory(dataDir)) {
            try (Stream<Path> list = Files.list(dataDir)) {
                for (Path file : list.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                        files.put(name.substring(0, name.lastIndexOf('.')), read(file));
                    }
                }
            } catch (IOException e) {
                throw new ContentException(dataDir, 0, "cannot list the data files: " + e.getMessage());
            }
        }
        return new Catalog(dataDir, Collections.unmodifiableMap(files));
    }

    /** An in-memory catalog, for tests and for readers' files checked without the guide. */
    public static Catalog of(Map<String, Map<String, Object>> files) {
        return new Catalog(Path.of("content/data"), Map.copyOf(files));
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    public Path dir() {
        return dir;
    }

    /** The whole of {@code name.yml}, or an empty map. */
    public Map<String, Object> file(String name) {
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
    public Map<String, Object> section(String file, String key) {
        Object value = file(file).get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return stringKeys(map);
        }
        throw new ContentException(path(file), 0, "'" + key + "' must be a mapping, not " + typeName(value));
    }

    /** The ports of the reference deployment, in file order. */
    public List<Port> ports() {
        List<Port> ports = new ArrayList<>();
        for (Map.Entry<String, Object> e : section("deployment", "ports").entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> raw)) {
                throw new ContentException(path("deployment"), 0,
                    "ports." + e.getKey() + " must be a mapping with reference and upstream");
            }
            Map<String, Object> p = stringKeys(raw);
            int reference = integer(p, "reference", "ports." + e.getKey());
            int upstream = p.containsKey("upstream") ? integer(p, "upstream", "ports." + e.getKey()) : reference;
            ports.add(new Port(e.getKey(), reference, upstream, text(p.get("protocol")), text(p.get("component")),
                text(p.get("source"))));
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
                throw new ContentException(path("upstream"), 0, "sources." + e.getKey() + " must be a mapping");
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
            throw new ContentException(path("nav"), 0, "'chapters' must be a list");
        }
        List<NavEntry> result = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> raw) || raw.get("page") == null) {
                throw new ContentException(path("nav"), 0, "each chapter needs a 'page' and a 'title'");
            }
            result.add(new NavEntry(text(raw.get("page")), text(raw.get("title"))));
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
                throw new ContentException(path(file), 0, key + "." + e.getKey() + " must be a single value");
            }
            result.put(e.getKey(), text(v));
        }
        return result;
    }

    private int integer(Map<String, Object> map, String key, String where) {
        Object v = map.get(key);
        if (v instanceof Integer i) {
            return i;
        }
        throw new ContentException(path("deployment"), 0,
            where + "." + key + " must be a port number, not " + (v == null ? "missing" : "'" + v + "'"));
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String typeName(Object value) {
        return value instanceof List ? "a list" : "'" + value + "'";
    }
}

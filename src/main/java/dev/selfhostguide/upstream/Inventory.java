package dev.selfhostguide.upstream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What an upstream tree itself declares, in the catalog's terms: the variables the API reads
 * ({@code os.environ[...]}, {@code os.getenv}, {@code os.environ.get}, pydantic settings fields),
 * the dashboard reads ({@code process.env.X}) and the compose files interpolate or set; the compose
 * services with their ports, images and build contexts; the collector's receivers, extensions and
 * endpoints. Each item keeps the file and line it was found at.
 */
public final class Inventory {

    /** One declared thing; {@code value} is a default, an image, a context or an endpoint, or empty. */
    public record Item(String kind, String component, String name, String value, String file, int line) {

        public String key() {
            return kind + "|" + component + "|" + name;
        }

        public String where() {
            return file + ":" + line;
        }
    }

    /** Where the things live in the tree; taken from the catalog so no upstream path is written in Java. */
    public record Layout(List<String> apiRoots, List<String> dashboardRoots, List<String> composeFiles, String collectorConfig) {

        public static Layout of(FactCatalog catalog) {
            List<String> compose = new ArrayList<>();
            for (Fact service : catalog.ofKind("compose-service")) {
                String file = service.field("file");
                if (!file.isEmpty() && !compose.contains(file)) {
                    compose.add(file);
                }
            }
            return new Layout(roots(catalog.componentRoot("api")), roots(catalog.componentRoot("dashboard")), compose,
                catalog.collectorConfig().map(Evidence::path).orElse(""));
        }

        private static List<String> roots(String root) {
            return root.isEmpty() ? List.of() : List.of(root);
        }
    }

    private static final Pattern PY_ENV = Pattern.compile(
        "os\\.(?:environ\\[\\s*|getenv\\(\\s*|environ\\.get\\(\\s*)[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']\\s*(?:,\\s*([^)\\n]*))?");
    private static final Pattern PY_SETTINGS = Pattern.compile("^class\\s+\\w+\\s*\\([^)]*BaseSettings[^)]*\\)\\s*:", Pattern.MULTILINE);
    private static final Pattern PY_FIELD = Pattern.compile("^\\s{4}([a-z_][a-z0-9_]*)\\s*:\\s*[^=\\n]+(?:=\\s*(.+))?$");
    private static final Pattern JS_ENV = Pattern.compile("process\\.env(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']\\s*\\])");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+]([^}]*))?\\}");
    private static final Pattern JS_FILE = Pattern.compile(".*\\.(ts|tsx|js|jsx|mjs|cjs)$");

    private final String commit;
    private final Map<String, Item> items;
    private final UpstreamTree tree;

    private Inventory(String commit, Map<String, Item> items, UpstreamTree tree) {
        this.commit = commit;
        this.items = items;
        this.tree = tree;
    }

    public static Inventory of(UpstreamTree tree, Layout layout) {
        Map<String, Item> items = new LinkedHashMap<>();
        for (String root : layout.apiRoots()) {
            for (String file : tree.under(root)) {
                if (file.endsWith(".py")) {
                    python(tree.files().get(file), file, items);
                }
            }
        }
        for (String root : layout.dashboardRoots()) {
            for (String file : tree.under(root)) {
                if (JS_FILE.matcher(file).matches() && !file.contains("/node_modules/")) {
                    javascript(tree.files().get(file), file, items);
                }
            }
        }
        for (String file : layout.composeFiles()) {
            tree.read(file).ifPresent(text -> compose(text, file, items));
        }
        if (!layout.collectorConfig().isEmpty()) {
            tree.read(layout.collectorConfig()).ifPresent(text -> collector(text, layout.collectorConfig(), items));
        }
        return new Inventory(tree.commit(), items, tree);
    }

    private static void python(String text, String file, Map<String, Item> items) {
        Matcher m = PY_ENV.matcher(text);
        while (m.find()) {
            if (commented(text, m.start(), "#")) {
                continue;
            }
            String fallback = m.group(2) == null ? "" : m.group(2).trim();
            put(items, new Item("variable", "api", m.group(1), unquote(fallback), file, Evidence.lineOf(text, m.start())));
        }
        Matcher settings = PY_SETTINGS.matcher(text);
        while (settings.find()) {
            String[] lines = text.substring(settings.end()).split("\n", -1);
            int first = Evidence.lineOf(text, settings.end());
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("\t")) {
                    break;
                }
                Matcher f = PY_FIELD.matcher(line);
                if (f.matches() && !f.group(1).equals("model_config")) {
                    String fallback = f.group(2) == null ? "" : f.group(2).trim();
                    put(items, new Item("variable", "api", f.group(1).toUpperCase(java.util.Locale.ROOT), unquote(fallback), file, first + i));
                }
            }
        }
    }

    private static void javascript(String text, String file, Map<String, Item> items) {
        Matcher m = JS_ENV.matcher(text);
        while (m.find()) {
            if (commented(text, m.start(), "//")) {
                continue;
            }
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            put(items, new Item("variable", "dashboard", name, "", file, Evidence.lineOf(text, m.start())));
        }
    }

    @SuppressWarnings("unchecked")
    private static void compose(String text, String file, Map<String, Item> items) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().startsWith("#")) {
                continue;
            }
            Matcher m = INTERPOLATION.matcher(lines[i]);
            while (m.find()) {
                put(items, new Item("variable", "compose", m.group(1), m.group(2) == null ? "" : m.group(2), file, i + 1));
            }
        }
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            return;
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("services") instanceof Map<?, ?> services)) {
            return;
        }
        for (Map.Entry<?, ?> s : services.entrySet()) {
            String service = String.valueOf(s.getKey());
            int line = lineOf(lines, "^\\s*" + Pattern.quote(service) + "\\s*:", 1);
            put(items, new Item("service", "compose", service, file, file, line));
            if (!(s.getValue() instanceof Map<?, ?> def)) {
                continue;
            }
            if (def.get("image") != null) {
                String image = String.valueOf(def.get("image"));
                put(items, new Item("image", service, image, image, file, lineOf(lines, Pattern.quote(image), line)));
            }
            Object build = def.get("build");
            String context = build instanceof Map<?, ?> b ? String.valueOf(((Map<String, Object>) b).getOrDefault("context", ".")) : build == null ? null : String.valueOf(build);
            if (context != null) {
                put(items, new Item("build", service, "context", context, file, lineOf(lines, "^\\s*(build|context)\\s*:", line)));
            }
            if (def.get("ports") instanceof List<?> ports) {
                for (Object port : ports) {
                    String mapping = port instanceof Map<?, ?> p ? p.get("published") + ":" + p.get("target") : String.valueOf(port);
                    put(items, new Item("port", service, mapping, mapping, file, lineOf(lines, Pattern.quote(mapping), line)));
                }
            }
            Object environment = def.get("environment");
            Collection<String> names = new ArrayList<>();
            if (environment instanceof Map<?, ?> env) {
                env.keySet().forEach(k -> names.add(String.valueOf(k)));
            } else if (environment instanceof List<?> env) {
                env.forEach(e -> names.add(String.valueOf(e).split("=", 2)[0]));
            }
            for (String name : names) {
                put(items, new Item("environment", service, name, "", file, lineOf(lines, "^\\s*-?\\s*" + Pattern.quote(name) + "\\s*[=:]", line)));
            }
        }
    }

    private static void collector(String text, String file, Map<String, Item> items) {
        CollectorConfig.parse(text, Map.of()).ifPresent(config -> {
            String[] lines = text.split("\n", -1);
            for (String receiver : config.receivers()) {
                put(items, new Item("collector-receiver", "collector", receiver, "", file, lineOf(lines, "^\\s*" + Pattern.quote(receiver) + "\\s*:", 1)));
            }
            for (String extension : config.extensions()) {
                put(items, new Item("collector-extension", "collector", extension, "", file, lineOf(lines, "^\\s*" + Pattern.quote(extension) + "\\s*:", 1)));
            }
            for (CollectorConfig.Listener l : config.listeners()) {
                put(items, new Item("collector-endpoint", "collector", l.component(), l.endpoint(), file,
                    lineOf(lines, Pattern.quote(l.endpoint()), 1)));
            }
        });
    }

    /** Whether a line comment starts before {@code offset} on its line: code that no longer runs reads nothing. */
    private static boolean commented(String text, int offset, String marker) {
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        return text.substring(start, offset).contains(marker);
    }

    private static int lineOf(String[] lines, String regex, int from) {
        Pattern p = Pattern.compile(regex);
        for (int i = Math.max(0, from - 1); i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return from;
    }

    private static String unquote(String value) {
        String v = value.trim();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static void put(Map<String, Item> items, Item item) {
        Item known = items.get(item.key());
        // The first place that gives a default wins, so a default is not lost to a bare read elsewhere.
        if (known == null || (known.value().isEmpty() && !item.value().isEmpty())) {
            items.put(item.key(), item);
        }
    }

    public String commit() {
        return commit;
    }

    public Map<String, Item> items() {
        return items;
    }

    public List<Item> ofKind(String kind) {
        return items.values().stream().filter(i -> i.kind().equals(kind)).toList();
    }

    /** Whether {@code name} occurs as a word in a file under any of {@code roots} ("" is the whole tree). */
    public boolean mentions(List<String> roots, String name) {
        for (String root : roots) {
            for (String file : tree.under(root)) {
                if (words(file).contains(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private final Map<String, java.util.Set<String>> words = new java.util.HashMap<>();

    /** The identifiers of a file, computed once: discovery asks about hundreds of names. */
    private java.util.Set<String> words(String file) {
        return words.computeIfAbsent(file, f -> {
            java.util.Set<String> result = new java.util.HashSet<>();
            Matcher m = WORD.matcher(tree.files().get(f));
            while (m.find()) {
                result.add(m.group());
            }
            return result;
        });
    }

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
}

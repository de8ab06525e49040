package dev.selfhostguide.checks;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a reader's own file is, so {@code guide doctor} can run the same checks the guide's
 * snippets get: by its name first, then by what it contains.
 */
public enum FileKind {

    DOTENV("dotenv", "dotenv"),
    COMPOSE("compose", "yaml"),
    LITELLM("litellm-config", "yaml"),
    OTEL("otel-collector", "yaml"),
    NGINX("nginx", "nginx"),
    SHELL("shell", "bash"),
    PYTHON("python", "python"),
    JSON("json", "json"),
    YAML("yaml", "yaml");

    private final String id;
    private final String language;

    FileKind(String id, String language) {
        this.id = id;
        this.language = language;
    }

    public String id() {
        return id;
    }

    /** The language a guide block of this kind would have. */
    public String language() {
        return language;
    }

    /** The block attributes a guide block of this kind would carry. */
    public Map<String, String> attributes(String component) {
        java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
        attributes.put("origin", "reader");
        // Checks shared by several kinds (YAML syntax) judge some things by the program that reads it.
        attributes.put("kind", id);
        // The checks that serve this kind but run only when named (compose, litellm-config, ...)
        // come from their own declarations, so a new check of that sort needs no edit here.
        String named = CheckRegistry.forReaders().all().stream()
            .filter(c -> !c.automatic() && c.serves().contains(this))
            .map(Check::id).collect(java.util.stream.Collectors.joining(","));
        if (!named.isEmpty()) {
            attributes.put("check", named);
        }
        if (this == DOTENV) {
            attributes.put("component", component);
            // A reader's .env holds real secrets: only the published insecure defaults are wrong there.
            attributes.put("secrets", "real");
        }
        return attributes;
    }

    public static Optional<FileKind> byId(String id) {
        for (FileKind kind : values()) {
            if (kind.id.equals(id) || kind.name().equalsIgnoreCase(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public static String ids() {
        StringBuilder ids = new StringBuilder();
        for (FileKind kind : values()) {
            ids.append(ids.length() == 0 ? "" : ", ").append(kind.id);
        }
        return ids.toString();
    }

    /**
     * The kind of a file: from its name (for YAML, with its top-level keys); a template of a known
     * file ({@code app.env.tpl}, {@code nginx.conf.template}) as that file; else from its content,
     * for the two kinds operators name freely (nginx site files, .env files). Empty when unsure.
     */
    public static Optional<FileKind> detect(Path file, String text) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Optional<FileKind> kind = byName(name, text);
        Matcher template = TEMPLATE.matcher(name);
        if (kind.isEmpty() && template.matches()) {
            kind = byName(template.group(1), text);
        }
        return kind.isPresent() ? kind : byContent(text);
    }

    /** Suffixes that make a file the template of another: what it becomes is what it is checked as. */
    private static final Pattern TEMPLATE = Pattern.compile("(.+)\\.(?:template|tmpl|tpl|example|sample|dist|j2|in)");
    /** An nginx block that opens a site, and a directive only a site has. */
    private static final Pattern NGINX_BLOCK = Pattern.compile("(?m)^\\s*(?:server|http|upstream\\s+[\\w.-]+)\\s*\\{");
    /** The top-level blocks of nginx's main file: a main file may hold no server at all, only includes. */
    private static final Pattern NGINX_MAIN = Pattern.compile("(?m)^(?:http|events)\\s*\\{");
    private static final Pattern NGINX_DIRECTIVE = Pattern.compile("(?m)^\\s*(?:listen|server_name|location|proxy_pass)\\s");
    /** A dotenv line: NAME=value, optionally exported; {@code ==} is a pip pin, not an assignment. */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:export\\s+)?[A-Za-z_][A-Za-z0-9_]*=(?!=).*");

    private static Optional<FileKind> byName(String name, String text) {
        if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env") || name.equals("env.example")
                || name.endsWith(".env.example") || name.endsWith(".env.local") || name.endsWith(".env.production")) {
            return Optional.of(DOTENV);
        }
        if (name.equals("nginx.conf") || name.endsWith(".conf") && (NGINX_MAIN.matcher(text).find()
                || text.contains("server {") || text.contains("location ") || text.contains("upstream "))) {
            return Optional.of(NGINX);
        }
        if (name.endsWith(".sh") || name.endsWith(".bash")) {
            return Optional.of(SHELL);
        }
        if (name.endsWith(".py")) {
            return Optional.of(PYTHON);
        }
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            if (name.contains("compose") || hasTopLevel(text, "services")) {
                return Optional.of(COMPOSE);
            }
            if (hasTopLevel(text, "model_list") || hasTopLevel(text, "litellm_settings")) {
                return Optional.of(LITELLM);
            }
            if (hasTopLevel(text, "receivers") && hasTopLevel(text, "service")) {
                return Optional.of(OTEL);
            }
            return Optional.of(YAML);
        }
        return Optional.empty();
    }

    private static Optional<FileKind> byContent(String text) {
        // Without a name to go by, a site file must both open a block and hold a site's directive.
        if (NGINX_MAIN.matcher(text).find() || NGINX_BLOCK.matcher(text).find() && NGINX_DIRECTIVE.matcher(text).find()) {
            return Optional.of(NGINX);
        }
        int assignments = 0;
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (!ASSIGNMENT.matcher(t).matches()) {
                return Optional.empty();
            }
            assignments++;
        }
        // One line could be anything; two or more lines that are all NAME=value are a .env.
        return assignments >= 2 ? Optional.of(DOTENV) : Optional.empty();
    }

    private static boolean hasTopLevel(String text, String key) {
        for (String line : text.split("\\R")) {
            if (line.startsWith(key + ":")) {
                return true;
            }
        }
        return false;
    }
}

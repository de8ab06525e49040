package dev.selfhostguide.checks;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a reader's own file is, so {@code guide doctor} can run the same checks the guide's
 * snippets get: by its name first, then by what it contains.
 */
public enum FileKind {

    DOTENV("dotenv", "dotenv", null),
    COMPOSE("compose", "yaml", "compose"),
    LITELLM("litellm-config", "yaml", "litellm-config"),
    OTEL("otel-collector", "yaml", "otel-collector"),
    NGINX("nginx", "nginx", null),
    SHELL("shell", "bash", null),
    PYTHON("python", "python", null),
    JSON("json", "json", null),
    YAML("yaml", "yaml", null);

    private final String id;
    private final String language;
    private final String check;

    FileKind(String id, String language, String check) {
        this.id = id;
        this.language = language;
        this.check = check;
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
        if (check != null) {
            attributes.put("check", check);
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

    /** The kind of a file, from its name and, for YAML, its top-level keys; empty when unsure. */
    public static Optional<FileKind> detect(Path file, String text) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env") || name.equals("env.example")
                || name.endsWith(".env.example") || name.endsWith(".env.local") || name.endsWith(".env.production")) {
            return Optional.of(DOTENV);
        }
        if (name.endsWith(".conf") && (text.contains("server {") || text.contains("location ") || text.contains("upstream "))) {
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

    private static boolean hasTopLevel(String text, String key) {
        for (String line : text.split("\\R")) {
            if (line.startsWith(key + ":")) {
                return true;
            }
        }
        return false;
    }
}

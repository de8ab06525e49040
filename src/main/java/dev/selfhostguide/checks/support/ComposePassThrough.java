package dev.selfhostguide.checks.support;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The variables the guide's own compose files hand to containers: {@code KEY: ${VAR}} under a
 * service's environment. Upstream's compose never passes AUTH_COOKIE_SECRET or FREEPLAN_*, but
 * the guide's override does, so a .env that sets them for that override is not setting dead
 * variables. Snippets are checked against each other, not only against upstream.
 */
public final class ComposePassThrough {

    /** Compose hands {@code variable} to {@code component}'s container as {@code as}. */
    public record Pass(String variable, String component, String as) { }

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private ComposePassThrough() {
    }

    public static List<Pass> of(List<Snippet> snippets, Catalog catalog) {
        List<Pass> passes = new ArrayList<>();
        Map<String, String> components = new java.util.HashMap<>();
        catalog.services().forEach((component, service) -> components.put(service, component));
        for (Snippet snippet : snippets) {
            if (!snippet.attribute("check").orElse("").contains("compose")) {
                continue;
            }
            Object root;
            try {
                LoaderOptions options = new LoaderOptions();
                options.setMaxAliasesForCollections(20);
                root = new Yaml(new SafeConstructor(options)).load(snippet.text());
            } catch (RuntimeException invalid) {
                continue;                       // the yaml check reports it
            }
            if (!(root instanceof Map<?, ?> top) || !(top.get("services") instanceof Map<?, ?> services)) {
                continue;
            }
            services.forEach((name, definition) -> {
                String component = components.getOrDefault(String.valueOf(name), String.valueOf(name));
                if (definition instanceof Map<?, ?> service) {
                    collect(service.get("environment"), component, passes);
                }
            });
        }
        return passes;
    }

    private static void collect(Object environment, String component, List<Pass> passes) {
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> add(String.valueOf(key), String.valueOf(value), component, passes));
        } else if (environment instanceof List<?> list) {
            for (Object item : list) {
                String entry = String.valueOf(item);
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    add(entry.substring(0, eq), entry.substring(eq + 1), component, passes);
                }
            }
        }
    }

    private static void add(String key, String value, String component, List<Pass> passes) {
        Matcher m = REFERENCE.matcher(value);
        while (m.find()) {
            passes.add(new Pass(m.group(1), component, key));
        }
    }
}

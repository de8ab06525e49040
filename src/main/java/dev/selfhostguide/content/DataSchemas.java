package dev.selfhostguide.content;

import static dev.selfhostguide.content.Shape.fields;
import static dev.selfhostguide.content.Shape.flag;
import static dev.selfhostguide.content.Shape.port;
import static dev.selfhostguide.content.Shape.listOf;
import static dev.selfhostguide.content.Shape.mapOf;
import static dev.selfhostguide.content.Shape.regex;
import static dev.selfhostguide.content.Shape.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of each data file in content/data. A new key in a data file is added here first, so a
 * typo is never read as a rule that is simply absent. Values the guide does not interpret itself
 * (notes, sources, upstream's own spellings) are text.
 */
final class DataSchemas {

    private DataSchemas() {
    }

    private static final Shape SOURCE = fields().required("repo", text()).optional("commit", text())
        .optional("paths", listOf(text())).optional("version", text())
        .optional("commits", mapOf(text()));

    private static final Shape PATTERN_WHAT = fields().required("pattern", regex()).optional("what", text());

    /** Evidence for facts that are single values, keyed by the fact's path in the file (images.clickhouse). */
    private static final Shape EVIDENCE_BY_FACT = mapOf(listOf(Evidence.SHAPE));

    static final Map<String, Shape> FILES = files();

    private static Map<String, Shape> files() {
        Map<String, Shape> files = new LinkedHashMap<>();
        files.put("deployment", fields()
            .required("ports", mapOf(fields().required("reference", port()).optional("upstream", port())
.required("protocol", text()).optional("component", text()).optional("source", text())
                .optional("own", text())))
            .optional("hosts", mapOf(text()))
            .optional("services", mapOf(text()))
            .optional("images", mapOf(text()))
            .optional("values", mapOf(text()))
            // The values-to-change table (guide-table::replace[]): each value with the example files that hold it.
            .optional("replace", listOf(fields().optional("attribute", text()).optional("variable", text())
                .required("kind", text()).required("files", listOf(text())).required("what", text()).optional("what_ko", text())))
            .optional("evidence", EVIDENCE_BY_FACT));
        files.put("upstream", fields()
            .required("sources", mapOf(fields().optional("repo", text()).optional("commit", text())
                .optional("version", text()).optional("licence", text()).optional("path", text()))));
        files.put("nav", fields()
            .required("chapters", listOf(fields().required("page", text()).required("title", text()))));
        files.put("secrets", fields()
            // value is exact or a regular expression for the whole value; an entry without a reason
            // allows nothing, and the published-text scan reports it at its line.
            .required("placeholders", listOf(fields().required("value", text()).optional("reason", text()))));
        // The projects AgentOps runs next to (Supabase, LiteLLM), as far as guide doctor needs them.
        files.put("neighbours", fields()
            .optional("source", SOURCE)
            .required("projects", mapOf(fields().optional("source", SOURCE).optional("signature", listOf(text()))
                .optional("provider_names", fields().required("names", listOf(text())).required("at_least", Shape.integer(1, 50)))
                .optional("client_names", fields().required("names", listOf(text()))
                    .required("source", fields().required("repo", text()).required("path", text()).required("commit", text())))
                .optional("host_ports", mapOf(fields().required("service", text()).required("container", port())))))
            .optional("published_secrets", listOf(fields().required("value", text()).required("reason", text())
                .optional("client_facing", flag())
                .optional("source", fields().required("repo", text()).optional("path", text()).optional("commit", text()))
                .optional("also", listOf(fields().required("repo", text()).required("path", text()).required("commit", text())
                    .required("match", text()))))));
        files.put("downloads", fields()
            .required("publish", listOf(fields().required("file", text()).optional("reason", text()))));
        files.put("endpoints", fields()
            .optional("source", SOURCE)
            .required("endpoints", listOf(fields().required("method", text()).required("path", text())
                .required("component", text()).required("port", text()).optional("source", text())
                .optional("response", text()).optional("body", text()).optional("auth", text()).optional("verified", flag())))
            .optional("proxy_headers", fields().optional("source", text())
                .optional("required", listOf(fields().required("header", text()).required("rule", text())))
                .optional("passed_through", listOf(fields().required("header", text()).required("rule", text())))));
        files.put("sdk", fields()
            .optional("source", SOURCE)
            .required("init", mapOf(fields().optional("env", text()).optional("default", text()).optional("secret", flag())
                .optional("url", text()).optional("path_suffix", text()).optional("appends", text()).optional("via_kwargs", flag())
                .optional("deprecated", text())))
            .optional("exporter", fields().optional("protocol", text()).optional("path", text()).optional("auth", text())
                .optional("token_path", text()).optional("upload_paths", listOf(text()))
                .optional("metrics_endpoint", fields().required("value", text()).optional("configurable", flag())
                    .optional("read_at", text()))));
        files.put("variables", fields()
            .optional("source", SOURCE)
            .required("secret_suffixes", listOf(text()))
            .required("placeholders", listOf(PATTERN_WHAT))
            .optional("upstream_placeholders", listOf(PATTERN_WHAT))
            .optional("real_looking", listOf(PATTERN_WHAT))
            .optional("insecure_defaults", listOf(fields().required("value", text()).required("reason", text())))
            // Names upstream's code reads that are set by its CI, test runner or build platform, not by an operator.
            .optional("not_configuration", mapOf(text()))
            // What each variable does, per component, in both editions (guide-table::variables[]).
            // dead_ko at component level holds the YAML anchors the rows share; note_ko comes with every mapping.
            .optional("descriptions", mapOf(fields().optional("unset", fields().optional("en", text()).optional("ko", text()))
                .optional("dead_ko", mapOf(text()))
                .optional("variables", mapOf(fields().optional("en", text()).optional("ko", text())
                    .optional("dead_ko", text()).optional("default", text())))))
            .required("components", mapOf(fields().optional("title", text()).optional("read_at", text())
                .required("variables", mapOf(fields().optional("read_at", text()).optional("default", text())
                    .optional("secret", flag()).optional("dead", text())
                    .optional("passes_to", listOf(new Shape.Checked(fields().optional("component", text())
                        .optional("service", text()).optional("as", text()), DataSchemas::componentOrService)))
                    .optional("type", new Shape.Scalar("integer", v -> v.equals("integer") ? null : "the only type is integer"))
                    .optional("empty", text()).optional("tokens", listOf(text()))
                    .optional("read_from_process_environment", flag())
                    // A URL users' browsers call, so localhost there means each user's own machine.
                    .optional("browser", flag()).optional("browser_why", text())
                    // The only value upstream works with (its code hard-codes it), and why.
                    .optional("must_be", fields().required("value", text()).required("why", text())))))));
        Shape build = new Shape.Either(text(), fields().optional("context", text()).optional("dockerfile", text())
            .optional("args", mapOf(text())));
        files.put("compose", fields()
            .optional("source", SOURCE)
            .optional("include", listOf(text()))
            .required("services", mapOf(fields().optional("file", text()).optional("build", build).optional("image", text())
                .optional("container_name", text()).optional("ports", listOf(text())).optional("network_mode", text())
                .optional("volumes", listOf(text())).optional("environment", mapOf(text())).optional("defaults", mapOf(text()))
                .optional("profiles", listOf(text())).optional("depends_on", listOf(text())).optional("included", flag())))
            .required("spec", fields().required("top_level", listOf(text())).optional("obsolete_top_level", listOf(text()))
                .required("network_modes", listOf(text())).optional("network_mode_prefixes", listOf(text()))
                .required("port_protocols", listOf(text())).required("long_port_keys", listOf(text()))
                .optional("port_flags", listOf(text())).optional("port_variables", listOf(text()))));
        files.put("litellm", fields()
            .optional("source", SOURCE)
            .required("sections", listOf(text()))
            .required("litellm_settings", fields().optional("handled", listOf(text())).optional("documented", listOf(text()))
                .optional("dead_patterns", listOf(fields().required("pattern", regex()).required("reason", text())))
                .optional("in_upstream_examples", mapOf(listOf(fields().required("path", text()).optional("commit", text())))))
            .optional("router_settings", fields().optional("moved", mapOf(text())))
            .required("callbacks", mapOf(new Shape.Either(listOf(text()), mapOf(text()))))
            .optional("environment", listOf(text()))
            .optional("os_environ_prefix", text())
            // general_settings is a plain dict: keys that belong in another section are read by nothing there.
            .optional("general_settings", fields().optional("belongs_elsewhere", mapOf(text())))
            .optional("expands_dollar_braces", flag())
            .optional("evidence", EVIDENCE_BY_FACT));
        files.put("otel-collector", fields()
            .optional("source", SOURCE)
            .required("top_level", listOf(text())).required("service_keys", listOf(text()))
            .required("component_sections", listOf(text())).required("pipeline_keys", listOf(text()))
            .required("signals", listOf(text())).optional("gated_signals", listOf(text()))
            .required("component_type", regex())
            .optional("default_endpoints", mapOf(mapOf(text())))
            .optional("listen_endpoints", mapOf(listOf(text())))
            .optional("loopback_hosts", listOf(text()))
            // What AgentOps' own collector config declares, with the endpoint each component listens on by default.
            .optional("agentops_config", fields().required("repo", text()).required("path", text())
                .optional("receivers", mapOf(fields().optional("default_endpoint", text())))
                .optional("extensions", mapOf(fields().optional("default_endpoint", text())))));
        return files;
    }

    private static void valueOrPattern(java.nio.file.Path file, org.yaml.snakeyaml.nodes.Node node, String where) {
        java.util.Set<String> keys = Catalog.keys(node);
        if (keys.contains("value") == keys.contains("pattern")) {
            throw new ContentException(file, Shape.line(node), where + " needs exactly one of 'value' and 'pattern'");
        }
    }

    private static void componentOrService(java.nio.file.Path file, org.yaml.snakeyaml.nodes.Node node, String where) {
        java.util.Set<String> keys = Catalog.keys(node);
        if (keys.contains("component") == keys.contains("service")) {
            throw new ContentException(file, Shape.line(node), where + " needs exactly one of 'component' and 'service'");
        }
    }
}

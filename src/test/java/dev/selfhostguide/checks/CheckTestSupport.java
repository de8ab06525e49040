package dev.selfhostguide.checks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers for the YAML-based check tests. */
final class CheckTestSupport {

    static final Path ROOT = Path.of(System.getProperty("guide.root", "."));
    static final Path CORPUS = ROOT.resolve("../shared/corpus").normalize();
    static final Path PAGE = Path.of("content/x.adoc");

    private CheckTestSupport() {
    }

    /** The catalogs this helper writes, as committed. */
    static Catalog realCatalog() {
        return Catalog.load(ROOT.resolve("content/data"));
    }

    /** The real catalogs plus a deployment.yml of the reference deployment (owned elsewhere). */
    static Catalog withDeployment(Map<String, Object> deployment) {
        Catalog real = realCatalog();
        Map<String, Map<String, Object>> files = new HashMap<>();
        for (String name : List.of("compose", "litellm", "otel-collector")) {
            files.put(name, rawFile(name));
        }
        files.put("deployment", deployment);
        return Catalog.of(files);
    }

    /**
     * A data file as plain YAML, to build a catalog of some real files and some fixtures; the
     * catalog holds it to its shape like a loaded one.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> rawFile(String name) {
        return (Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(read(ROOT.resolve("content/data/" + name + ".yml")));
    }

    /** ports/services/images as reference-deployment.md gives them (API 8003, dashboard 3006). */
    static Map<String, Object> referenceDeployment() {
        return Map.of(
            "ports", ordered(
                "api", Map.of("reference", 8003, "upstream", 8000, "protocol", "http", "component", "api"),
                "dashboard", Map.of("reference", 3006, "upstream", 3000, "protocol", "http", "component", "dashboard"),
                "otlp-grpc", Map.of("reference", 4317, "upstream", 4317, "protocol", "grpc", "component", "collector"),
                "otlp-http", Map.of("reference", 4318, "upstream", 4318, "protocol", "http", "component", "collector"),
                "collector-pprof", Map.of("reference", 1888, "upstream", 1888, "protocol", "http", "component", "collector"),
                "collector-health", Map.of("reference", 13133, "upstream", 13133, "protocol", "http", "component", "collector"),
                "collector-zpages", Map.of("reference", 55679, "upstream", 55679, "protocol", "http", "component", "collector"),
                "fluentforward", Map.of("reference", 24224, "upstream", 24224, "protocol", "tcp", "component", "collector"),
                "clickhouse-http", Map.of("reference", 8123, "upstream", 8123, "protocol", "http", "component", "clickhouse"),
                "clickhouse-native", Map.of("reference", 9000, "upstream", 9000, "protocol", "tcp", "component", "clickhouse")),
            "services", Map.of("api", "api", "dashboard", "dashboard", "collector", "otelcollector", "clickhouse", "clickhouse"),
            "images", Map.of("clickhouse", "clickhouse/clickhouse-server:24.12"));
    }

    /** A map that keeps the order its pairs are given in (deployment.yml order matters in messages). */
    static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Snippet snippet(String language, Map<String, String> attributes, String text) {
        return new Snippet(PAGE, PAGE, 40, language, "", attributes, text);
    }

    static CheckContext context(Catalog catalog, Snippet... others) {
        return new CheckContext(catalog, List.of(others), Tools.onPath(System.getenv("PATH")), Path.of("target/scratch"));
    }

    static List<String> format(List<Finding> findings) {
        return findings.stream().map(f -> f.format(ROOT)).toList();
    }

    static Path corpus(String relative) {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/corpus not present: skipping corpus test");
        return CORPUS.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A corpus file as a snippet of its own (line 1 = its first line). */
    static Snippet corpusSnippet(String relative, Map<String, String> attributes) {
        Path file = corpus(relative);
        return Snippet.ofFile(file, "yaml", attributes, read(file));
    }
}

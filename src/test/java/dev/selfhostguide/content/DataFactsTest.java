package dev.selfhostguide.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data files are held to their shapes when the catalog loads, each problem at its line. */
class DataFactsTest {

    private static final Path ROOT = Path.of(System.getProperty("guide.root", ".")).toAbsolutePath().normalize();

    @TempDir
    Path project;

    private Path data() throws IOException {
        Path data = project.resolve("content/data");
        Files.createDirectories(data);
        try (Stream<Path> files = Files.list(ROOT.resolve("content/data"))) {
            for (Path file : files.toList()) {
                Files.copy(file, data.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return data;
    }

    /** The line of the real data file where {@code text} first stands, so the tests follow edits to the data. */
    private static int lineOf(String file, String text) throws IOException {
        java.util.List<String> lines = Files.readAllLines(ROOT.resolve("content/data").resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(file + " no longer contains " + text);
    }

    /** Loads the data with one edit and returns the one line a build prints. */
    private String problem(String file, String from, String to) throws IOException {
        Path data = data();
        Path target = data.resolve(file);
        String text = Files.readString(target);
        if (!text.contains(from)) {
            throw new AssertionError(file + " no longer contains " + from);
        }
        Files.writeString(target, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        ContentException e = assertThrows(ContentException.class, () -> Catalog.load(data));
        return new Finding(e.file(), e.line(), "data", Finding.Severity.ERROR, e.getMessage()).format(project);
    }

    @Test
    void theRealDataLoads() {
        Catalog catalog = Catalog.load(ROOT.resolve("content/data"));
        assertFalse(catalog.ports().isEmpty());
    }

    @Test
    void theTablesFactsAreTyped() {
        Catalog catalog = Catalog.load(ROOT.resolve("content/data"));
        assertFalse(catalog.port("collector-health").orElseThrow().noteKo().isEmpty(), "ports carry their notes in both editions");
        assertFalse(catalog.replacements().entries().isEmpty());
        assertFalse(catalog.replacements().entries().get(0).whatKo().isEmpty());
        var compose = catalog.variables().descriptions().get("compose");
        assertFalse(compose.unsetKo().isEmpty());
        assertFalse(compose.variables().get("LOGS_TABLE_NAME").ko().isEmpty());
        assertEquals(catalog.variables().components().get("compose").variables().keySet(), catalog.variables().of("compose").keySet());
        assertEquals(java.util.Map.of(), catalog.variables().of("no-such-component"));
    }

    @Test
    void aMisspelledDescriptionIsAnErrorAtItsLine() throws IOException {
        String entry = "LOGS_TABLE_NAME: {en: \"Table the collector writes logs to.\", ko:";
        assertEquals("content/data/variables.yml:" + lineOf("variables.yml", entry) + ": [data] unknown key 'kr' in"
                + " descriptions.compose.variables.LOGS_TABLE_NAME; known keys: en, ko, dead_ko, default",
            problem("variables.yml", entry, entry.replace("ko:", "kr:")));
        assertEquals("content/data/variables.yml:" + lineOf("variables.yml", "      en: \"empty: Compose") + ": [data] unknown key"
                + " 'eng' in descriptions.compose.unset; known keys: en, ko",
            problem("variables.yml", "      en: \"empty: Compose", "      eng: \"empty: Compose"));
    }

    @Test
    void aMisspelledKeyIsAnErrorAtItsLine() throws IOException {
        assertEquals("content/data/deployment.yml:" + lineOf("deployment.yml", "    reference: 8003")
            + ": [data] unknown key 'refrence' in ports.api; known keys: reference,"
            + " upstream, protocol, component, source, own", problem("deployment.yml", "    reference: 8003", "    refrence: 8003"));
    }

    @Test
    void aWrongTypeIsAnErrorAtItsLine() throws IOException {
        assertEquals("content/data/deployment.yml:" + lineOf("deployment.yml", "    reference: 8003")
            + ": [data] ports.api.reference must be a port number, not"
            + " 'eighty' (not a whole number)", problem("deployment.yml", "    reference: 8003", "    reference: eighty"));
        assertEquals("content/data/variables.yml:" + lineOf("variables.yml", "LOGGING_LEVEL: {passes_to")
            + ": [data] components.compose.variables.LOGGING_LEVEL.passes_to must be a"
            + " list, not 'api'", problem("variables.yml", "LOGGING_LEVEL: {passes_to: [{component: api, as: LOGGING_LEVEL}]",
                "LOGGING_LEVEL: {passes_to: api"));
    }

    @Test
    void aMissingRequiredEntryIsAnErrorAtItsMapping() throws IOException {
        assertEquals("content/data/nav.yml:" + lineOf("nav.yml", "{page: index,") + ": [data] chapters[0] needs 'title'",
            problem("nav.yml", "{page: index, title: Start here, title_ko: 시작하기}", "{page: index, title_ko: 시작하기}"));
    }

    @Test
    void aRegexThatDoesNotCompileIsAnError() throws IOException {
        String out = problem("variables.yml", "{pattern: 'change-me-[A-Za-z0-9._-]+'", "{pattern: 'change-me-[A-Za-z'");
        assertEquals("content/data/variables.yml:", out.substring(0, "content/data/variables.yml:".length()));
        assertEquals(true, out.contains("[data] placeholders[1].pattern must be a Java regular expression, not 'change-me-[A-Za-z'"), out);
    }

    @Test
    void anEndpointOnAPortTheDeploymentLacksIsAnError() throws IOException {
        assertEquals("content/data/endpoints.yml:" + lineOf("endpoints.yml", "path: /health, component: api, port: api,")
                + ": [data] port 'apii' is not a port of deployment.yml (api, dashboard,"
                + " otlp-http, otlp-grpc, collector-health, collector-pprof, collector-zpages, fluentforward, clickhouse-http,"
                + " clickhouse-native)",
            problem("endpoints.yml", "path: /health, component: api, port: api,", "path: /health, component: api, port: apii,")
                .replaceAll(", clickhouse-native.*\\)", ", clickhouse-native)"));
    }

    @Test
    void evidenceIsAcceptedOnAFactAndHeldToUpstreamSources() throws IOException {
        String entry = "LOGGING_LEVEL: {passes_to: [{component: api, as: LOGGING_LEVEL}], read_at: app/compose.yaml, evidence: [{repo: agentops,";
        int line = lineOf("variables.yml", entry);
        Catalog.load(data());
        assertEquals("content/data/variables.yml:" + line + ": [data] evidence repo 'agentopz' is not a source of upstream.yml",
            problem("variables.yml", entry, entry.replace("repo: agentops,", "repo: agentopz,")).replaceAll(" \\(.*\\)$", ""));
        assertEquals("content/data/variables.yml:" + line + ": [data] components.compose.variables.LOGGING_LEVEL.evidence[0] needs exactly"
            + " one of 'match' and 'regex'",
            problem("variables.yml", entry, entry.replace("evidence: [{repo: agentops,", "evidence: [{repo: agentops, path: a}, {repo: agentops,")));
    }

    @Test
    void aMisspelledDataFileNameIsAnError() throws IOException {
        Path data = data();
        Files.writeString(data.resolve("deploymnet.yml"), "ports: {}\n");
        ContentException unknown = assertThrows(ContentException.class, () -> Catalog.load(data));
        assertEquals(data.resolve("deploymnet.yml"), unknown.file());
        assertEquals("content/data/deploymnet.yml:1: [data] unknown data file; the data files are deployment, upstream, nav,"
                + " secrets, neighbours, downloads, endpoints, sdk, variables, compose, litellm, otel-collector (.yml), each with its shape in DataSchemas",
            new Finding(unknown.file(), unknown.line(), "data", Finding.Severity.ERROR, unknown.getMessage()).format(project));
    }
}

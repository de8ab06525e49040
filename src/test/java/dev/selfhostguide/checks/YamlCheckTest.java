package dev.selfhostguide.checks;

import static dev.selfhostguide.checks.CheckTestSupport.context;
import static dev.selfhostguide.checks.CheckTestSupport.corpusSnippet;
import static dev.selfhostguide.checks.CheckTestSupport.format;
import static dev.selfhostguide.checks.CheckTestSupport.realCatalog;
import static dev.selfhostguide.checks.CheckTestSupport.snippet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class YamlCheckTest {

    private final YamlCheck check = new YamlCheck();

    private List<String> run(String text) {
        Snippet s = snippet("yaml", Map.of(), text);
        return format(check.check(s, context(realCatalog())));
    }

    @Test
    void appliesToYamlAndYml() {
        assertTrue(check.appliesTo(snippet("yaml", Map.of(), "a: 1")));
        assertTrue(check.appliesTo(snippet("yml", Map.of(), "a: 1")));
        // A wrong case is a coverage error with a suggestion (CheckRunnerTest), not a silent yaml block.
        assertFalse(check.appliesTo(snippet("YML", Map.of(), "a: 1")));
        assertFalse(check.appliesTo(snippet("bash", Map.of(), "a: 1")));
    }

    private List<Finding> reader(String kind, String text) {
        return check.check(snippet("yaml", Map.of("origin", "reader", "kind", kind), text), context(realCatalog()));
    }

    @Test
    void aDuplicateWhoseFirstMappingIsRepeatedInTheKeptOneIsAWarningWhereTheLastWins() {
        String repeated = "general_settings:\n  master_key: os.environ/KEY\nsettings:\n  drop_params: true\n  tags: [a, b]\n"
            + "settings:\n  drop_params: true\n  tags: [a, b]\n  callbacks: [otel]\n";
        List<Finding> out = reader("litellm-config", repeated);
        assertEquals(1, out.size(), out.toString());
        assertFalse(out.get(0).isError());
        assertEquals(45, out.get(0).line());
        assertTrue(out.get(0).message().contains("LiteLLM loads its config with PyYAML, which keeps this one (line 6) and silently"
            + " ignores the one at line 3, all of whose entries this one repeats"), out.get(0).message());
        // A first entry missing from the kept mapping, or kept with another value, is lost: an error.
        String lost = "settings:\n  drop_params: true\n  timeout: 30\nsettings:\n  drop_params: true\n";
        assertTrue(reader("litellm-config", lost).get(0).isError());
        String changed = "settings:\n  drop_params: true\nsettings:\n  drop_params: false\n";
        assertTrue(reader("yaml", changed).get(0).isError());
        String reordered = "settings:\n  tags: [a, b]\nsettings:\n  tags: [b, a]\n";
        assertTrue(reader("yaml", reordered).get(0).isError());
        // Compose and the collector read YAML with Go's yaml.v3, which refuses any duplicate key.
        assertTrue(reader("compose", repeated).get(0).isError());
        assertTrue(reader("otel-collector", repeated).get(0).isError());
        // The guide's own blocks are held to no duplicates at all.
        assertTrue(check.check(snippet("yaml", Map.of(), repeated), context(realCatalog())).get(0).isError());
    }

    @Test
    void validYamlPasses() {
        assertEquals(List.of(), run("a: 1\nb:\n  - x\n  - y: |\n      keep\n"));
    }

    @Test
    void multiDocumentIsAllowed() {
        assertEquals(List.of(), run("---\na: 1\n---\nb: 2\n"));
    }

    @Test
    void mergeKeyOverrideIsNotADuplicate() {
        assertEquals(List.of(), run("base: &b\n  x: 1\nother:\n  <<: *b\n  x: 2\n"));
    }

    @Test
    void emptyTextPasses() {
        assertEquals(List.of(), run(""));
    }

    @Test
    void duplicateKeyAtItsLine() {
        assertEquals(List.of("content/x.adoc:42: [yaml] duplicate key 'a' (first at line 1); "
            + "YAML loaders silently keep only one of them (column 1)"), run("a: 1\nb: 2\na: 3\n"));
    }

    @Test
    void nestedDuplicateKey() {
        List<String> out = run("top:\n  x: 1\n  y: 2\n  x: 3\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:43: [yaml] duplicate key 'x' (first at line 2)"), out.get(0));
    }

    @Test
    void syntaxErrorAtTheProblemLine() {
        List<String> out = run("a: 1\nb: [1, 2\nc: 3\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:4"), out.get(0));
        assertTrue(out.get(0).contains("[yaml] invalid YAML"), out.get(0));
    }

    @Test
    void badIndentationAtItsLineAndColumn() {
        List<String> out = run("a:\n  b: 1\n c: 2\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:42: [yaml] invalid YAML"), out.get(0));
        assertTrue(out.get(0).endsWith("(column 2)"), out.get(0));
    }

    @Test
    void tabIndentationIsReportedOnce() {
        assertEquals(List.of("content/x.adoc:41: [yaml] a tab is used for indentation; YAML allows only spaces there, "
            + "so indent with spaces (column 1)"), run("a:\n\tb: 1\n"));
    }

    @Test
    void tabInsideBlockScalarIsContent() {
        assertEquals(List.of(), run("script: |\n  echo a\n  \techo b\n"));
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder text = new StringBuilder("a: &a [x, y]\n");
        for (int i = 0; i < 25; i++) {
            text.append("k").append(i).append(": *a\n");
        }
        List<String> out = run(text.toString());
        assertEquals(1, out.size());
        // the 21st alias is on snippet line 22
        assertTrue(out.get(0).startsWith("content/x.adoc:61: [yaml] more than 20 aliases"), out.get(0));
    }

    @Test
    void excessiveNestingIsRefused() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 35; i++) {
            text.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        text.append("  ".repeat(35)).append("v\n");
        List<String> out = run(text.toString());
        assertEquals(1, out.size());
        assertTrue(out.get(0).contains("[yaml] nesting is deeper than 30 levels"), out.get(0));
    }

    @Test
    void crlfTextIsFine() {
        assertEquals(List.of(), run("a: 1\r\nb:\r\n  - c\r\n"));
    }

    @Test
    void neverThrowsOnGarbage() {
        for (String text : List.of("{{{{", ": : :", "\u0000", "- [", "&a *a", "? ? ?", "%YAML 9.9\n---\na")) {
            List<Finding> findings = check.check(snippet("yaml", Map.of(), text), context(realCatalog()));
            assertTrue(findings.stream().allMatch(Finding::isError), text);
        }
    }

    @Test
    void invalidLitellmProxyConfigIsReportedAtLine34() {
        Snippet s = corpusSnippet("litellm/proxy_config.yaml", Map.of());
        List<Finding> findings = check.check(s, context(realCatalog()));
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(34, findings.get(0).line());
        assertTrue(findings.get(0).message().contains("expected <block end>, but found '<block mapping start>'"),
            findings.get(0).message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"agentops/compose.yaml", "agentops/otel-compose.yaml", "agentops/otel-base.yaml",
        "compose/supabase-docker-compose.yml", "compose/langfuse-docker-compose.yml",
        "compose/mattermost-docker-compose.yml", "compose/litellm-docker-compose.yml",
        "litellm/aliases_config.yaml", "litellm/azure_config.yaml", "litellm/build_from_pip.litellm_config.yaml",
        "litellm/enterprise_config.yaml", "litellm/load_balancer.yaml", "litellm/oai_misc_config.yaml",
        "litellm/otel_test_config.yaml", "litellm/pass_through_config.yaml", "litellm/prometheus_test_config.yaml",
        "litellm/proxy_server_config.yaml", "litellm/spend_tracking_config.yaml",
        "otel/contrib-demo-otel-collector-config.yaml", "otel/contrib-fault-tolerant-logs-otel-col-config.yaml",
        "otel/contrib-secure-tracing-otel-collector-config.yaml", "otel/core-k8s-otel-config.yaml",
        "otel/core-local-otel-config.yaml"})
    void validCorpusFilesPass(String file) {
        Snippet s = corpusSnippet(file, Map.of());
        assertEquals(List.of(), format(check.check(s, context(realCatalog()))));
    }
}

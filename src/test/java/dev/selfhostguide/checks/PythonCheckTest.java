package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import static dev.selfhostguide.checks.TestCatalogs.formatted;
import static dev.selfhostguide.checks.TestCatalogs.snippet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonCheckTest {

    @TempDir
    Path scratch;

    private final PythonCheck check = new PythonCheck();

    @BeforeEach
    void python() {
        Assumptions.assumeTrue(TestCatalogs.toolPresent("python3"), "python3 is not installed: skipping");
    }

    private List<String> run(String text) {
        return formatted(check.check(snippet("python", Map.of(), text), TestCatalogs.context(scratch)));
    }

    @Test
    void appliesToPython() {
        assertTrue(check.appliesTo(snippet("python", Map.of(), "")));
        assertFalse(check.appliesTo(snippet("bash", Map.of(), "")));
    }

    @Test
    void goodInitPasses() {
        String text = """
            import os
            import agentops

            agentops.init(
                api_key=os.environ["AGENTOPS_API_KEY"],
                endpoint="http://agentops.example.internal:8003",
                app_url="http://agentops.example.internal:3006",
                exporter_endpoint="http://agentops.example.internal:4318/v1/traces",
                default_tags=["self-hosted"],
                export_flush_interval=500,
            )
            """;
        assertEquals(List.of(), run(text));
        assertEquals(List.of(), run("from agentops import init as start\nstart(api_key='<your-api-key>', auto_start_session=False)\n"));
    }

    @Test
    void syntaxErrorAtItsLine() {
        assertEquals(List.of("content/x.adoc:42: [python] Python syntax error: invalid syntax"),
            run("import agentops\n\nagentops.init(api_key=)\n"));
    }

    @Test
    void unknownKeywordAtItsLine() {
        List<String> out = run("import agentops as ao\nao.init(\n    api_key='<your-api-key>',\n    api_endpoint='http://localhost:8003',\n)\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:43: [python] agentops.init() has no keyword api_endpoint (content/data/sdk.yml,"
            + " from agentops/config.py); it accepts api_key, endpoint,"), out.get(0));
    }

    @Test
    void valueRules() {
        assertEquals(List.of("content/x.adoc:41: [python] exporter_endpoint 'http://localhost:4318' must be the full URL ending in"
            + " /v1/traces: the SDK posts spans to exactly this URL (content/data/sdk.yml)"),
            run("import agentops\nagentops.init(exporter_endpoint='http://localhost:4318')\n"));
        assertEquals(List.of("content/x.adoc:40: [python] api_key looks like a real secret (a UUID key); a snippet must show a"
            + " placeholder (change-me-<what>, <your-...>, ${VAR}) or the command that generates it"),
            run("import agentops; agentops.init(api_key='0e2bf9df-8980-4afc-9041-2e116dc7ad0e')\n"));
        assertEquals(List.of("content/x.adoc:40: [python] warning: agentops.init(tags=...) is deprecated: use default_tags"),
            run("import agentops; agentops.init(tags=['x'])\n"));
    }

    @Test
    void sdkEnvironmentNamesAreChecked() {
        assertEquals(List.of("content/x.adoc:41: [python] AGENTOPS_ENDPOINT is not an environment variable the agentops SDK reads"
            + " (content/data/variables.yml, component sdk)"),
            run("import os\nos.environ['AGENTOPS_ENDPOINT'] = 'http://localhost:8003'\nos.environ['AGENTOPS_API_ENDPOINT'] = 'x'\n"));
    }

    @Test
    void otherInitCallsAreIgnored() {
        assertEquals(List.of(), run("import other\nother.init(whatever=1)\nclass A:\n    def init(self, x=1): pass\nA().init(x=2)\n"));
    }

    @Test
    void sdkCatalogAgreesWithVariables() {
        VariableCatalog vars = new VariableCatalog(TestCatalogs.catalog());
        TestCatalogs.catalog().sdk().init().forEach((name, keyword) -> {
            String env = keyword.env();
            if (!env.isEmpty()) {
                assertTrue(vars.variable("sdk", env).isPresent(), "sdk.yml init." + name + " names " + env
                    + ", which variables.yml component sdk lacks");
            }
        });
    }

    @Test
    void missingPythonLeavesNoFindingOfItsOwn() {
        CheckContext noTools = new CheckContext(TestCatalogs.catalog(), List.of(), ShellSnippetCheckTest.emptyTools(), scratch);
        assertEquals(List.of(),
            formatted(check.check(snippet("python", Map.of(), "x = 1\n"), noTools)));
    }
}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LitellmConfigCheckTest {

    private final LitellmConfigCheck check = new LitellmConfigCheck();

    private List<String> run(String text, Snippet... others) {
        return format(check.check(snippet("yaml", Map.of("check", "litellm-config"), text), context(realCatalog(), others)));
    }

    private static final String MODELS = "model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      model: openai/gpt-4o\n";

    @Test
    void selectedOnlyByName() {
        assertEquals("litellm-config", check.id());
        assertFalse(check.appliesTo(snippet("yaml", Map.of(), MODELS)));
    }

    @Test
    void aSelfHostedOtelRoutePasses() {
        String text = MODELS + "      api_key: os.environ/OPENAI_API_KEY\nlitellm_settings:\n  callbacks: [\"otel\"]\n"
            + "  drop_params: true\ngeneral_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\n";
        Snippet env = snippet("dotenv", Map.of("component", "compose"), "OPENAI_API_KEY=<your-openai-key>\n# c\n"
            + "OTEL_ENDPOINT=http://collector:4318/v1/traces\n");
        Snippet shell = snippet("bash", Map.of(), "export LITELLM_MASTER_KEY=change-me-master-key\nlitellm --config c.yaml\n");
        assertEquals(List.of(), run(text, env, shell));
    }

    @Test
    void variablesFromEnvironmentVariablesSectionAndLitellmItselfResolve() {
        assertEquals(List.of(), run(MODELS + "      api_key: os.environ/MY_KEY\nenvironment_variables:\n  MY_KEY: x\n"
            + "callback_settings:\n  otel:\n    endpoint: os.environ/OTEL_ENDPOINT\n"));
    }

    @Test
    void theDraftConfigIsRejectedLineByLine() {
        // litellm.md §0: the agentops_* keys do nothing and the agentops callback only reaches the cloud
        String text = """
            litellm_settings:
              success_callback: ["agentops"]
              agentops_api_key: os.environ/AGENTOPS_API_KEY
              agentops_endpoint: os.environ/AGENTOPS_API_ENDPOINT
            """;
        List<String> out = run(text);
        assertEquals(4, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("content/x.adoc:41: [litellm-config] success_callback 'agentops': LiteLLM's agentops "
            + "callback only reaches AgentOps Cloud"), out.get(0));
        assertTrue(out.get(1).startsWith("content/x.adoc:42: [litellm-config] litellm_settings.agentops_api_key does nothing: "
            + "LiteLLM has no agentops_* settings"), out.get(1));
        assertTrue(out.get(2).startsWith("content/x.adoc:43: [litellm-config] litellm_settings.agentops_endpoint does nothing"),
            out.get(2));
        // AGENTOPS_API_ENDPOINT belongs to the SDK, not LiteLLM, and no env block sets it
        assertEquals("content/x.adoc:43: [litellm-config] os.environ/AGENTOPS_API_ENDPOINT is set by no env block of the guide "
            + "(dotenv, or export AGENTOPS_API_ENDPOINT= in a shell block) and is not a variable LiteLLM reads itself; an unset "
            + "variable becomes None without a warning", out.get(3));
    }

    @Test
    void agentopsUnderCallbacksIsAlsoAnError() {
        List<String> out = run("litellm_settings:\n  callbacks: agentops\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:41: [litellm-config] callbacks 'agentops': "), out.get(0));
    }

    @Test
    void unknownSectionIsAnError() {
        List<String> out = run(MODELS + "litelm_settings:\n  drop_params: true\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:44: [litellm-config] unknown top-level section 'litelm_settings': "
            + "the LiteLLM proxy never reads it"), out.get(0));
    }

    @Test
    void unknownSettingIsAWarning() {
        assertEquals(List.of("content/x.adoc:41: [litellm-config] warning: litellm_settings.drop_param is not a key the catalog "
            + "knows; the proxy sets any key as a litellm module attribute and silently ignores unknown ones, so check it "
            + "against litellm/__init__.py of your version"), run("litellm_settings:\n  drop_param: true\n"));
    }

    @Test
    void modelEntriesNeedNameAndModel() {
        String text = "model_list:\n  - litellm_params:\n      model: openai/x\n  - model_name: a\n  - model_name: b\n"
            + "    litellm_params:\n      api_base: http://x\n  - just-a-string\n";
        assertEquals(List.of(
            "content/x.adoc:41: [litellm-config] model_list entry has no model_name; the proxy requires it (ModelParams) and clients call the model by it",
            "content/x.adoc:43: [litellm-config] model_list entry has no litellm_params mapping; the proxy's load_config indexes it and crashes at startup",
            "content/x.adoc:46: [litellm-config] litellm_params has no model (e.g. openai/gpt-4o); the proxy's load_config indexes it and crashes at startup",
            "content/x.adoc:47: [litellm-config] each model_list entry must be a mapping with model_name and litellm_params"), run(text));
    }

    @Test
    void unknownCallbackNameAndModulePaths() {
        assertEquals(List.of("content/x.adoc:42: [litellm-config] failure_callback 'langfuze' is not a callback name LiteLLM knows "
            + "(catalog litellm.yml callbacks); check the spelling, or use a module.instance path for a custom callback"),
            run("litellm_settings:\n  success_callback: [\"langfuse\", \"custom_callbacks.handler\"]\n  failure_callback: [\"langfuze\"]\n"));
    }

    @Test
    void perTeamCallbacksAreChecked() {
        List<String> out = run("litellm_settings:\n  default_team_settings:\n    - team_id: a\n      success_callback: [\"agentops\"]\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:43: [litellm-config] success_callback 'agentops'"), out.get(0));
    }

    @Test
    void osEnvironInAPlainListIsNotResolved() {
        assertEquals(List.of("content/x.adoc:42: [litellm-config] warning: 'os.environ/CB' sits in a list of strings, where "
            + "LiteLLM does not resolve os.environ/ references (only mapping values); it stays a literal string"),
            run("litellm_settings:\n  success_callback:\n    - os.environ/CB\n"));
    }

    @Test
    void healthCheckIntervalBelongsToGeneralSettings() {
        assertEquals(List.of("content/x.adoc:41: [litellm-config] router_settings.health_check_interval is refused by the proxy "
            + "at startup; move it to general_settings"), run("router_settings:\n  health_check_interval: 300\n"));
    }

    @Test
    void invalidYamlIsLeftToTheYamlCheck() {
        assertEquals(List.of(), run("litellm_settings:\n  a: [\n"));
        Snippet s = corpusSnippet("litellm/proxy_config.yaml", Map.of("check", "litellm-config"));
        assertEquals(List.of(), check.check(s, context(realCatalog())));
    }

    @Test
    void neverThrows() {
        for (String text : List.of("", "[]", "model_list: 5", "litellm_settings: [1]", "router_settings: 3",
            "litellm_settings:\n  callbacks: {a: b}", "environment_variables: 4\nx: os.environ/", "litellm_settings:\n  default_team_settings: 5")) {
            check.check(snippet("yaml", Map.of(), text), context(realCatalog()));
        }
    }

    // ---- corpus: LiteLLM's own example configs --------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"aliases_config.yaml", "azure_config.yaml", "build_from_pip.litellm_config.yaml",
        "enterprise_config.yaml", "load_balancer.yaml", "oai_misc_config.yaml", "otel_test_config.yaml",
        "pass_through_config.yaml", "prometheus_test_config.yaml", "proxy_server_config.yaml", "spend_tracking_config.yaml"})
    void upstreamExamplesRaiseNoKeyOrCallbackFindings(String file) {
        Snippet s = corpusSnippet("litellm/" + file, Map.of("check", "litellm-config"));
        List<Finding> findings = check.check(s, context(realCatalog()));
        // their provider keys are not set by this guide, and some keep LiteLLM's published master key
        // (sk-1234, the fact in neighbours.yml): only those may be reported
        List<Finding> others = findings.stream().filter(f -> !f.message().contains("is set by no env block")
            && !f.message().startsWith("general_settings.master_key is a published example value")).toList();
        assertEquals(List.of(), others);
    }

    @Test
    void theMasterKeyOfLiteLLMsExampleConfigIsReportedWhereItIs() {
        Snippet s = corpusSnippet("litellm/proxy_server_config.yaml", Map.of("check", "litellm-config"));
        List<Finding> published = check.check(s, context(realCatalog())).stream()
            .filter(f -> f.message().contains("published example value")).toList();
        assertEquals(1, published.size(), published.toString());
        assertTrue(published.get(0).isError());
        assertTrue(published.get(0).message().startsWith("general_settings.master_key is a published example value: the master key"
            + " of LiteLLM's examples"), published.get(0).message());
    }

    @Test
    void upstreamExampleIsCleanOnceTheGuideSetsItsVariables() {
        Snippet s = corpusSnippet("litellm/azure_config.yaml", Map.of("check", "litellm-config"));
        List<Finding> before = check.check(s, context(realCatalog()));
        assertEquals(List.of(7, 15), before.stream().map(Finding::line).toList(), before.toString());
        Snippet env = snippet("dotenv", Map.of("component", "compose"), "AZURE_API_KEY=<your-azure-key>\n");
        assertEquals(List.of(), check.check(s, context(realCatalog(), env)));
    }
}

package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTest {

    private static final Path ROOT = Path.of("/repo");

    private static String print(boolean github) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
            false, github);
        console.findings(List.of(
            new Finding(ROOT.resolve("content/litellm.adoc"), 42, "litellm-config", Finding.Severity.ERROR,
                "litellm_settings.agentops_endpoint is not a LiteLLM setting: 100% ignored"),
            new Finding(ROOT.resolve("content/x.adoc"), 7, "compose", Finding.Severity.WARNING, "ports are ignored")), new Project(ROOT));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void findingsAreOneLineEach() {
        assertEquals("""
            content/litellm.adoc:42: [litellm-config] litellm_settings.agentops_endpoint is not a LiteLLM setting: 100% ignored
            content/x.adoc:7: [compose] warning: ports are ignored
            """, print(false));
    }

    @Test
    void underGitHubActionsTheyAreAlsoAnnotations() {
        assertEquals("""
            content/litellm.adoc:42: [litellm-config] litellm_settings.agentops_endpoint is not a LiteLLM setting: 100% ignored
            ::error file=content/litellm.adoc,line=42,title=litellm-config::litellm_settings.agentops_endpoint is not a LiteLLM setting: 100%25 ignored
            content/x.adoc:7: [compose] warning: ports are ignored
            ::warning file=content/x.adoc,line=7,title=compose::ports are ignored
            """, print(true));
    }
}

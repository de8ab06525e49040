package dev.selfhostguide.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretsCheckTest {

    private static final Path ROOT = Path.of(System.getProperty("guide.root", ".")).toAbsolutePath();
    private final Catalog catalog = Catalog.load(ROOT.resolve("content/data"));
    private final SecretsCheck check = new SecretsCheck();

    private List<String> findings(String text) {
        Snippet snippet = new Snippet(ROOT.resolve("content/x.adoc"), ROOT.resolve("content/x.adoc"), 40, "bash", "",
            Map.of(), text);
        CheckContext context = new CheckContext(catalog, List.of(snippet), Tools.onPath(System.getenv("PATH")), Path.of("/tmp"));
        return check.check(snippet, context).stream().map(f -> f.format(ROOT)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "export JWT=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "STRIPE_SECRET_KEY=sk_live_51HqT2bLkdIwHu7ix0lqVvQk",
        "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLF",
        "AGENTOPS_API_KEY=3f2b8c1e-9d4a-4e7b-8f6a-1c2d3e4f5a6b",
        "-----BEGIN RSA PRIVATE KEY-----",
        "GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    })
    void realLookingSecretsAreRejectedAtTheirLine(String secret) {
        List<String> found = findings("# header\nset -e\n" + secret + "\n");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("content/x.adoc:42: [secrets] "), found.get(0));
    }

    @Test
    void placeholdersAndGenerationCommandsPass() {
        assertEquals(List.of(), findings("""
            JWT_SECRET_KEY=change-me-jwt-secret-at-least-32-characters
            AGENTOPS_API_KEY=<your-project-api-key>
            AGENTOPS_API_KEY=00000000-0000-0000-0000-000000000000
            openssl rand -hex 32
            STRIPE_SECRET_KEY=
            """));
    }

    @Test
    void everySnippetGetsIt() {
        Snippet optedOut = new Snippet(ROOT, ROOT, 1, "text", "", Map.of("check", "none", "reason", "output"), "x");
        assertTrue(check.appliesTo(optedOut));
        Finding f = Finding.error(optedOut, 1, SecretsCheck.ID, "m");
        assertEquals(1, f.line());
    }
}

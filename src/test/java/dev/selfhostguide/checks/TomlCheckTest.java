package dev.selfhostguide.checks;

import static dev.selfhostguide.checks.TestCatalogs.formatted;
import static dev.selfhostguide.checks.TestCatalogs.snippet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlCheckTest {

    @TempDir
    Path scratch;

    private final TomlCheck check = new TomlCheck();

    private List<String> run(String text) {
        return formatted(check.check(snippet("toml", Map.of(), text), TestCatalogs.context(scratch)));
    }

    @Test
    void theGuidesConfigExcerptsParse() {
        assertEquals(List.of(), run("[auth]\nsite_url = \"http://agentops.internal.example\"\n"
            + "additional_redirect_urls = [\"http://agentops.internal.example\", \"http://api.agentops.internal.example\"]\n"));
        assertEquals(List.of(), run("[auth]\njwt_secret = \"change-me-jwt-secret-same-as-supabase\"\n"));
    }

    @Test
    void anUnclosedStringIsReportedAtItsLine() {
        List<String> out = run("[auth]\nsite_url = \"http://agentops.internal.example\n[db]\nport = 54322\n");
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("content/x.adoc:41: [toml] invalid TOML at column "), out.get(0));
    }

    @Test
    void aRedefinedTableIsAnError() {
        List<String> out = run("[auth]\nsite_url = \"a\"\n\n[auth]\njwt_secret = \"b\"\n");
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("content/x.adoc:43: [toml] invalid TOML"), out.get(0));
    }

    @Test
    void aTomlBlockIsCoveredAndASpellingMistakeIsNot() {
        CheckRunner runner = new CheckRunner(CheckRegistry.standard(), false);
        assertEquals(List.of(), runner.select(snippet("toml", Map.of(), "a = 1\n")).problems());
        assertEquals(List.of("unknown language 'TOML'; did you mean 'toml'?"),
            runner.select(snippet("TOML", Map.of(), "a = 1\n")).problems());
    }
}

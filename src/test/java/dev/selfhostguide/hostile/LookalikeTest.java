package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.checks.CheckContext;
import dev.selfhostguide.checks.CheckRegistry;
import dev.selfhostguide.checks.LookalikeCheck;
import dev.selfhostguide.checks.Tools;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Cyrillic, Greek or fullwidth letter that passes for a Latin one in a name is a finding at its line. */
class LookalikeTest {

    private static final Path ROOT = GuideFixture.repositoryRoot();

    private List<String> findings(String language, String text) {
        Snippet snippet = new Snippet(ROOT.resolve("content/x.adoc"), ROOT.resolve("content/x.adoc"), 20, language, "", Map.of(), text);
        CheckContext context = new CheckContext(Catalog.of(Map.of()), List.of(snippet), Tools.onPath(System.getenv("PATH")), Path.of("/tmp"));
        return new LookalikeCheck().check(snippet, context).stream().map(f -> f.format(ROOT)).toList();
    }

    @Test
    void cyrillicInABashVariableIsFoundAtItsLine() {
        assertEquals(List.of("content/x.adoc:21: [lookalike] 'P\u0410TH' holds cyrillic '\u0410' (U+0410), which looks like 'A';"
                + " it looks like an ASCII name but is another one, so a reader's copy does not do what it says"),
            findings("bash", "set -eu\nexport P\u0410TH=/opt/bin:$PATH\n"));
    }

    @Test
    void greekAndFullwidthInPythonToo() {
        assertEquals(2, findings("python", "import agentops\nagentops.init(api_k\u03bfy='x')\n\uff41 = 1\n").size());
    }

    @Test
    void commentsAndAsciiAreLeftAlone() {
        assertEquals(List.of(), findings("bash", "# 설정을 확인합니다 — Привет\necho \"ok\" # комментарий\nAPI_KEY=change-me-x\n"));
    }

    @Test
    void registeredForEveryBashAndPythonBlock() {
        assertEquals(true, CheckRegistry.standard().all().stream().anyMatch(c -> c.id().equals(LookalikeCheck.ID)));
        Snippet bash = Snippet.ofFile(ROOT.resolve("a.sh"), "bash", Map.of(), "x");
        assertEquals(true, new LookalikeCheck().appliesTo(bash));
    }
}

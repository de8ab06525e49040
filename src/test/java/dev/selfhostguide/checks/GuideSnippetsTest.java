package dev.selfhostguide.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.selfhostguide.RealGuide;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One test per code block of the real guide, named {@code file.adoc:line [checks]}, so Surefire
 * shows a contributor exactly which snippet broke and why.
 */
class GuideSnippetsTest {

    @TestFactory
    Stream<DynamicTest> everySnippetPassesItsChecks() {
        Pipeline.Outcome baked = RealGuide.baked();
        List<Snippet> snippets = baked.snippets();
        assertFalse(snippets.isEmpty(), "the guide has code blocks");
        CheckRunner runner = new CheckRunner(CheckRegistry.standard());
        Path root = RealGuide.project().root();
        Path scratch = RealGuide.project().target().resolve("test-scratch");
        CheckContext context = new CheckContext(baked.catalog(), snippets, Tools.onPath(System.getenv("PATH")), scratch);
        return snippets.stream().map(snippet -> {
            CheckRunner.Selection selection = runner.select(snippet);
            String checks = selection.optedOut() ? "opted out" : String.join(",",
                selection.checks().stream().map(Check::id).toList());
            String name = RealGuide.project().show(snippet.file()) + ":" + snippet.line() + " [" + checks + "]";
            return DynamicTest.dynamicTest(name, () -> {
                java.nio.file.Files.createDirectories(scratch);
                List<String> problems = new ArrayList<>();
                selection.problems().forEach(p -> problems.add(p));
                for (Check check : selection.checks()) {
                    for (Finding f : check.check(snippet, context)) {
                        if (f.isError()) {
                            problems.add(f.format(root));
                        }
                    }
                }
                assertEquals(List.of(), problems);
            });
        });
    }
}

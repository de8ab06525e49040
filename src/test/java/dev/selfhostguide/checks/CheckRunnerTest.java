package dev.selfhostguide.checks;

import static dev.selfhostguide.checks.TestCatalogs.ROOT;
import static dev.selfhostguide.checks.TestCatalogs.formatted;
import static dev.selfhostguide.checks.TestCatalogs.snippet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which checks a block gets, what makes a block covered, and what a run prints once. */
class CheckRunnerTest {

    @TempDir
    Path scratch;

    private final CheckRunner runner = new CheckRunner(CheckRegistry.standard(), false);

    private List<String> coverage(Snippet snippet) {
        return formatted(runner.run(List.of(snippet), CheckTestSupport.realCatalog(), ShellSnippetCheckTest.emptyTools(), scratch)
            .findings().stream().filter(f -> f.check().equals(CheckRunner.COVERAGE)).toList());
    }

    @Test
    void aLanguageInTheWrongCaseIsRefusedWithTheSpellingToUse() {
        assertEquals(List.of("content/x.adoc:40: [coverage] unknown language 'Bash'; did you mean 'bash'?"),
            coverage(snippet("Bash", Map.of(), "echo hi\n")));
        assertEquals(List.of("content/x.adoc:40: [coverage] unknown language 'YAML'; did you mean 'yaml'?"),
            coverage(snippet("YAML", Map.of(), "a: 1\n")));
    }

    @Test
    void aMisspelledLanguageGetsTheNearestKnownOne() {
        assertEquals(List.of("content/x.adoc:40: [coverage] unknown language 'ymal'; did you mean 'yaml'?"),
            coverage(snippet("ymal", Map.of(), "a: 1\n")));
    }

    @Test
    void aLanguageNothingResemblesListsTheKnownOnes() {
        List<String> out = coverage(snippet("ruby", Map.of(), "puts 1\n"));
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:40: [coverage] unknown language 'ruby'; known languages: bash, sh,"),
            out.get(0));
    }

    @Test
    void aliasesAreCheckedAsTheirLanguage() {
        assertTrue(runner.select(snippet("yml", Map.of(), "a: 1\n")).checks().stream().anyMatch(c -> c.id().equals("yaml")));
        assertTrue(runner.select(snippet("sh", Map.of(), "echo\n")).checks().stream().anyMatch(c -> c.id().equals("shell")));
        assertTrue(runner.select(snippet("env", Map.of(), "A=1\n")).checks().stream().anyMatch(c -> c.id().equals("dotenv")));
        assertTrue(runner.select(snippet("py", Map.of(), "x = 1\n")).checks().stream().anyMatch(c -> c.id().equals("python")));
        assertEquals(List.of(), coverage(snippet("yml", Map.of(), "a: 1\n")));
    }

    @Test
    void policyChecksAloneDoNotCoverABlock() {
        // ports and secrets read every block, yet a text block with no opt-out is not covered.
        CheckRunner.Selection selection = runner.select(snippet("text", Map.of(), "port 8003\n"));
        assertTrue(selection.checks().stream().anyMatch(c -> c.id().equals("ports")));
        assertEquals(List.of("content/x.adoc:40: [coverage] no syntax or rule check applies to this [source,text] block;"
                + " name one with check=ID or opt out with check=none,reason=\"...\""),
            coverage(snippet("text", Map.of(), "port 8003\n")));
        assertEquals(List.of(), coverage(snippet("text", Map.of("check", "none", "reason", "sample output"), "port 8003\n")));
    }

    @Test
    void aNamedCheckMustReadTheBlocksLanguage() {
        assertEquals(List.of("content/x.adoc:40: [coverage] check=compose reads yaml, not [source,bash]"),
            coverage(snippet("bash", Map.of("check", "compose"), "echo hi\n")));
    }

    @Test
    void anUnknownLanguageIsRefusedEvenWhenOptedOut() {
        assertEquals(List.of("content/x.adoc:40: [coverage] unknown language 'Text'; did you mean 'text'?"),
            coverage(snippet("Text", Map.of("check", "none", "reason", "sample output"), "ok\n")));
    }

    @Test
    void aMissingProgramIsOneLinePerRunNotOnePerBlock() {
        List<Snippet> blocks = List.of(snippet("bash", Map.of(), "echo one\n"), snippet("bash", Map.of(), "echo two\n"),
            snippet("sh", Map.of(), "echo three\n"));
        CheckRunner.Report report = runner.run(blocks, CheckTestSupport.realCatalog(), ShellSnippetCheckTest.emptyTools(), scratch);
        assertEquals(List.of("shell: 3 blocks not parsed with bash -n: bash is not installed (apt-get install bash)",
            "shell: 3 blocks not linted: shellcheck is not installed (apt-get install shellcheck)"), formatted(report.findings()));
        assertFalse(report.failed());
    }

    @Test
    void strictMakesAMissingProgramFailTheRun() {
        CheckRunner strict = new CheckRunner(CheckRegistry.standard(), true);
        CheckRunner.Report report = strict.run(List.of(snippet("nginx", Map.of(), "server {\n}\n")),
            CheckTestSupport.realCatalog(), ShellSnippetCheckTest.emptyTools(), scratch);
        assertEquals(List.of("nginx: 1 block not tested with nginx -t: nginx is not installed (apt-get install nginx);"
            + " with --strict or CI=true a missing program fails the run"), formatted(report.findings()));
        assertTrue(report.failed());
    }

    @Test
    void aFindingInAnExampleIncludedByBothEditionsIsPrintedOnce() {
        // The English and the Korean page include the same example file: two snippets, one file:line.
        Path example = ROOT.resolve("content/examples/x.env");
        Snippet en = new Snippet(ROOT.resolve("content/x.adoc"), example, 3, "dotenv", "", Map.of("component", "compose"),
            "LOGGING_LEVL=INFO\n");
        Snippet ko = new Snippet(ROOT.resolve("content/ko/x.adoc"), example, 3, "dotenv", "", Map.of("component", "compose"),
            "LOGGING_LEVL=INFO\n");
        List<String> out = formatted(runner.run(List.of(en, ko), CheckTestSupport.realCatalog(),
            ShellSnippetCheckTest.emptyTools(), scratch).findings());
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("content/examples/x.env:3: [dotenv] "), out.get(0));
    }
}

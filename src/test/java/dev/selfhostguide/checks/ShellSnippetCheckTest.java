package dev.selfhostguide.checks;

import static dev.selfhostguide.checks.TestCatalogs.formatted;
import static dev.selfhostguide.checks.TestCatalogs.snippet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.snippets.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellSnippetCheckTest {

    @TempDir
    Path scratch;

    private final ShellSnippetCheck check = new ShellSnippetCheck();

    @BeforeEach
    void tools() {
        Assumptions.assumeTrue(TestCatalogs.toolPresent("bash") && TestCatalogs.toolPresent("shellcheck"),
            "bash or shellcheck is not installed: skipping");
    }

    private List<String> run(Map<String, String> attrs, String text) {
        return formatted(check.check(snippet("bash", attrs, text), TestCatalogs.context(scratch)));
    }

    @Test
    void appliesToShellLanguages() {
        assertTrue(check.appliesTo(snippet("bash", Map.of(), "")));
        assertTrue(check.appliesTo(snippet("sh", Map.of(), "")));
        assertTrue(check.appliesTo(snippet("shell", Map.of(), "")));
        assertTrue(check.appliesTo(snippet("console", Map.of(), "")));
        assertTrue(check.appliesTo(snippet("zsh", Map.of(), "")));
        assertFalse(check.appliesTo(snippet("Bash", Map.of(), "")));
    }

    @Test
    void goodBlockPasses() {
        String text = """
            cd app
            cp .env.example .env
            docker compose -f compose.yaml -f compose.ports.yaml --profile dashboard up -d --build
            TOKEN="$(curl -s -X POST http://localhost:8003/v3/auth/token -d '{"api_key": "<your-api-key>"}' | jq -r .token)"
            echo "$TOKEN"
            """;
        assertEquals(List.of(), run(Map.of(), text));
    }

    @Test
    void syntaxErrorAtItsLine() {
        assertEquals(List.of("content/x.adoc:41: [shell] bash -n: syntax error near unexpected token `then'"),
            run(Map.of(), "echo ok\nif then\n  echo no\nfi\n"));
    }

    @Test
    void inAReadersScriptWhatBashRunsIsAdviceAndWhatItRefusesIsAnError() {
        Map<String, String> reader = Map.of("origin", "reader");
        String text = "#!/bin/bash\nexport STAMP=$(date +%s)\nfor f in $(ls *.sql); do echo \"$f\"; done\n";
        List<Finding> out = check.check(snippet("bash", reader, text), TestCatalogs.context(scratch));
        assertEquals(2, out.size(), out.toString());
        assertTrue(out.get(0).message().contains("SC2155"), out.get(0).message());
        assertTrue(out.get(1).message().contains("shellcheck error") && out.get(1).message().contains("SC2045"), out.get(1).message());
        // bash runs both lines: a shellcheck error (ls in a for loop) is advice too, like its warnings
        assertTrue(out.stream().noneMatch(Finding::isError), out.toString());
        // the guide's own blocks must pass shellcheck's warnings: there the same lines are errors
        assertTrue(check.check(snippet("bash", Map.of(), text), TestCatalogs.context(scratch)).stream().allMatch(Finding::isError));

        // What bash refuses stays an error, at the line that opened it.
        List<Finding> unclosed = check.check(snippet("bash", reader, "#!/bin/bash\nif [ -f x ]; then\n  echo x\necho done\n"),
            TestCatalogs.context(scratch));
        assertEquals(1, unclosed.size(), unclosed.toString());
        assertTrue(unclosed.get(0).isError());
        assertEquals(41, unclosed.get(0).line(), unclosed.get(0).message());

        // A carriage return: bash runs "echo ok\r" and every such line fails.
        List<Finding> crlf = check.check(snippet("bash", reader, "#!/bin/bash\necho ok\r\n"), TestCatalogs.context(scratch));
        assertTrue(crlf.stream().anyMatch(f -> f.isError() && f.message().contains("SC1017")), crlf.toString());
    }

    @Test
    void aSourcedFileShellcheckCannotFollowIsAWarningNamingTheDirective() {
        for (Map<String, String> attrs : List.of(Map.<String, String>of(), Map.of("origin", "reader"))) {
            List<Finding> out = check.check(snippet("bash", attrs, "#!/bin/bash\nENV_FILE=\"$1\"\nsource \"$ENV_FILE\"\necho ok\n"),
                TestCatalogs.context(scratch));
            assertEquals(1, out.size(), out.toString());
            assertFalse(out.get(0).isError());
            assertEquals(42, out.get(0).line());
            assertTrue(out.get(0).message().contains("SC1090") && out.get(0).message().contains("# shellcheck source="), out.get(0).message());
        }
    }

    @Test
    void shellcheckWarningsAtTheirLine() {
        List<String> out = run(Map.of(), "echo ok\nfor f in $(ls *.sql); do echo \"$f\"; done\n");
        assertEquals(1, out.size(), String.join("\n", out));
        assertTrue(out.get(0).startsWith("content/x.adoc:41: [shell] shellcheck error at column 10: Iterating over ls output is fragile."),
            out.get(0));
        // a block may exclude a code it has a reason for
        assertEquals(List.of(), run(Map.of("shellcheck-exclude", "SC2045"), "echo ok\nfor f in $(ls *.sql); do echo \"$f\"; done\n"));
    }

    @Test
    void fragmentsAreNotFlaggedForUnusedOrUnsetVariables() {
        assertEquals(List.of(), run(Map.of(), "API_PORT=8003\ncd app\necho \"$AGENTOPS_API_KEY\"\n"));
    }

    @Test
    void safeBlockRunsAndItsEnvFileIsChecked() {
        String good = """
            JWT_SECRET_KEY="$(openssl rand -hex 32)"
            cat > .env <<EOF
            JWT_SECRET_KEY=${JWT_SECRET_KEY}
            API_DOMAIN=agentops.example.internal:8003
            EOF
            """;
        assertEquals(List.of(), run(Map.of("run", "safe"), good));
        String bad = """
            echo "generating"
            printf 'JWT_SECRET_KEY=%s\\nREDIS_HOST=localhost\\nAPI_DOMAIN = x\\n' super-secret-jwt-token-with-at-least-32-characters-long >> .env
            """;
        List<String> out = run(Map.of("run", "safe"), bad);
        assertEquals(3, out.size(), String.join("\n", out));
        assertTrue(out.get(0).startsWith("content/x.adoc:41: [shell] the .env this block writes, at its line 3: blank around '='"), out.get(0));
        assertTrue(out.get(1).startsWith("content/x.adoc:41: [shell] the .env this block writes, at its line 1: JWT_SECRET_KEY is set to"
            + " a published insecure default"), out.get(1));
        assertTrue(out.get(2).startsWith("content/x.adoc:41: [shell] warning: the .env this block writes, at its line 2: REDIS_HOST has"
            + " no effect here"), out.get(2));
    }

    @Test
    void safeBlockUsesTheComponentAttribute() {
        String text = "echo 'AGENTOPS_API_ENDPOINT=http://agentops.example.internal:8003' > sdk.env\n";
        assertEquals(List.of(), run(Map.of("run", "safe", "component", "sdk"), text));
        List<String> out = run(Map.of("run", "safe"), text);
        assertEquals(1, out.size());
        assertTrue(out.get(0).contains("AGENTOPS_API_ENDPOINT is not a variable the compose reads"), out.get(0));
    }

    @Test
    void failingSafeBlockIsAnError() {
        List<String> out = run(Map.of("run", "safe"), "echo one\nfalse\necho never\n");
        assertEquals(List.of("content/x.adoc:40: [shell] run=safe block failed when run: it exited with 1"), out);
        List<String> missing = run(Map.of("run", "safe"), "echo one\nno-such-command-here\n");
        assertEquals(List.of("content/x.adoc:41: [shell] run=safe block failed when run: it exited with 127: "
            + scratchFree(missing.get(0))), missing);
    }

    /** The message names the scratch script path; keep only the part after it. */
    private static String scratchFree(String finding) {
        return finding.substring(finding.indexOf("exited with 127: ") + "exited with 127: ".length());
    }

    @Test
    void blocksWithoutRunSafeAreNeverRun() {
        assertEquals(List.of(), run(Map.of(), "touch should-not-exist\n"));
        assertFalse(java.nio.file.Files.exists(scratch.resolve("should-not-exist")));
    }

    @Test
    void missingToolLeavesNoFindingOfItsOwn() {
        // The runner says once per run how many blocks went unchecked (CheckRunnerTest).
        CheckContext noTools = new CheckContext(TestCatalogs.catalog(), List.of(), emptyTools(), scratch);
        assertEquals(List.of(), formatted(check.check(snippet("bash", Map.of(), "echo hi\n"), noTools)));
    }

    @Test
    void anUnterminatedIfIsReportedAtTheIfLine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestCatalogs.toolPresent("shellcheck"), "shellcheck is not installed");
        // bash -n stops at the end of the block (line 43); the line to fix is the if (line 41).
        assertEquals(List.of("content/x.adoc:41: [shell] shellcheck error at column 1: Couldn't find 'fi' for this 'if'."
                + " [SC1046]; bash -n: syntax error: unexpected end of file at line 43"),
            run(Map.of(), "x=1\nif [ \"$x\" = 1 ]; then\n  echo one\necho two\n"));
    }

    @Test
    void withoutShellcheckASyntaxErrorStaysWhereBashPutsIt() throws Exception {
        Path bin = java.nio.file.Files.createDirectories(scratch.resolve("bin"));
        java.nio.file.Files.createSymbolicLink(bin.resolve("bash"), Tools.onPath(System.getenv("PATH")).find("bash").orElseThrow());
        Tools bashOnly = Tools.on(List.of(bin));
        CheckContext context = new CheckContext(TestCatalogs.catalog(), List.of(), bashOnly, scratch);
        assertEquals(List.of("content/x.adoc:43: [shell] bash -n: syntax error: unexpected end of file"),
            formatted(check.check(snippet("bash", Map.of(), "x=1\nif [ \"$x\" = 1 ]; then\n  echo one\necho two\n"), context)));
        // ... and the runner says once that shellcheck did not lint it (CheckRunnerTest).
    }

    static Tools emptyTools() {
        return Tools.on(List.of());
    }
}

package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.AsciidoctorRuntimeExtension;
import dev.selfhostguide.GuideFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --strict}, and CI=true, make a block a missing program left unchecked fail the run. The
 * command runs in this JVM with an environment whose PATH holds bash but not shellcheck: a command
 * reads its variables from its {@link Environment}, never from the process.
 */
class StrictOptionTest {

    @TempDir
    Path dir;

    private GuideFixture fixture;
    private Path bin;

    @BeforeEach
    void guideWithOneShellBlock() throws Exception {
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "no /bin/bash here");
        bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("bash"), bash);
        fixture = GuideFixture.create(Files.createDirectories(dir.resolve("guide")));
        fixture.write("content/plan.adoc", """
            = Plan
            :jbake-type: page
            :jbake-status: published

            [#plan-ports]
            == Ports

            [source,bash]
            ----
            echo ready
            ----
            """);
    }

    private record Run(int code, String out) { }

    private Run check(Map<String, String> variables, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Environment env = Environment.of(fixture.root(), print, print, variables, AsciidoctorRuntimeExtension::runtime);
        int code = Main.run(env, args);
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingLinterFailsACheckRunWithStrict() {
        Run run = check(Map.of("PATH", bin.toString()), "check", "--strict", "--quiet");
        assertEquals(1, run.code(), run.out());
        assertTrue(run.out().contains("shell: 1 block not linted: shellcheck is not installed"), run.out());
        assertTrue(run.out().contains("with --strict or CI=true a missing program fails the run"), run.out());
    }

    @Test
    void ciTrueInTheCommandsEnvironmentIsStrictToo() {
        Run run = check(Map.of("PATH", bin.toString(), "CI", "true"), "check", "--quiet");
        assertEquals(1, run.code(), run.out());
        assertTrue(run.out().contains("1 block not linted: shellcheck is not installed"), run.out());
    }

    @Test
    void withoutEitherItIsAWarning() {
        Run run = check(Map.of("PATH", bin.toString()), "check", "--quiet");
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("1 block not linted: shellcheck is not installed"), run.out());
    }

    /** doctor honours both too: an operator's CI that runs doctor learns that a file went unlinted. */
    @Test
    void doctorOnAScriptWithoutShellcheckFailsWithStrictOrCiAndWarnsOtherwise() throws Exception {
        fixture.write("run.sh", "#!/usr/bin/env bash\necho ready\n");
        Run strict = check(Map.of("PATH", bin.toString()), "--strict", "doctor", "run.sh");
        assertEquals(1, strict.code(), strict.out());
        assertTrue(strict.out().contains("shellcheck is not installed"), strict.out());
        Run ci = check(Map.of("PATH", bin.toString(), "CI", "true"), "doctor", "run.sh");
        assertEquals(1, ci.code(), ci.out());
        Run plain = check(Map.of("PATH", bin.toString()), "doctor", "run.sh");
        assertEquals(0, plain.code(), plain.out());
        assertTrue(plain.out().contains("shellcheck is not installed"), plain.out());
    }
}

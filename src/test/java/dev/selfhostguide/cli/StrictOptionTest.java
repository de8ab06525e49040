package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --strict} makes a block a missing program left unchecked fail the run. A separate JVM gets
 * a PATH that holds bash but not shellcheck, and no CI variable (CI=true would be strict anyway).
 */
class StrictOptionTest {

    @TempDir
    Path dir;

    @Test
    void aMissingLinterFailsACheckRunWithStrict() throws Exception {
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "no /bin/bash here");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("bash"), bash);
        GuideFixture fixture = GuideFixture.create(Files.createDirectories(dir.resolve("guide")));
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder run = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
            Main.class.getName(), "-C", fixture.root().toString(), "check", "--strict", "--quiet"))
            .redirectErrorStream(true);
        Map<String, String> env = run.environment();
        env.remove("CI");
        env.put("PATH", bin.toString());
        Process p = run.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("shell: 1 block not linted: shellcheck is not installed"), out);
    }
}

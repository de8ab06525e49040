package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./guide launcher. Its first run of a jar writes the class-data archive as the JVM exits;
 * a serve session ends with Ctrl+C, and the archive must still be put in place then, not left
 * as a 70 MB torn-off copy beside a missing archive. The JVM is a stand-in here: a script that
 * writes the archive it is asked for when it gets SIGINT, as the JVM does.
 */
class LauncherScriptTest {

    @TempDir
    Path dir;

    @Test
    void ctrlCStillPutsTheFirstRunsArchiveInPlace() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "setsid is not installed: skipping the launcher's Ctrl+C");
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.copy(GuideFixture.repositoryRoot().resolve("guide"), root.resolve("guide"));
        Files.createDirectories(root.resolve("target"));
        Files.writeString(root.resolve("target/guide.jar"), "a jar newer than any source (there are none here)");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path started = dir.resolve("started");
        Files.writeString(bin.resolve("java"), """
            #!/bin/sh
            for a; do case $a in -XX:ArchiveClassesAtExit=*) out=${a#*=} ;; esac; done
            trap 'echo archive > "$out"; exit 130' INT
            : > "%s"
            while :; do sleep 0.05; done
            """.formatted(started));
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));

        // A session of its own, so SIGINT goes to the launcher and the JVM together, as a terminal sends it.
        ProcessBuilder launch = new ProcessBuilder("/usr/bin/setsid", "sh", root.resolve("guide").toString(), "serve");
        launch.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        launch.redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        Process launcher = launch.start();
        for (int i = 0; i < 200 && !Files.exists(started); i++) {
            Thread.sleep(25);
        }
        assertTrue(Files.exists(started), "the stand-in JVM started");
        new ProcessBuilder("kill", "-INT", "--", "-" + launcher.pid()).inheritIO().start().waitFor();
        assertTrue(launcher.waitFor(10, TimeUnit.SECONDS), "the launcher ended after Ctrl+C");

        assertEquals(130, launcher.exitValue(), "the tool's exit status on Ctrl+C");
        assertEquals("archive\n", Files.readString(root.resolve("target/guide.jsa")), "the archive is in place");
        try (Stream<Path> left = Files.list(root.resolve("target"))) {
            assertEquals(List.of("guide.jar", "guide.jsa"), left.map(p -> p.getFileName().toString()).sorted().toList(), "nothing torn off");
        }
    }
}

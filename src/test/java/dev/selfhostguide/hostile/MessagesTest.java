package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages name the real thing: the folder that is missing, the file that is not a page, what a path is. */
class MessagesTest {

    @TempDir
    Path dir;

    private static void assertUsage(GuideFixture.Run run, String expected) {
        assertEquals(2, run.exitCode(), run.all());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in:\n" + run.all());
        assertEquals(1, run.err().strip().lines().count(), "one line:\n" + run.all());
    }

    @Test
    void aMissingDashCFolderIsAUsageErrorNotAnotherCheckout() {
        assertUsage(GuideFixture.runIn("-C", dir.resolve("nonexistent").toString(), "build"), "no such folder");
    }

    @Test
    void checkRefusesAFileOutsideContent() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        Files.writeString(dir.resolve("notes.adoc"), "= Notes\n");
        assertUsage(fixture.run("check", dir.resolve("notes.adoc").toString()), "is not a page of this guide");
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("/etc/passwd")), "no /etc/passwd here");
        assertUsage(fixture.run("check", "/etc/passwd"), "/etc/passwd is not a page of this guide");
    }

    @Test
    void doctorSaysWhatAnExistingPathIs() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        // A folder is searched; one with nothing doctor reads is a usage error, not "no problems".
        assertUsage(GuideFixture.runIn("-C", dir.toString(), "doctor", "conf"), "conf: 0 files to check");
        Path fifo = dir.resolve("pipe.env");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            Assumptions.assumeTrue(false, "mkfifo is not available: skipping");
            return;
        }
        assertEquals(0, mk.waitFor());
        GuideFixture.Run run = assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> GuideFixture.runIn("-C", dir.toString(), "doctor", "pipe.env"));
        assertUsage(run, "pipe.env is a FIFO (named pipe), not a file");
    }

    @Test
    void terminalEscapesFromAFileArePrintedEscaped() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir).write("content/index.adoc", """
            = Home
            :jbake-type: page
            :jbake-status: published

            [#home-a]
            == A

            [source,yaml,check="no-such-\u001b[2J\u200bcheck"]
            ----
            a: 1
            ----
            """);
        GuideFixture.Run run = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> fixture.run("build", "--quiet"));
        assertEquals(1, run.exitCode(), run.all());
        assertFalse(run.all().contains("\u001b"), "no raw escape reaches the terminal");
        assertFalse(run.all().contains("\u200b"), "no invisible character either");
        assertTrue(run.err().contains("no-such-\\u001b[2J\\u200bcheck"), run.all());
    }

    @Test
    void aParityMessageShowsTheInvisibleCharacterThatMakesTwoBlocksDiffer() throws Exception {
        String page = "= Home\n:jbake-type: page\n:jbake-status: published\n\n[#home-a]\n== A\n\n[source,yaml]\n----\n%s\n----\n";
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/index.adoc", page.formatted("name: guide"))
            .write("content/ko/index.adoc", page.formatted("name: \u200bguide"))
            .write("content/ko/plan.adoc", fixture0Plan());
        GuideFixture.Run run = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> fixture.run("check"));
        assertEquals(1, run.exitCode(), run.all());
        assertFalse(run.all().contains("\u200b"), "the invisible character is not printed raw:\n" + run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("content/ko/index.adoc:10: [parity] code block 1 differs from ")
            && l.contains("'name: \\u200bguide' where the English has 'name: guide'")), run.all());
    }

    private static String fixture0Plan() {
        return "= Plan\n:jbake-type: page\n:jbake-status: published\n\n[#plan-ports]\n== Ports\n\nguide-table::ports[]\n";
    }
}

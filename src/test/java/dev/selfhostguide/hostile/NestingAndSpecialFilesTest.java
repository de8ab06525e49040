package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.content.ContentScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages Asciidoctor's recursive parser would overflow on, and files that block whoever opens
 * them, are refused by the content scan before anything converts or reads them: one line, exit 1.
 */
class NestingAndSpecialFilesTest {

    private static final String HEADER = "= Home\n:jbake-type: page\n:jbake-status: published\n\n[#home-a]\n== A\n\n";

    @TempDir
    Path dir;

    private GuideFixture.Run build(GuideFixture fixture) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> fixture.run("build", "--quiet"));
    }

    private void assertOneClearLine(GuideFixture.Run run, String expected) {
        assertEquals(1, run.exitCode(), run.all());
        List<String> lines = run.err().lines().filter(l -> !l.startsWith("build failed")).toList();
        assertEquals(1, lines.size(), "one line:\n" + run.all());
        assertTrue(lines.get(0).startsWith(expected), "expected '" + expected + "' in:\n" + run.all());
        assertFalse(run.all().contains("\tat "), "no stack trace");
        assertFalse(run.all().contains("Error"), "no error class names:\n" + run.all());
        assertFalse(Files.exists(dir.resolve("target/site")), "nothing is published");
    }

    @Test
    void aHundredNestedExampleBlocks() throws Exception {
        StringBuilder page = new StringBuilder(HEADER);
        for (int i = 0; i < 100; i++) {
            page.append("=".repeat(4 + i)).append('\n');
        }
        page.append("deep\n");
        for (int i = 99; i >= 0; i--) {
            page.append("=".repeat(4 + i)).append('\n');
        }
        int line = HEADER.split("\n", -1).length + ContentScan.MAX_BLOCK_DEPTH;
        assertOneClearLine(build(GuideFixture.create(dir).write("content/index.adoc", page.toString())),
            "content/index.adoc:" + line + ": [content] blocks nested too deeply (limit " + ContentScan.MAX_BLOCK_DEPTH + ")");
    }

    @Test
    void alternatingBlockKindsCountToo() {
        StringBuilder page = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            page.append(i % 2 == 0 ? "****" : "====").append('\n');
        }
        List<ContentScan.Problem> problems = ContentScan.nesting(Path.of("p.adoc"), page.toString());
        assertEquals(1, problems.size());
        assertEquals(ContentScan.MAX_BLOCK_DEPTH + 1, problems.get(0).line());
    }

    @Test
    void delimitersInsideAListingAreText() {
        StringBuilder page = new StringBuilder("----\n");
        for (int i = 0; i < 40; i++) {
            page.append("=".repeat(4 + i)).append('\n').append("*".repeat(30)).append(" item\n");
        }
        page.append("----\n");
        assertEquals(List.of(), ContentScan.nesting(Path.of("p.adoc"), page.toString()));
    }

    @Test
    void aFiveHundredLevelList() throws Exception {
        StringBuilder page = new StringBuilder(HEADER);
        for (int i = 1; i <= 500; i++) {
            page.append("*".repeat(i)).append(" level ").append(i).append('\n');
        }
        int line = HEADER.split("\n", -1).length + ContentScan.MAX_LIST_DEPTH;
        assertOneClearLine(build(GuideFixture.create(dir).write("content/index.adoc", page.toString())),
            "content/index.adoc:" + line + ": [content] list nested too deeply (limit " + ContentScan.MAX_LIST_DEPTH + ")");
    }

    @Test
    void deepDescriptionListsAndOrderedListsToo() {
        assertEquals(1, ContentScan.nesting(Path.of("p.adoc"), "term" + ":".repeat(20) + " x\n").size());
        assertEquals(1, ContentScan.nesting(Path.of("p.adoc"), ".".repeat(20) + " x\n").size());
        assertEquals(List.of(), ContentScan.nesting(Path.of("p.adoc"), "include::examples/a.env[]\nhttps://x::y\n"));
    }

    @Test
    void theRealGuideIsWithinTheLimits() throws Exception {
        Path content = GuideFixture.repositoryRoot().resolve("content");
        try (Stream<Path> walk = Files.walk(content)) {
            for (Path page : walk.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                assertEquals(List.of(), ContentScan.nesting(page, Files.readString(page)), page.toString());
            }
        }
    }

    private static void mkfifo(Path path) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.assumeTrue(false, "mkfifo is not available: skipping");
            return;
        }
        assertEquals(0, p.waitFor());
    }

    @Test
    void aFifoInContentIsRefusedNotOpened() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        mkfifo(dir.resolve("content/pipe.adoc"));
        assertOneClearLine(build(fixture), "content/pipe.adoc: [content] this is a FIFO (named pipe), not a file");
    }

    @Test
    void aFifoInTheDataFolderIsRefusedNotOpened() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        mkfifo(dir.resolve("content/data/extra.yml"));
        assertOneClearLine(build(fixture), "content/data/extra.yml: [content] this is a FIFO (named pipe), not a file");
    }

    @Test
    void aLinkToAFifoIsRefused() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        mkfifo(dir.resolve("content/examples/pipe"));
        Files.createSymbolicLink(dir.resolve("content/examples/pipe.env"), dir.resolve("content/examples/pipe"));
        GuideFixture.Run run = build(fixture);
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().contains("content/examples/pipe.env: [content] symbolic link to a FIFO (named pipe)"), run.all());
    }

    @Test
    void aDeviceIsRefused() {
        Path device = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(device), "no /dev/null: skipping");
        assertEquals("a character device", ContentScan.specialKind(device));
        assertEquals(null, ContentScan.specialKind(dir));
    }

    @Test
    void aPageIncludingItselfIsOneLine() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir).write("content/index.adoc", HEADER + "include::index.adoc[]\n");
        assertOneClearLine(build(fixture), "content/index.adoc:8: [content] this page includes itself");
    }

    @Test
    void anIncludeLoopThroughAnotherFileIsOneLine() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/parts/.jbakeignore", "")
            .write("content/parts/a.adoc", "Part A.\n\ninclude::b.adoc[]\n")
            .write("content/parts/b.adoc", "Part B.\n\ninclude::a.adoc[]\n")
            .write("content/index.adoc", HEADER + "include::parts/a.adoc[]\n");
        assertOneClearLine(build(fixture), "content/parts/");
    }
}

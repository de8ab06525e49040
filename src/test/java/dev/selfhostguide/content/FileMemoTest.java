package dev.selfhostguide.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.bake.PublishedSecrets;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remembered file is given without reading only while it cannot have changed; every way a file
 * changes (its bytes just after a read, its size, the file behind the name, a coarse clock) makes
 * it read again.
 */
class FileMemoTest {

    @TempDir
    Path dir;

    private final AtomicInteger reads = new AtomicInteger();
    private final FileMemo<String> memo = new FileMemo<>(file -> {
        reads.incrementAndGet();
        return Files.readString(file);
    });

    private Path write(String name, String text, Instant modified) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static Instant hourAgo() {
        return Instant.now().minus(1, ChronoUnit.HOURS).plusNanos(123_456_789);
    }

    @Test
    void aSettledFileIsReadOnce() throws Exception {
        Path file = write("a.txt", "alpha", hourAgo());
        assertEquals("alpha", memo.get(file));
        assertEquals("alpha", memo.get(file));
        assertEquals("alpha", memo.get(dir.resolve("x/../a.txt")), "the same file by another spelling");
        assertEquals(1, reads.get());
    }

    @Test
    void aFileWrittenJustBeforeItsReadIsReadAgainEvenWithTheSameSizeAndTime() throws Exception {
        Instant now = Instant.now();
        Path file = write("a.txt", "alpha", now);
        assertEquals("alpha", memo.get(file));
        write("a.txt", "omega", now);      // same size, same time: only the margin tells
        assertEquals("omega", memo.get(file));
    }

    @Test
    void anotherSizeOrAnotherTimeIsReadAgain() throws Exception {
        Instant old = hourAgo();
        Path file = write("a.txt", "alpha", old);
        memo.get(file);
        write("a.txt", "alphabet", old);
        assertEquals("alphabet", memo.get(file), "size");
        write("a.txt", "omegabet", old.plusSeconds(1));
        assertEquals("omegabet", memo.get(file), "time");
        assertEquals(3, reads.get());
    }

    @Test
    void anotherFileUnderTheSameNameIsReadAgain() throws Exception {
        Instant old = hourAgo();
        Path file = write("a.txt", "alpha", old);
        memo.get(file);
        Path other = write("b.txt", "omega", old);
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals("omega", memo.get(file), "same size and time, another inode");
    }

    @Test
    void wholeSecondTimesGetTheCoarseClocksMargin() throws Exception {
        // A file system that keeps whole seconds (FAT, HFS+) may give a write a second later the same time.
        Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path file = write("a.txt", "alpha", second);
        memo.get(file);
        write("a.txt", "omega", second);
        assertEquals("omega", memo.get(file), "within two seconds of a whole-second time the file is read again");
        Path settled = write("b.txt", "alpha", second.minusSeconds(10));
        memo.get(settled);
        memo.get(settled);
        assertEquals(3, reads.get());
    }

    @Test
    void aFileThatWentAwayIsNotAnsweredFromMemory() throws Exception {
        Path file = write("a.txt", "alpha", hourAgo());
        memo.get(file);
        Files.delete(file);
        assertThrows(NoSuchFileException.class, () -> memo.get(file));
    }

    @Test
    void clearForgetsEverything() throws Exception {
        Path file = write("a.txt", "alpha", hourAgo());
        memo.get(file);
        memo.clear();
        memo.get(file);
        assertEquals(2, reads.get());
    }

    @Test
    void aLinkIsStampedByItsTarget() throws Exception {
        Path target = write("a.txt", "alpha", hourAgo());
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        assertEquals("alpha", memo.get(link));
        write("a.txt", "omega", hourAgo().plusSeconds(5));
        assertEquals("omega", memo.get(link));
    }

    /** serve's content scan, before and in every rebuild: a settled folder, then each kind of refused edit. */
    @Test
    void theContentScanWithMemorySeesEveryChange() throws Exception {
        Path content = Files.createDirectories(dir.resolve("content"));
        Files.writeString(content.resolve("a.adoc"), "= A\n\ninclude::b.adoc[]\n");
        Files.writeString(content.resolve("b.adoc"), "Text.\n");
        try (var files = Files.walk(content)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, FileTime.from(hourAgo()));
            }
        }
        ContentScan.Memo seen = new ContentScan.Memo();
        assertEquals(List.of(), ContentScan.scan(content, seen));
        assertEquals(List.of(), ContentScan.scan(content, seen), "answered from memory");

        Files.writeString(content.resolve("b.adoc"), "Text.\r\nMore.\r\n");
        assertEquals(ContentScan.scan(content), ContentScan.scan(content, seen));
        assertEquals(1, ContentScan.scan(content, seen).size(), "the CRLF edit");

        Files.writeString(content.resolve("b.adoc"), "include::a.adoc[]\n");
        List<ContentScan.Problem> loop = ContentScan.scan(content, seen);
        assertEquals(ContentScan.scan(content), loop);
        assertEquals(1, loop.size(), "the include loop: " + loop);

        Files.writeString(content.resolve("b.adoc"), "Text.\n");
        assertEquals(List.of(), ContentScan.scan(content, seen));
    }

    /**
     * serve's secret scan with a settled site, as after a few seconds of a session: a page edited
     * afterwards (as JBake writes it) is scanned again and its secret reported; put back, it is gone.
     */
    @Test
    void theSecretScanOfASettledSiteSeesTheEditedPage() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/index.adoc", "= Home\n:jbake-type: page\n:jbake-status: published\n\nNothing secret.\n")
            .write("site/index.html", "<p>Nothing secret.</p>\n")
            .write("site/start.html", "<p>Start here.</p>\n");
        Project project = new Project(dir);
        Catalog catalog = Catalog.load(project.data());
        PublishedSecrets.Memo secrets = new PublishedSecrets.Memo();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, FileTime.from(hourAgo()));
            }
        }
        Path site = dir.resolve("site");
        assertEquals(List.of(), PublishedSecrets.scan(project, catalog, site, secrets));
        assertEquals(List.of(), PublishedSecrets.scan(project, catalog, site, secrets), "answered from memory");

        fixture.write("site/start.html", "<p>Start with glpat-abcdefghij0123456789 here.</p>\n");
        List<Finding> found = PublishedSecrets.scan(project, catalog, site, secrets);
        assertEquals(PublishedSecrets.scan(project, catalog, site).size(), found.size());
        assertEquals(1, found.size(), found.toString());

        fixture.write("site/start.html", "<p>Start here.</p>\n");
        assertEquals(List.of(), PublishedSecrets.scan(project, catalog, site, secrets));
    }
}

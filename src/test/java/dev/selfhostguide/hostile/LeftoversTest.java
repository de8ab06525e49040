package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.bundle.Bundle;
import dev.selfhostguide.bundle.GuideVersion;
import dev.selfhostguide.content.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed build or bundle leaves is cleaned by the next one, and nothing a build publishes is private
 * to the user who ran it.
 */
class LeftoversTest {

    /** No process has this id (Linux pids stop at 4,194,304). */
    private static final long DEAD_PID = 999_999_999L;

    @TempDir
    Path dir;

    @Test
    void stagingAndOldFoldersOfAKilledBuildAreRemovedByTheNextBuild() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        Path staging = dir.resolve("target/.site.staging-" + DEAD_PID + "-12345");
        Path old = dir.resolve("target/.site.old-" + DEAD_PID + "-678");
        Path legacy = dir.resolve("target/.site.staging-4839201938475");
        Path running = dir.resolve("target/.site.staging-" + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L) + "-9");
        for (Path p : List.of(staging, old, legacy, running)) {
            Files.createDirectories(p.resolve("examples"));
            Files.writeString(p.resolve("examples/half.env"), "A=1\n");
        }
        Files.setLastModifiedTime(legacy, FileTime.from(Instant.now().minusSeconds(3600)));
        GuideFixture.Run run = fixture.run("build", "--quiet", "--no-checks");
        assertEquals(0, run.exitCode(), run.all());
        assertFalse(Files.exists(staging), "the killed build's staging folder is gone");
        assertFalse(Files.exists(old), "the killed swap's old site is gone");
        assertFalse(Files.exists(legacy), "an hour-old staging folder without a process id is gone");
        assertTrue(Files.exists(running), "a folder of a process that is still alive stays");
        try (Stream<Path> list = Files.list(dir.resolve("target"))) {
            assertEquals(List.of(".site.staging-" + running.getFileName().toString().substring(".site.staging-".length()), "site"),
                list.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aRecentFolderWithoutAProcessIdIsLeftAlone() throws Exception {
        Path site = dir.resolve("site");
        Path recent = dir.resolve(".site.staging-5550001112223");
        Files.createDirectories(recent);
        assertEquals(List.of(), SiteOutput.removeLeftovers(site));
        assertTrue(Files.exists(recent));
        Path unrelated = dir.resolve(".sites.staging-" + DEAD_PID + "-1");
        Files.createDirectories(unrelated);
        assertEquals(List.of(), SiteOutput.removeLeftovers(site));
        assertTrue(Files.exists(unrelated), "only this destination's folders are touched");
    }

    @Test
    void publishedFilesAre0644AndFolders0755() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        GuideFixture fixture = GuideFixture.create(dir).write("content/examples/a.env", "A=1\n")
            .write("content/index.adoc", "= Home\n:jbake-type: page\n:jbake-status: published\n\n[#home-a]\n== A\n\n"
                + "[source,text,check=none,reason=\"sample\"]\n----\ninclude::examples/a.env[]\n----\n");
        assertEquals(0, fixture.run("build", "--quiet", "--no-checks").exitCode());
        Path site = dir.resolve("target/site");
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path p : walk.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--", mode, site.relativize(p).toString());
            }
        }
    }

    @Test
    void makeReadableFixesATempFile() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Path temp = Files.createTempFile(dir, "x", ".zip");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
        SiteOutput.makeReadable(temp);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
    }

    @Test
    void theZipIs0644ThoughItsTempFileWas0600() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.writeString(folder.resolve("index.html"), "<p>x</p>\n");
        Path zip = Files.createTempFile(dir, ".bundle", ".part");
        dev.selfhostguide.bundle.ReproducibleZip.write(folder, "guide/", 0, zip);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(zip)));
    }

    @Test
    void whatAKilledBundleLeftIsRemovedByTheNextBundle() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        Path target = Files.createDirectories(dir.resolve("target"));
        String zip = Bundle.fileName(GuideVersion.current());
        long alive = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        Path work = Files.createDirectories(target.resolve("." + zip + ".work-" + DEAD_PID + "-123"));
        Files.writeString(Files.createDirectories(work.resolve("guide/examples")).resolve("half.env"), "A=1\n");
        Path part = Files.writeString(target.resolve("." + zip + ".part-" + DEAD_PID + "-456"), "PK half a zip");
        Path sum = Files.writeString(target.resolve("." + zip + ".sha256.part-" + DEAD_PID + "-7"), "abc");
        Path legacyPart = Files.writeString(target.resolve("." + zip + "8812734.part"), "PK");
        Files.setLastModifiedTime(legacyPart, FileTime.from(Instant.now().minusSeconds(3600)));
        Path running = Files.createDirectories(target.resolve("." + zip + ".work-" + alive + "-9"));
        Path other = Files.writeString(target.resolve(".other.zip.part-" + DEAD_PID + "-1"), "not ours");
        GuideFixture.Run run = fixture.run("bundle", "--quiet", "--no-checks", "--no-pdf");
        assertEquals(0, run.exitCode(), run.all());
        for (Path gone : List.of(work, part, sum, legacyPart)) {
            assertFalse(Files.exists(gone), gone.getFileName() + " is removed");
        }
        assertTrue(Files.exists(running), "the work folder of a bundle still running stays");
        assertTrue(Files.exists(other), "only this zip's leftovers are touched");
        assertTrue(Files.isRegularFile(target.resolve(zip)));
    }

    @Test
    void theNamesABundleWritesAreTheNamesTheNextOneCleans() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        assertEquals(0, fixture.run("build", "--quiet", "--no-checks").exitCode());
        Path zip = dir.resolve("out/guide.zip");
        List<String> during = new java.util.ArrayList<>();
        // The scan hook runs while the work folder exists: what a SIGKILL at that moment would leave.
        Bundle.Result result = new Bundle("1.0", 0).scanning((folder, files) -> {
            try (Stream<Path> list = Files.list(zip.getParent())) {
                list.map(p -> p.getFileName().toString()).forEach(during::add);
            }
            return List.of();
        }).write(dir.resolve("target/site"), Catalog.load(dir.resolve("content/data")), zip);
        assertTrue(result.ok(), result.toString());
        assertEquals(1, during.size(), during.toString());
        String pid = String.valueOf(ProcessHandle.current().pid());
        java.util.regex.Matcher m = Bundle.leftovers(zip).matcher(during.get(0));
        assertTrue(m.matches() && pid.equals(m.group(1)), during.get(0) + " carries this process's id");
        assertTrue(Bundle.leftovers(zip).matcher(".guide.zip.part-" + pid + "-1").matches());
        assertFalse(Bundle.leftovers(zip).matcher("guide.zip.sha256").matches(), "the checksum beside the zip is no leftover");
        try (Stream<Path> list = Files.list(zip.getParent())) {
            assertEquals(List.of("guide.zip", "guide.zip.sha256"), list.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}

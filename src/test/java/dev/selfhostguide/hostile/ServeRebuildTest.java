package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.AsciidoctorRuntimeExtension;
import dev.selfhostguide.bundle.SiteFinish;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.pipeline.SiteRebuilds;
import dev.selfhostguide.content.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code guide serve} does when a file changes while it serves: a page rebuild must run the
 * same content scan as {@code build}, so what build refuses never reaches the preview.
 * */
class ServeRebuildTest {

    @TempDir
    Path dir;

    private static SiteRebuilds serve(GuideFixture fixture) {
        return new SiteRebuilds(new Project(fixture.root()), new Pipeline(AsciidoctorRuntimeExtension.runtime(), dev.selfhostguide.checks.Tools.onPath(System.getenv("PATH")), false), false,
            new SiteFinish(), List.of());
    }

    private SiteRebuilds.Outcome rebuildAfter(GuideFixture fixture, Path changed) throws Exception {
        SiteRebuilds bake = serve(fixture);
        SiteRebuilds.Outcome first = bake.full(p -> { });
        assertFalse(first.failed(), first.found().toString());
        return bake.rebuild(List.of(changed), p -> { });
    }

    private static String lines(SiteRebuilds.Outcome outcome, Path root) {
        StringBuilder out = new StringBuilder();
        outcome.found().forEach(f -> out.append(f.format(root)).append('\n'));
        return out.toString();
    }

    @Test
    void aPageLinkedToThePasswordFileIsRefused() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/etc/passwd")), "no /etc/passwd here");
        GuideFixture fixture = GuideFixture.create(dir);
        Path leak = fixture.path("content/leak.adoc");
        SiteRebuilds bake = serve(fixture);
        assertFalse(bake.full(p -> { }).failed());
        Files.createSymbolicLink(leak, Path.of("/etc/passwd"));
        SiteRebuilds.Outcome outcome = bake.rebuild(List.of(leak), p -> { });
        assertTrue(lines(outcome, fixture.root()).contains("content/leak.adoc: [content] symbolic link to /etc/passwd"),
            lines(outcome, fixture.root()));
        assertFalse(Files.exists(fixture.path("target/site/leak.html")), "the password file is not served");
    }

    @Test
    void aSymlinkedExampleIsRefused() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        Files.writeString(dir.resolve("outside.env"), "SECRET=1\n");
        fixture.write("content/index.adoc", "= Home\n:jbake-type: page\n:jbake-status: published\n\n[#home-a]\n== A\n\n"
            + "link:examples/linked.env[the file]\n");
        fixture.write("content/examples/linked.env", "A=1\n");
        SiteRebuilds bake = serve(fixture);
        assertFalse(bake.full(p -> { }).failed());
        Path example = fixture.path("content/examples/linked.env");
        Files.delete(example);
        Files.createSymbolicLink(example, dir.resolve("outside.env"));
        SiteRebuilds.Outcome outcome = bake.rebuild(List.of(example), p -> { });
        assertTrue(lines(outcome, fixture.root()).contains("content/examples/linked.env: [content] symbolic link to"),
            lines(outcome, fixture.root()));
        assertFalse(Files.readString(fixture.path("target/site/examples/linked.env")).contains("SECRET"), "the outside file is not served");
    }

    @Test
    void aPageTurnedToCrlfIsRefused() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        Path index = fixture.path("content/index.adoc");
        SiteRebuilds bake = serve(fixture);
        assertFalse(bake.full(p -> { }).failed());
        Files.writeString(index, Files.readString(index).replace("\n", "\r\n"));
        SiteRebuilds.Outcome outcome = bake.rebuild(List.of(index), p -> { });
        assertTrue(lines(outcome, fixture.root()).contains("content/index.adoc:1: [content] Windows line ending (CRLF)"),
            lines(outcome, fixture.root()));
    }

    @Test
    void pagesRebuiltByServeAre0644() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        GuideFixture fixture = GuideFixture.create(dir);
        Path index = fixture.path("content/index.adoc");
        SiteRebuilds bake = serve(fixture);
        assertFalse(bake.full(p -> { }).failed());
        Files.writeString(index, Files.readString(index) + "\nOne more line.\n");
        SiteRebuilds.Outcome outcome = bake.rebuild(List.of(index), p -> { });
        assertFalse(outcome.failed(), lines(outcome, fixture.root()));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.path("target/site/index.html"))));
    }
}

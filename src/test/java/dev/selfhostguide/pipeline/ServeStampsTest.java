package dev.selfhostguide.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.AsciidoctorRuntimeExtension;
import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.bundle.SiteFinish;
import dev.selfhostguide.content.Project;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve writes what build writes: a page serve rebuilt after an edit has the bytes {@code guide
 * build} gives the same sources, "checked: ..." lines under its code blocks included.
 */
class ServeStampsTest {

    @TempDir
    Path dir;

    private static String page(String blocks) {
        return "= Setup\n:jbake-type: page\n:jbake-status: published\n\n[#setup-config]\n== Config\n\n" + blocks;
    }

    private static final String LOG_LEVEL = "[source,yaml]\n----\nlevel: info\n----\n";
    private static final String OUTPUT = "\n[source,text,check=none,reason=\"sample output\"]\n----\n$ docker ps\napi   Up\n----\n";

    @Test
    @Timeout(240)
    void aPageServeRebuiltHasTheBytesBuildWrites() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir).write("content/setup.adoc", page(LOG_LEVEL));
        Project project = new Project(fixture.root());
        SiteRebuilds serve = new SiteRebuilds(project, new Pipeline(AsciidoctorRuntimeExtension.runtime(), dev.selfhostguide.checks.Tools.onPath(System.getenv("PATH")), false), true,
            new SiteFinish(), List.of());
        SiteRebuilds.Outcome first = serve.full(p -> { });
        assertTrue(first.published(), first.found().toString());
        Path html = serve.site().resolve("setup.html");
        assertTrue(Files.readString(html).contains("block-checked"), "serve's full bake stamps the blocks");

        // An edit while another page fails: build would stamp nothing, so serve writes the page unstamped ...
        fixture.write("content/setup.adoc", page(LOG_LEVEL.replace("info", "debug") + OUTPUT));
        String index = fixture.read("content/index.adoc");
        fixture.write("content/index.adoc", index + "\n[source,yaml]\n----\nlevel: [info\n----\n");
        SiteRebuilds.Outcome failing = serve.rebuild(List.of(fixture.path("content/setup.adoc"), fixture.path("content/index.adoc")), p -> { });
        assertEquals(SiteRebuilds.Kind.PAGES, failing.kind());
        assertTrue(failing.failed(), "the broken block fails the run");
        assertFalse(Files.readString(html).contains("block-checked"), "nothing is stamped while a check fails");

        // ... and stamps it once the other page is fixed, though it was not converted again.
        fixture.write("content/index.adoc", index);
        SiteRebuilds.Outcome fixed = serve.rebuild(List.of(fixture.path("content/index.adoc")), p -> { });
        assertEquals(SiteRebuilds.Kind.PAGES, fixed.kind());
        assertFalse(fixed.failed(), fixed.found().toString());
        assertFalse(fixed.pages().contains(fixture.path("content/setup.adoc")), fixed.pages().toString());
        String served = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(served.contains("not checked: sample output"), "the new block is stamped too:\n" + served);

        GuideFixture.Run build = fixture.run("build", "--quiet");
        assertEquals(0, build.exitCode(), build.all());
        assertEquals(Files.readString(fixture.path("target/site/setup.html"), StandardCharsets.UTF_8), served);
    }
}

package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of broken page makes {@code guide build} exit 1 with one line naming file and line. */
class BakeFailuresTest {

    @TempDir
    Path dir;

    private GuideFixture.Run buildWith(String page, String text) throws Exception {
        GuideFixture fixture = GuideFixture.create(dir).write(page, text);
        return fixture.run("build", "--no-checks", "--quiet");
    }

    private static void assertFails(GuideFixture.Run run, String expected) {
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith(expected)),
            "expected a line starting with '" + expected + "' in:\n" + run.all());
    }

    @Test
    void theFixtureBuilds() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        GuideFixture.Run run = fixture.run("build", "--no-checks");
        assertEquals(0, run.exitCode(), run.all());
        String plan = fixture.read("target/site/plan.html");
        assertTrue(plan.contains("<td class=\"tableblock halign-left valign-top\"><p class=\"tableblock\">8003</p></td>"), plan);
        assertTrue(fixture.read("target/site/index.html").contains("listens on 8003"));
    }

    @Test
    void unresolvedInclude() throws Exception {
        assertFails(buildWith("content/index.adoc", """
            = Home

            [#home-a]
            == A

            include::examples/missing.env[]
            """), "content/index.adoc:6: [asciidoctor] include file not found");
    }

    @Test
    void includeOutsideTheContentRootIsRefused() throws Exception {
        GuideFixture.Run run = buildWith("content/index.adoc", """
            = Home

            [#home-a]
            == A

            ----
            include::../../../../../../etc/passwd[]
            ----
            """);
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().contains("content/index.adoc:7: [asciidoctor]"), run.all());
        assertFalse(Files.exists(dir.resolve("target/site")), "a failed build publishes nothing");
    }

    @Test
    void missingAttribute() throws Exception {
        assertFails(buildWith("content/index.adoc", """
            = Home

            [#home-a]
            == A

            The port is {no-such-port}.
            """), "content/index.adoc:6: [asciidoctor] skipping reference to missing attribute: no-such-port");
    }

    @Test
    void brokenCrossPageXref() throws Exception {
        assertFails(buildWith("content/index.adoc", """
            = Home

            [#home-a]
            == A

            Read xref:nowhere.adoc[the missing page].
            """), "content/index.adoc:6: [link] link to 'nowhere.html', which is not in the site");
    }

    @Test
    void brokenAnchorOnAnotherPage() throws Exception {
        assertFails(buildWith("content/index.adoc", """
            = Home

            [#home-a]
            == A

            Read xref:plan.adoc#plan-nope[a section that does not exist].
            """), "content/index.adoc:6: [link] link to 'plan.html#plan-nope': plan.html has no anchor 'plan-nope'");
    }

    @Test
    void brokenAnchorOnTheSamePage() throws Exception {
        assertFails(buildWith("content/index.adoc", """
            = Home

            [#home-a]
            == A

            See <<home-b>>.
            """), "content/index.adoc:6: [asciidoctor] possible invalid reference: home-b");
    }

    @Test
    void templateError() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir).write("templates/page.ftl", """
            <!DOCTYPE html>
            <html lang="en"><head><title>${content.title}</title></head>
            <body>${content.no_such_field}</body></html>
            """);
        GuideFixture.Run run = fixture.run("build", "--no-checks", "--quiet");
        assertFails(run, "templates/page.ftl:3: [template]");
    }

    @Test
    void pageLeftInDraft() throws Exception {
        assertFails(buildWith("content/plan.adoc", """
            = Plan
            :jbake-type: page
            :jbake-status: draft

            [#plan-ports]
            == Ports
            """), "content/plan.adoc:3: [draft]");
    }

    @Test
    void aFailedBuildLeavesTheLastGoodSite() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        assertEquals(0, fixture.run("build", "--no-checks", "--quiet").exitCode());
        String good = fixture.read("target/site/index.html");
        fixture.write("content/index.adoc", "= Home\n\n[#home-a]\n== A\n\n{no-such-attribute}\n");
        assertEquals(1, fixture.run("build", "--no-checks", "--quiet").exitCode());
        assertEquals(good, fixture.read("target/site/index.html"));
        try (var files = Files.list(dir.resolve("target"))) {
            assertEquals(1, files.count(), "no staging folder is left behind");
        }
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        assertEquals(2, fixture.run("build", "--frobnicate").exitCode());
        assertEquals(2, fixture.run("no-such-command").exitCode());
    }
}

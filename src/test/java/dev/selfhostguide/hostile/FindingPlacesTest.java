package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finding names the file and line to edit: the page or the partial that wrote a broken link (in
 * either edition), the template that wrote one on every page, never the staging folder a failed
 * build deletes; a page whose name JBake would percent-encode is refused by name, not blamed on
 * the template.
 */
class FindingPlacesTest {

    private static final String HEADER = ":jbake-type: page\n:jbake-status: published\n";

    @TempDir
    Path dir;

    private static GuideFixture.Run build(GuideFixture fixture) {
        return assertTimeoutPreemptively(Duration.ofSeconds(120), () -> fixture.run("build", "--quiet", "--no-checks"));
    }

    private static List<String> lines(GuideFixture.Run run) {
        return run.err().lines().filter(l -> !l.startsWith("build failed")).toList();
    }

    private static void assertNoScratchPath(GuideFixture.Run run) {
        assertFalse(run.all().contains(".site.staging"), "no staging folder is named:\n" + run.all());
        assertFalse(run.all().contains(System.getProperty("java.io.tmpdir") + "/guide"), "no scratch folder is named:\n" + run.all());
        assertFalse(run.all().contains("look at the templates"), run.all());
    }

    @Test
    void brokenLinksAreReportedWhereTheyAreWrittenThroughIncludesAndInBothEditions() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/partials/.jbakeignore", "")
            .write("content/partials/more.adoc", """
                More about the plan.

                See xref:plan.adoc#plan-gone[a missing anchor].
                """)
            .write("content/index.adoc", "= Home\n" + HEADER + """

                [#home-intro]
                == Intro

                The plan is good, see link:nothere.html[one].
                Another line names nothere too.
                And link:nothere.html[the same broken link] again.

                include::partials/more.adoc[]
                """)
            .write("content/ko/index.adoc", "= 홈\n" + HEADER + """

                [#home-intro]
                == 소개

                plan 문서를 보세요.
                xref:../plan.adoc#plan-absent[포트]를 보세요.
                """)
            .write("content/ko/plan.adoc", "= 계획\n" + HEADER + "\n[#plan-ports]\n== 포트\n");
        GuideFixture.Run run = build(fixture);
        assertEquals(1, run.exitCode(), run.all());
        assertEquals(List.of(
            "content/index.adoc:8: [link] link to 'nothere.html', which is not in the site",
            "content/index.adoc:10: [link] link to 'nothere.html', which is not in the site",
            "content/ko/index.adoc:9: [link] link to '../plan.html#plan-absent': plan.html has no anchor 'plan-absent'",
            "content/partials/more.adoc:3: [link] link to 'plan.html#plan-gone': plan.html has no anchor 'plan-gone'"
                + " (included in content/index.adoc)"), lines(run));
        assertNoScratchPath(run);
    }

    @Test
    void aBrokenLinkEveryPageGetsFromTheTemplateNamesTheTemplateLine() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir).write("templates/page.ftl", GuideFixture.PAGE_TEMPLATE.replace(
            "<main>", "<a href=\"${content.rootpath!\"\"}help.html\">help</a><main>"));
        GuideFixture.Run run = build(fixture);
        assertEquals(1, run.exitCode(), run.all());
        List<String> found = lines(run);
        assertEquals(2, found.size(), run.all());
        for (String line : found) {
            assertTrue(line.startsWith("templates/page.ftl:4: [link] link to 'help.html', which is not in the site (on the baked "),
                run.all());
        }
        assertNoScratchPath(run);
    }

    @Test
    void aFindingInAFileCopiedFromContentNamesThatFileNotTheStagingCopy() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir).write("content/extra.css", "body {\n  background: url(https://cdn.example.com/a.png);\n}\n");
        GuideFixture.Run run = build(fixture);
        assertEquals(1, run.exitCode(), run.all());
        assertEquals(List.of("content/extra.css:2: [offline] 'https://cdn.example.com/a.png' is loaded from outside the guide;"
            + " it fails without a network (in the published extra.css)"), lines(run));
        assertNoScratchPath(run);
    }

    @Test
    void aPageNameJBakeWouldPercentEncodeIsRefusedByName() throws Exception {
        String page = "= Page\n" + HEADER + "\n[#x-a]\n== A\n";
        GuideFixture fixture = GuideFixture.create(dir).write("content/my page.adoc", page).write("content/설치.adoc", page);
        GuideFixture.Run run = build(fixture);
        assertEquals(1, run.exitCode(), run.all());
        assertEquals(List.of(
            "content/my page.adoc: [content] 'my page.adoc' has a space in its name; a page's path may hold only ASCII letters,"
                + " digits, '-', '_' and '.', because JBake writes any other name percent-encoded and links to it break"
                + " (rename it, e.g. to my-page.adoc)",
            "content/설치.adoc: [content] '설치.adoc' has the non-ASCII letter '설' in its name; a page's path may hold only ASCII"
                + " letters, digits, '-', '_' and '.', because JBake writes any other name percent-encoded and links to it break"),
            lines(run));
        assertFalse(run.all().contains("template"), run.all());
        fixture.write("content/ko/설치.adoc", page);
        GuideFixture.Run check = assertTimeoutPreemptively(Duration.ofSeconds(60),
            () -> fixture.run("check", dir.resolve("content/ko/설치.adoc").toString()));
        assertEquals(1, check.exitCode(), check.all());
        assertTrue(check.err().contains("content/ko/설치.adoc: [content] 'ko/설치.adoc' has the non-ASCII letter '설'"), check.all());
    }
}

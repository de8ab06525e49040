package dev.selfhostguide.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real page template (templates/page.ftl) on a fixture: values from data are escaped where
 * they land (FreeMarker auto-escaping), the stamp is filled, tables get their scroll box, and the
 * search index is loaded as UTF-8.
 */
class PageTemplateTest {

    @TempDir
    Path dir;

    @Test
    void dataIsEscapedAndEveryPageCarriesItsStamp() throws Exception {
        GuideFixture fixture = BundleFixture.create(dir);
        Path templates = GuideFixture.repositoryRoot().resolve("templates");
        try (var walk = Files.walk(templates)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                fixture.write("templates/" + templates.relativize(file), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        fixture.write("content/data/nav.yml", """
            chapters:
              - {page: index, title: "Home <script>alert(1)</script>", title_ko: "<img src=x onerror=alert(2)>"}
              - {page: plan, title: Plan}
              - {page: connect, title: Connect}
            """);
        fixture.write("content/plan.adoc", """
            = Plan

            [#plan-ports]
            == Ports

            [cols="1,1"]
            |===
            | a | b
            |===
            """);
        // The real template links every Korean page to the Korean edition of each chapter.
        fixture.write("content/ko/plan.adoc", "= 계획\n\n[#plan-ports]\n== 포트\n\n내용.\n");
        fixture.write("content/ko/connect.adoc", "= 연결\n\n[#connect-sdk]\n== SDK\n\n내용.\n");
        GuideFixture.Run run = fixture.run("build", "--no-checks", "--quiet");
        assertEquals(0, run.exitCode(), run.all());
        String html = fixture.read("target/site/plan.html");
        assertFalse(html.contains("<script>alert(1)"), "a nav title is text, not markup");
        assertTrue(html.contains("Home &lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertFalse(fixture.read("target/site/ko/index.html").contains("<img src=x"), "nor in the Korean edition");

        Document page = Jsoup.parse(html);
        assertEquals("dev", page.selectFirst("[data-guide-version]").text());
        assertEquals("1980-01-01", page.selectFirst("time[data-guide-built]").text(), "no commit, no SOURCE_DATE_EPOCH: the zip epoch");
        assertEquals(1, page.select(".table-scroll > table.tableblock").size(), "tables scroll in their own box");
        // The search index is most of the site's text: search.js adds it when the reader goes to the box.
        assertTrue(page.select("script[src$=search-index.js]").isEmpty(), "no page loads the search index itself");
        assertEquals(1, page.select("script[src$=js/search.js][defer]").size());
        assertTrue(page.select(".stamp-edit").isEmpty(), "no edit link unless guide.edit.url is set");
    }
}

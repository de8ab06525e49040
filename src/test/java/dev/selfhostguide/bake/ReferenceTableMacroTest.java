package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The variables table says what a variable does and its default, in the language of the page's edition. */
class ReferenceTableMacroTest {

    @TempDir
    Path dir;

    private static final String VARIABLES = """
        secret_suffixes: [_SECRET]
        placeholders: []
        components:
          compose:
            variables:
              API_DOMAIN: {passes_to: [{component: api, as: API_DOMAIN}], read_at: app/compose.yaml}
              CLICKHOUSE_TTL: {read_at: app/opentelemetry-collector/compose.yaml, default: 12h}
              LOG_LEVEL: {dead: "no code reads it"}
        descriptions:
          compose:
            unset: {en: "empty string", ko: "빈 문자열"}
            variables:
              API_DOMAIN: {en: "Host name of the API.", ko: "API의 호스트 이름입니다."}
              LOG_LEVEL: {dead_ko: "읽는 코드가 없습니다"}
        """;

    private static String page(String title, String lang) {
        return "= " + title + "\n:jbake-type: page\n:jbake-status: published\n" + lang
            + "\n[#plan-ports]\n== Ports\n\nguide-table::variables[component=compose]\n";
    }

    private static String row(String html, String variable) {
        int at = html.indexOf(">" + variable + "<");
        assertTrue(at > 0, variable + " not in the table:\n" + html);
        return html.substring(at, html.indexOf("</tr>", at)).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ")
            .replaceAll(" ([.)])", "$1").replace("( ", "(");
    }

    @Test
    void englishAndKoreanRows() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/data/variables.yml", VARIABLES)
            .write("content/plan.adoc", page("Plan", ""))
            .write("content/ko/index.adoc", "= 홈\n:jbake-type: page\n:jbake-status: published\n:lang: ko\n\n[#home-intro]\n== 소개\n\n본문입니다.\n")
            // No :lang: line: a page in content/ko/ is Korean by its folder.
            .write("content/ko/plan.adoc", page("계획", ""));
        GuideFixture.Run run = fixture.run("build", "--no-checks", "--quiet");
        assertEquals(0, run.exitCode(), run.all());

        String en = fixture.read("target/site/plan.html");
        assertTrue(en.contains("What it does and what reads it"), en);
        String api = row(en, "API_DOMAIN");
        assertTrue(api.contains("empty string"), api);
        assertTrue(api.contains("Host name of the API."), api);
        assertTrue(api.contains("Compose passes it to api as API_DOMAIN."), api);
        assertTrue(row(en, "CLICKHOUSE_TTL").contains("12h"));
        String dead = row(en, "LOG_LEVEL");
        assertTrue(dead.contains("Not read: no code reads it"), dead);
        assertFalse(dead.contains("empty string"), "a dead variable has no default: " + dead);

        String ko = fixture.read("target/site/ko/plan.html");
        assertTrue(ko.contains("하는 일과 읽는 곳"), ko);
        String koApi = row(ko, "API_DOMAIN");
        assertTrue(koApi.contains("빈 문자열"), koApi);
        assertTrue(koApi.contains("API의 호스트 이름입니다."), koApi);
        assertTrue(koApi.contains("Compose가 넘기는 곳: api(API_DOMAIN)."), koApi);
        assertTrue(koApi.contains("읽는 곳: app/compose.yaml."), koApi);
        assertTrue(row(ko, "LOG_LEVEL").contains("효과 없음: 읽는 코드가 없습니다"), ko);
        assertFalse(ko.contains("Read in"), "English left on the Korean page");
    }
}

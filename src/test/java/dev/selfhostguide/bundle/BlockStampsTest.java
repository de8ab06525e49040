package dev.selfhostguide.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "checked: ..." line under each code block: placed outside the pre, in the page's language, never guessed. */
class BlockStampsTest {

    @TempDir
    Path dir;

    static final String PAGE = """
        <html lang="%s"><body><main><div class="doc">
        <div class="listingblock"><div class="content"><pre><code>services: {}</code></pre></div></div>
        <div class="literalblock"><div class="content"><pre>$ docker compose up</pre></div></div>
        </div></main></body></html>""";

    Snippet snippet(Path page, int line, String language, Map<String, String> attributes) {
        return new Snippet(page, page, line, language, "", attributes, "x");
    }

    @Test
    void eachBlockSaysWhatCheckedItOrWhyNothingDid() throws Exception {
        Path content = Files.createDirectories(dir.resolve("content/ko"));
        Path site = Files.createDirectories(dir.resolve("site/ko"));
        Files.writeString(dir.resolve("site/plan.html"), PAGE.formatted("en"));
        Files.writeString(site.resolve("plan.html"), PAGE.formatted("ko"));
        Path en = dir.resolve("content/plan.adoc");
        Path ko = content.resolve("plan.adoc");
        List<Snippet> snippets = List.of(
            snippet(en, 3, "yaml", Map.of()), snippet(en, 9, "", Map.of("check", "none", "reason", "output, not input")),
            snippet(ko, 3, "yaml", Map.of()), snippet(ko, 9, "", Map.of("check", "none", "reason", "출력 예")));
        List<Finding> problems = BlockStamps.apply(dir.resolve("site"), dir.resolve("content"), snippets,
            s -> s.attribute("reason").map(BlockStamps.Verdict::notChecked).orElse(BlockStamps.Verdict.checked(List.of("yaml", "compose", "ports"))));
        assertEquals(List.of(), problems);
        Document page = Jsoup.parse(dir.resolve("site/plan.html").toFile(), "UTF-8");
        assertEquals(List.of("checked: yaml · compose · ports", "not checked: output, not input"), page.select(".block-checked").eachText());
        assertTrue(page.select("pre .block-checked").isEmpty(), "outside the pre, so a copy does not take it");
        assertEquals("services: {}", page.selectFirst("pre").text());
        assertEquals(List.of("검증: yaml · compose · ports", "검증하지 않음: 출력 예"),
            Jsoup.parse(site.resolve("plan.html").toFile(), "UTF-8").select(".block-checked").eachText());

        byte[] once = Files.readAllBytes(dir.resolve("site/plan.html"));
        BlockStamps.apply(dir.resolve("site"), dir.resolve("content"), snippets,
            s -> s.attribute("reason").map(BlockStamps.Verdict::notChecked).orElse(BlockStamps.Verdict.checked(List.of("yaml", "compose", "ports"))));
        assertEquals(new String(once, StandardCharsets.UTF_8), Files.readString(dir.resolve("site/plan.html")), "a second run changes nothing");
    }

    @Test
    void blocksThatDoNotLineUpWithTheSnippetsAreReportedNotGuessed() throws Exception {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/plan.html"), PAGE.formatted("en"));
        Path en = dir.resolve("content/plan.adoc");
        List<Finding> problems = BlockStamps.apply(dir.resolve("site"), dir.resolve("content"),
            List.of(snippet(en, 3, "yaml", Map.of())), s -> BlockStamps.Verdict.checked(List.of("yaml")));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(en, problems.get(0).file());
        assertTrue(problems.get(0).message().contains("shows 2 code blocks but the bake saw 1"), problems.get(0).message());
        assertTrue(Jsoup.parse(dir.resolve("site/plan.html").toFile(), "UTF-8").select(".block-checked").isEmpty());
    }
}

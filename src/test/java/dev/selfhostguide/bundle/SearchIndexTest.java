package dev.selfhostguide.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search index: sections with anchors, identifier and Hangul terms, and a build that writes it. */
class SearchIndexTest {

    @TempDir
    Path dir;

    @Test
    void postingsListEveryTermsSectionsInOrderWithTheirScores() {
        SearchIndex.Entry a = SearchIndex.Entry.of(new SearchIndex.Page("a.html", "Alpha", "en"),
            List.of(new SearchIndex.Section(0, "", "Alpha", "beta beta gamma")));
        SearchIndex.Entry b = SearchIndex.Entry.of(new SearchIndex.Page("b.html", "Bravo", "en"),
            List.of(new SearchIndex.Section(0, "s1", "Gamma", "beta"), new SearchIndex.Section(0, "s2", "Delta", "delta delta")));
        String script = SearchIndex.script(List.of(a, b));
        // A page's first section is headed by the page's title alone; a heading's terms weigh 10, the text's 1 each.
        assertTrue(script.endsWith("\"terms\":[\"alpha\",\"beta\",\"bravo\",\"delta\",\"gamma\"],\n"
            + "\"postings\":[[0,10],\n[0,2,1,1],\n[1,10,2,10],\n[2,12],\n[0,1,1,10]]};\n"), script);
    }

    @Test
    void thePagesTermListsMergeIntoWhatOneSortedMapOfEveryPostingGives() {
        java.util.Random random = new java.util.Random(42);
        String[] words = {"api", "key", "otel", "설정", "확인", "port", "4318", "collector", "ClickHouse", "env_file", "a", "z"};
        for (int round = 0; round < 200; round++) {
            List<SearchIndex.Entry> entries = new java.util.ArrayList<>();
            for (int page = 0, pages = random.nextInt(6); page < pages; page++) {
                List<SearchIndex.Section> sections = new java.util.ArrayList<>();
                for (int j = 0, count = random.nextInt(4); j < count; j++) {
                    StringBuilder text = new StringBuilder();
                    for (int w = 0, n = random.nextInt(8); w < n; w++) {
                        text.append(words[random.nextInt(words.length)]).append(' ');
                    }
                    sections.add(new SearchIndex.Section(0, j == 0 ? "" : "s" + j, words[random.nextInt(words.length)], text.toString()));
                }
                entries.add(SearchIndex.Entry.of(new SearchIndex.Page("p" + page + ".html", words[random.nextInt(words.length)], "en"), sections));
            }
            // The reference: every posting put into one map sorted by term, in section order.
            java.util.TreeMap<String, StringBuilder> postings = new java.util.TreeMap<>();
            int first = 0;
            for (SearchIndex.Entry entry : entries) {
                java.util.TreeMap<Integer, java.util.TreeMap<String, Integer>> bySection = new java.util.TreeMap<>();
                for (int t = 0; t < entry.terms().length; t++) {
                    int[] pairs = entry.postings()[t];
                    for (int k = 0; k < pairs.length; k += 2) {
                        bySection.computeIfAbsent(pairs[k], x -> new java.util.TreeMap<>()).put(entry.terms()[t], pairs[k + 1]);
                    }
                }
                for (var section : bySection.entrySet()) {
                    int number = first + section.getKey();
                    section.getValue().forEach((term, score) -> {
                        StringBuilder list = postings.computeIfAbsent(term, x -> new StringBuilder());
                        list.append(list.length() == 0 ? "" : ",").append(number).append(',').append(score);
                    });
                }
                first += entry.sections().size();
            }
            StringBuilder expected = new StringBuilder("\"terms\":[");
            expected.append(String.join(",", postings.keySet().stream().map(t -> "\"" + t + "\"").toList()));
            expected.append("],\n\"postings\":[");
            expected.append(String.join(",\n", postings.values().stream().map(l -> "[" + l + "]").toList()));
            String script = SearchIndex.script(entries);
            assertTrue(script.endsWith(expected + "]};\n"), script);
        }
    }

    @Test
    void identifiersStayWholeAndYieldTheirParts() {
        assertEquals(List.of("agentops_exporter_endpoint", "agentops", "exporter", "endpoint", "otel_2", "otel", "2", "4318"),
            Tokens.terms("AGENTOPS_EXPORTER_ENDPOINT=otel_2:4318"));
    }

    @Test
    void hangulIsIndexedByBigrams() {
        assertEquals(List.of("설정", "정을", "확인", "api"), Tokens.terms("설정을 확인 API"));
        assertEquals(List.of("값"), Tokens.terms("값"));
    }

    @Test
    void jsonStringsAreUtf8ButNeverBreakTheScript() {
        StringBuilder out = new StringBuilder();
        Json.string(out, "설정 \"a\\b\" </script>\u2028\n\ud800x😀");
        assertEquals("\"설정 \\\"a\\\\b\\\" \\u003c/script>\\u2028\\n\\ud800x😀\"", out.toString());
    }

    @Test
    void sectionsAreCutAtLinkableHeadings() {
        SearchIndex index = new SearchIndex();
        index.add("connect.html", Jsoup.parse("""
            <html lang="en"><head><title>Connect</title></head><body>
            <nav><a href="index.html">Home navigation text</a></nav>
            <main><h1>Connect</h1><p>Intro words.</p>
            <h2 id="connect-sdk">The SDK</h2><p>Set it.</p>
            <h3 id="connect-exporter">Exporter</h3><p><code>AGENTOPS_EXPORTER_ENDPOINT</code> here.</p>
            <h4>Deeper</h4><p>still exporter</p>
            <h2>No id</h2><p>belongs above</p>
            <script>var x = 1;</script></main></body></html>"""));
        List<SearchIndex.Section> sections = index.sections();
        assertEquals(3, sections.size(), sections.toString());
        assertEquals(new SearchIndex.Section(0, "", "Connect", "Intro words."), sections.get(0));
        assertEquals("connect-exporter", sections.get(2).anchor());
        assertEquals("AGENTOPS_EXPORTER_ENDPOINT here. Deeper still exporter No id belongs above", sections.get(2).text());
        String script = index.script();
        assertTrue(script.startsWith("window.GUIDE_SEARCH = {"), script);
        assertFalse(script.contains("navigation"), "navigation is not content");
        assertFalse(script.contains("\\u"), "text is written as UTF-8, not escaped: " + script);
    }

    @Test
    void buildWritesTheIndexAndMarksExternalLinks() throws Exception {
        GuideFixture fixture = BundleFixture.create(dir);
        GuideFixture.Run run = fixture.run("build", "--no-checks", "--quiet");
        assertEquals(0, run.exitCode(), run.all());
        String index = Files.readString(dir.resolve("target/site/" + SearchIndex.FILE), StandardCharsets.UTF_8);
        assertTrue(index.contains("\"connect-exporter\""), index);
        assertTrue(index.contains("\"agentops_exporter_endpoint\""), index);
        String home = fixture.read("target/site/index.html");
        assertTrue(Jsoup.parse(home).select("a[href^=https://github.com]").attr("rel").contains("external"), home);
        assertEquals(List.of(), ExternalReferenceScan.scan(dir.resolve("target/site")));
    }
}

package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.RealGuide;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The real guide: it bakes, every page is in the navigation, and what is shown is what was checked. */
class GuideSiteTest {

    private final Pipeline.Outcome result = RealGuide.baked();
    private final Path site = RealGuide.site();

    @Test
    void theRealGuideBakesWithoutProblems() {
        List<String> errors = result.findings().stream().filter(Finding::isError)
            .map(f -> f.format(RealGuide.project().root())).toList();
        assertEquals(List.of(), errors);
        assertTrue(result.pages().size() >= 10, "the guide has its chapters: " + result.pages().size());
    }

    /**
     * JBake's own AsciiDoc engine never boots: the whole test JVM, which bakes, checks and serves
     * many times, holds one JRuby runtime (JRuby takes 4-7 s to start here).
     */
    @Test
    void theProcessHasOneJRubyRuntime() throws Exception {
        String histogram = (String) java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
            new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
            new Object[] {new String[0]}, new String[] {String[].class.getName()});
        long runtimes = histogram.lines().filter(l -> l.trim().endsWith(" org.jruby.Ruby")).count();
        String line = histogram.lines().filter(l -> l.trim().endsWith(" org.jruby.Ruby")).findFirst().orElse("");
        assertEquals(1, runtimes, "one histogram row for org.jruby.Ruby");
        assertEquals("1", line.trim().split("\\s+")[1], "one instance of org.jruby.Ruby: " + line);
    }

    @Test
    void everyPageIsReachableFromTheNavigation() throws IOException {
        Set<String> pages = htmlPages();
        Set<String> reached = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of("index.html"));
        while (!todo.isEmpty()) {
            String page = todo.pop();
            if (!reached.add(page)) {
                continue;
            }
            Document doc = Jsoup.parse(site.resolve(page).toFile(), "UTF-8");
            for (Element a : doc.select("nav a[href], a.lang-switch[href]")) {
                String href = a.attr("href").replaceAll("#.*$", "");
                if (href.isEmpty() || href.startsWith("http")) {
                    continue;
                }
                Path target = site.resolve(page).getParent().resolve(href).normalize();
                if (target.startsWith(site) && Files.isRegularFile(target)) {
                    todo.push(site.relativize(target).toString());
                }
            }
        }
        assertEquals(pages, reached, "pages not reachable from the navigation");
        Catalog catalog = result.catalog();
        assertEquals(catalog.nav().size(), catalog.nav().stream().map(Catalog.NavEntry::page).distinct().count());
    }

    @Test
    void noFileOfTheSiteLoadsAnythingFromOutsideIt() throws IOException {
        assertEquals(List.of(), dev.selfhostguide.bundle.ExternalReferenceScan.scan(site).stream()
            .map(Object::toString).toList());
        // Plain links to upstream are allowed, and marked as leading outside.
        Document overview = Jsoup.parse(site.resolve("overview.html").toFile(), "UTF-8");
        List<Element> external = overview.select("main a[href^=http]");
        assertFalse(external.isEmpty(), "the overview links upstream sources");
        for (Element a : external) {
            assertTrue(a.attr("rel").contains("external"), a.outerHtml());
        }
    }

    @Test
    void whatIsShownIsWhatWasChecked() throws IOException {
        Map<Path, List<Snippet>> byPage = result.snippets().stream()
            .collect(Collectors.groupingBy(Snippet::page, LinkedHashMap::new, Collectors.toList()));
        assertFalse(byPage.isEmpty(), "the guide has code blocks");
        int compared = 0;
        for (Map.Entry<Path, List<Snippet>> entry : byPage.entrySet()) {
            String relative = RealGuide.project().content().relativize(entry.getKey()).toString()
                .replaceAll("\\.adoc$", ".html");
            Document page = Jsoup.parse(site.resolve(relative).toFile(), "UTF-8");
            List<String> shown = new ArrayList<>();
            for (Element pre : page.select("main div.listingblock pre, main div.literalblock pre")) {
                Element copy = pre.clone();
                copy.select("i.conum, b.conum, i.conum + b").remove();
                shown.add(copy.wholeText().replaceAll("[ \\t]+(?=\\n|$)", ""));
            }
            List<String> checked = entry.getValue().stream().map(Snippet::text).toList();
            assertEquals(checked, shown, relative + ": the published code blocks differ from the checked snippets");
            compared += checked.size();
        }
        assertEquals(result.snippets().size(), compared);
    }

    @Test
    void snippetsKnowTheirSourceLine() throws IOException {
        Set<String> seen = new HashSet<>();
        for (Snippet snippet : result.snippets()) {
            List<String> lines = Files.readAllLines(snippet.file());
            assertTrue(snippet.line() >= 1 && snippet.line() <= lines.size() + 1, snippet.file() + ":" + snippet.line());
            String firstCopied = snippet.text().lines().findFirst().orElse("").strip();
            String firstSource = snippet.line() <= lines.size() ? lines.get(snippet.line() - 1).strip() : "";
            // The source line is the same text unless attributes were substituted or it is an include directive.
            if (!firstSource.contains("{") && !firstSource.startsWith("include::") && !firstCopied.isEmpty()) {
                assertEquals(firstSource.replaceAll("\\s*<\\d+>$", ""), firstCopied,
                    RealGuide.project().show(snippet.file()) + ":" + snippet.line());
            }
            seen.add(snippet.page() + " " + snippet.file() + ":" + snippet.line());
        }
        assertEquals(result.snippets().size(), seen.size(), "no two snippets claim the same line");
    }

    private Set<String> htmlPages() throws IOException {
        try (Stream<Path> walk = Files.walk(site)) {
            return walk.filter(p -> p.toString().endsWith(".html"))
                .map(p -> site.relativize(p).toString())
                .filter(p -> !p.startsWith("examples/"))
                .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}

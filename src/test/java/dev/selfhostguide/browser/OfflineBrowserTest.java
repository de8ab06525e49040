package dev.selfhostguide.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The offline bundle in a real browser: Debian's headless Chromium opens the unzipped bundle from
 * file:// with every host name unresolvable and the network emulated offline, walks every chapter
 * through the navigation, and searches. No request may fail and the console must stay free of
 * errors. Each test is skipped with a message when Chromium or chromedriver is missing, except
 * under CI=true.
 */
class OfflineBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    static GuideUnderTest guide;
    static ChromeDriver driver;
    static Path screenshots;

    /** The shared browser and bundle; a missing Chromium skips each test, never the class silently. */
    @BeforeEach
    void openBrowser() throws Exception {
        SharedBrowser shared = SharedBrowser.get();
        guide = shared.guide;
        driver = shared.driver;
        screenshots = shared.screenshots;
    }

    /** After every test: nothing failed to load and nothing was logged as an error. */
    @AfterEach
    void noFailedRequestsAndNoConsoleErrors() {
        if (driver != null) {
            assertEquals(List.of(), SharedBrowser.problems(driver));
        }
    }

    private static String url(String relative) {
        return guide.folder.resolve(relative).toUri().toString();
    }

    private static WebDriverWait await() {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
    }

    private static String currentFile() {
        String path = driver.getCurrentUrl().replaceAll("[#?].*$", "");
        return guide.folder.toUri().relativize(java.net.URI.create(path)).getPath();
    }

    private static void assertChapterLoaded() {
        WebElement h1 = await().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        assertFalse(h1.getText().isBlank(), driver.getCurrentUrl() + " has an empty h1");
    }

    private static void shoot(String name) throws IOException {
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * What the navigation walk reads of a page, in one round trip instead of one per link: the
     * page's address, its h1's text (null without one), then every nav link's target in document
     * order (the resolved href, as WebElement.getAttribute("href") gives it).
     */
    static final String PAGE_AND_NAV_LINKS = """
        var h1 = document.querySelector('h1');
        return [location.href, h1 ? h1.innerText : null].concat(
          Array.from(document.querySelectorAll('nav a[href]'), function (a) { return a.href; }));
        """;

    @SuppressWarnings("unchecked")
    private static List<String> pageAndNavLinks() {
        List<String> page = (List<String>) ((JavascriptExecutor) driver).executeScript(PAGE_AND_NAV_LINKS);
        assertTrue(page.get(1) != null && !page.get(1).isBlank(), page.get(0) + " has no h1 or an empty one");
        return page;
    }

    private static String fileOf(String url) {
        return guide.folder.toUri().relativize(java.net.URI.create(url.replaceAll("[#?].*$", ""))).getPath();
    }

    @Test
    void everyChapterIsReachedThroughTheNavigation() throws Exception {
        driver.get(url("index.html"));
        List<String> page = pageAndNavLinks();
        shoot("index.png");
        Set<String> visited = new LinkedHashSet<>(List.of(fileOf(page.get(0))));
        List<String> expected = guide.navPages("").stream().map(p -> p + ".html").toList();
        // From each page, follow the next nav link not yet visited: the reader's way, not driver.get().
        for (int step = 0; step < expected.size() * 2 && !visited.containsAll(expected); step++) {
            int next = -1;
            for (int i = 2; i < page.size() && next < 0; i++) {
                String href = page.get(i);
                if (href != null && href.startsWith("file:")) {
                    String file = fileOf(href);
                    if (!visited.contains(file) && expected.contains(file)) {
                        next = i - 2;
                    }
                }
            }
            assertTrue(next >= 0, "no nav link on " + fileOf(page.get(0)) + " leads to an unvisited chapter; visited " + visited);
            String before = page.get(0);
            ((JavascriptExecutor) driver).executeScript("document.querySelectorAll('nav a[href]')[arguments[0]].click();", next);
            await().until(d -> !before.equals(d.getCurrentUrl()));
            page = pageAndNavLinks();
            visited.add(fileOf(page.get(0)));
        }
        assertTrue(visited.containsAll(expected), "reached " + visited + ", expected " + expected);
    }

    private List<WebElement> search(String query) {
        WebElement input = await().until(ExpectedConditions.visibilityOfElementLocated(By.id("guide-search-input")));
        input.clear();
        input.sendKeys(query);
        return await().until(d -> {
            List<WebElement> links = d.findElements(By.cssSelector("#guide-search-results ol li a"));
            return links.isEmpty() ? null : links;
        });
    }

    /** Opens a result and checks the anchor it points at exists on the page it opens. */
    private void openAndCheckAnchor(WebElement result) {
        String href = result.getAttribute("href");
        assertTrue(href.contains("#"), "results link to a section anchor: " + href);
        String anchor = href.substring(href.indexOf('#') + 1);
        ((JavascriptExecutor) driver).executeScript("arguments[0].click();", result);
        await().until(d -> d.getCurrentUrl().endsWith("#" + anchor));
        assertChapterLoaded();
        assertNotNull(((JavascriptExecutor) driver).executeScript("return document.getElementById(arguments[0]);", anchor),
            "the section " + anchor + " exists on " + currentFile());
    }

    @Test
    void searchFindsAConfigVariableAndLinksToItsSection() throws Exception {
        driver.get(url("index.html"));
        assertFalse(driver.findElement(By.cssSelector("form.guide-search")).getAttribute("hidden") != null, "search.js shows the form");
        List<WebElement> results = search("AGENTOPS_EXPORTER_ENDPOINT");
        String marked = driver.findElement(By.cssSelector("#guide-search-results .guide-search-snippet mark")).getText();
        assertEquals("agentops_exporter_endpoint", marked.toLowerCase(), "the hit is highlighted");
        shoot("search-result.png");
        assertFalse(search("agentops_exp").isEmpty(), "a prefix of an identifier finds it");
        assertFalse(search("4318").isEmpty(), "port numbers are searchable");
        openAndCheckAnchor(search("AGENTOPS_EXPORTER_ENDPOINT").get(0));
    }

    @Test
    void identifiersAreFoundWholeAndByPrefix() {
        driver.get(url("index.html"));
        assertFalse(search("otel_2").isEmpty(), "the ClickHouse database name is found whole");
        String marked = driver.findElement(By.cssSelector("#guide-search-results .guide-search-snippet mark")).getText();
        assertEquals("otel_2", marked.toLowerCase(), "the hit is highlighted");
        assertFalse(search("OTEL_").isEmpty(), "and by a prefix");
        if (!guide.real) {
            assertTrue(search("otel_2").get(0).getText().contains("Exporter endpoint"));
            assertTrue(search("agentops_exporter").get(0).getAttribute("href").endsWith("connect.html#connect-exporter"));
        }
    }

    /**
     * A page does not parse the search index (most of the guide's text) when it loads; the index
     * comes when the reader goes to the search box. Without an index beside the page, the box
     * goes away instead of finding nothing.
     */
    @Test
    void theIndexLoadsWhenTheReaderGoesToTheSearchBox() throws Exception {
        driver.get(url("index.html"));
        WebElement input = await().until(ExpectedConditions.visibilityOfElementLocated(By.id("guide-search-input")));
        assertEquals(Boolean.FALSE, ((JavascriptExecutor) driver).executeScript("return !!window.GUIDE_SEARCH;"), "loaded with the page");
        input.click();
        await().until(d -> ((JavascriptExecutor) d).executeScript("return !!window.GUIDE_SEARCH;"));

        // The same site without its index.
        Path copy = GuideUnderTest.folderOfTheRun().resolve("no-index");
        try (java.util.stream.Stream<Path> files = Files.walk(guide.folder)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("search-index.js")).toList()) {
                Path to = copy.resolve(guide.folder.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        driver.get(copy.resolve("index.html").toUri().toString());
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("guide-search-input"))).click();
        await().until(ExpectedConditions.invisibilityOfElementLocated(By.id("guide-search-input")));
        List<String> problems = SharedBrowser.problems(driver);
        assertFalse(problems.isEmpty(), "the browser reports the missing index");
        assertTrue(problems.stream().allMatch(p -> p.contains("search-index.js")), "the missing index, and nothing else: " + problems);
    }

    /** The Java and JavaScript tokenizers agree, or queries would miss what the index holds. */
    @Test
    void theBrowserSplitsQueriesLikeTheIndex() {
        driver.get(url("index.html"));
        await().until(d -> ((JavascriptExecutor) d).executeScript("return !!window.GUIDE_SEARCH_ENGINE;"));
        for (String sample : List.of("AGENTOPS_EXPORTER_ENDPOINT=otel_2:4318", "설정을 확인 API", "Ünïcode-wörds 値 ½ x²", "a.b-c/d")) {
            Object js = ((JavascriptExecutor) driver).executeScript(
                "return GUIDE_SEARCH_ENGINE.runs(arguments[0]).map(function (r) { return (r.hangul ? 'H:' : 'W:') + r.text; });", sample);
            List<String> java = dev.selfhostguide.bundle.TokensProbe.runs(sample);
            assertEquals(java, js, sample);
        }
    }

    @Test
    void koreanSearchFindsAKoreanPage() throws Exception {
        Path koIndex = guide.folder.resolve("ko/index.html");
        Assumptions.assumeTrue(Files.isRegularFile(koIndex), "no Korean edition yet (content/ko); skipping the Korean search");
        String text = Jsoup.parse(koIndex.toFile(), "UTF-8").select("main h2, main p").text();
        Matcher word = Pattern.compile("\\p{IsHangul}{2,}").matcher(text);
        assertTrue(word.find(), "the Korean index page has a Korean word");
        driver.get(url("ko/index.html"));
        List<WebElement> results = search(word.group());
        assertTrue(results.get(0).getAttribute("href").contains("/ko/"), "Korean pages find Korean results: " + results.get(0).getAttribute("href"));
        shoot("search-result-ko.png");
        openAndCheckAnchor(results.stream().filter(r -> r.getAttribute("href").contains("#")).findFirst().orElse(results.get(0)));
    }
}

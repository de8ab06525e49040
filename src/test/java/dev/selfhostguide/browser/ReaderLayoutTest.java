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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reader's site in Chromium from file:// with no network: the layout at 360, 768, 1280 and
 * 1920 px on every page of both editions (nothing in the content runs under the table of contents
 * or the sidebar, and only code and tables scroll sideways), and what the header, the table of
 * contents and the search do for a reader. Screenshots go to target/screenshots/.
 */
class ReaderLayoutTest {

    static final List<Integer> WIDTHS = List.of(360, 768, 1280, 1920);
    /** The pages are checked in the viewport of a window this tall (less what the browser keeps for its toolbars). */
    static final int WINDOW_HEIGHT = 900;
    static final List<String> SHOWN = List.of("index", "reference", "troubleshooting");

    /**
     * Every content element that sticks out of the text column (into the TOC or off the page) or
     * into the sidebar, and a page that scrolls sideways. Code and tables are allowed to be wide:
     * they scroll inside their own box, which itself must fit.
     */
    static final String LAYOUT_PROBLEMS = """
        var problems = [], doc = document.querySelector('main .doc');
        var root = document.documentElement;
        if (root.scrollWidth > window.innerWidth + 1) {
          problems.push('the page scrolls sideways: ' + root.scrollWidth + ' > ' + window.innerWidth);
        }
        if (!doc) { return problems; }
        var toc = document.getElementById('toc'), nav = document.querySelector('.guide-nav');
        var box = doc.getBoundingClientRect(), right = Math.min(box.right, window.innerWidth);
        if (toc) {
          var t = toc.getBoundingClientRect();
          if (t.width > 0 && t.left > box.left + 100) { right = Math.min(right, t.left); }
        }
        var left = box.left;
        if (nav) {
          var n = nav.getBoundingClientRect();
          if (n.width > 0 && n.right <= box.left + 1) { left = Math.max(left, n.right); }
        }
        var els = doc.querySelectorAll('p, li, dt, dd, h2, h3, h4, table, pre, .table-scroll, .listingblock, .admonitionblock, img, code, .paragraph, .block-checked');
        for (var i = 0; i < els.length; i++) {
          var el = els[i];
          if (el.closest('#toc')) { continue; }
          var scroller = el.parentElement && el.parentElement.closest('pre, .table-scroll');
          if (scroller) { continue; }
          var r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) { continue; }
          if (r.right > right + 1 || r.left < left - 1) {
            var name = el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '');
            problems.push(name + ' at x ' + Math.round(r.left) + '..' + Math.round(r.right) + ' outside the column '
              + Math.round(left) + '..' + Math.round(right) + ': ' + (el.textContent || '').trim().slice(0, 60));
            if (problems.length > 8) { break; }
          }
        }
        return problems;
        """;

    SharedBrowser shared;
    GuideUnderTest guide;
    ChromeDriver driver;
    Path screenshots;

    @BeforeEach
    void openBrowser() throws Exception {
        shared = SharedBrowser.get();
        guide = shared.guide;
        driver = shared.driver;
        screenshots = shared.screenshots;
    }

    @AfterEach
    void noFailedRequestsAndNoConsoleErrors() {
        if (driver != null) {
            shared.windowViewport();
            driver.manage().window().setSize(new Dimension(SharedBrowser.DEFAULT_WIDTH, SharedBrowser.DEFAULT_HEIGHT));
            assertEquals(List.of(), SharedBrowser.problems(driver));
        }
    }

    private String url(String relative) {
        return guide.folder.resolve(relative).toUri().toString();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50));
    }

    /**
     * The viewport height of a {@link #WINDOW_HEIGHT} px window, which the emulated viewports get,
     * so they match the windows the layout was checked in before emulation (headless Chromium keeps
     * part of a window for toolbars it does not draw).
     */
    private int viewportHeight() {
        driver.manage().window().setSize(new Dimension(WIDTHS.get(0), WINDOW_HEIGHT));
        return ((Number) js("return window.innerHeight;")).intValue();
    }

    private void shoot(String name) throws IOException {
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Runs {@link #LAYOUT_PROBLEMS} once the page has handled the last resize: resize events and
     * their handlers (toc.js sets --header-h from the header's wrapped height) run before the next
     * frame is drawn, so two frames later the layout is the one a reader sees at this width.
     */
    static final String LAYOUT_PROBLEMS_AFTER_RESIZE = """
        var done = arguments[arguments.length - 1];
        requestAnimationFrame(function () { requestAnimationFrame(function () {
          done((function () {
        """ + LAYOUT_PROBLEMS + """
          })());
        }); });
        """;

    /**
     * Each page is loaded once at the narrowest width and then widened step by step, instead of
     * loaded again at every width (page loads were most of this test's time), and the widths are
     * emulated viewports rather than window resizes (a resize restyled the page more; the test
     * took about a fifth longer with them, docs/benchmarks.md). The geometry is the same as after a fresh load in a window of each
     * width ({@link #anEmulatedWidenedPageIsLaidOutAsAFreshlyLoadedWindow}): the stylesheet is a
     * function of the width, toc.js measures the header again whenever it changes size, and
     * nav.js only ever opens the chapter list from 48em up, which widening keeps as a fresh load
     * at the wider width would have it.
     */
    @Test
    void noContentRunsUnderTheTocOrTheSidebarAtFourWidthsOnEveryPage() throws Exception {
        long start = System.nanoTime();
        int height = viewportHeight();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String dir : List.of("", "ko")) {
            for (String page : guide.navPages(dir)) {
                String file = (dir.isEmpty() ? "" : dir + "/") + page + ".html";
                shared.viewport(WIDTHS.get(0), height);
                driver.get(url(file));
                for (int width : WIDTHS) {
                    shared.viewport(width, height);
                    @SuppressWarnings("unchecked")
                    List<String> found = (List<String>) ((JavascriptExecutor) driver).executeAsyncScript(LAYOUT_PROBLEMS_AFTER_RESIZE);
                    for (String problem : found) {
                        problems.add(width + " px " + file + ": " + problem);
                    }
                    if ((width == 360 || width == 1280) && SHOWN.contains(page)) {
                        shoot("layout-" + (dir.isEmpty() ? "en" : dir) + "-" + page + "-" + width + ".png");
                    }
                    checked++;
                }
            }
        }
        System.out.printf("layout: %d page views at %s px in %.1f s%n", checked, WIDTHS, (System.nanoTime() - start) / 1e9);
        assertTrue(checked >= 4, "pages were checked");
        assertEquals(List.of(), problems);
    }

    /** Where every element of the page is (tenths of a pixel), the viewport, the page's width, the header height and the scroll. */
    static final String GEOMETRY = """
        var done = arguments[arguments.length - 1];
        requestAnimationFrame(function () { requestAnimationFrame(function () {
          var out = [window.innerWidth, window.innerHeight, document.documentElement.scrollWidth, window.scrollY,
            getComputedStyle(document.documentElement).getPropertyValue('--header-h')];
          var els = document.querySelectorAll('body *');
          for (var i = 0; i < els.length; i++) {
            var r = els[i].getBoundingClientRect();
            out.push(els[i].tagName + ' ' + Math.round(r.left * 10) + ',' + Math.round(r.top * 10) + ','
              + Math.round(r.width * 10) + ',' + Math.round(r.height * 10));
          }
          done(out.join('|'));
        }); });
        """;

    /**
     * The premise of the layout test above, and what a reader who turns a tablet or widens a
     * window sees: a page loaded in an emulated 360 px viewport and widened by emulation is laid
     * out exactly as one loaded in a window of each width (every element's box and the viewport;
     * meanwhile the window is back at 1280 x 1024, so the emulation alone sets the layout). A
     * header that wrapped at 360 px used to keep its height when widened. One page here; when
     * widening was introduced, and again when emulation replaced window resizes, all 36 pages of
     * both editions were compared at the four widths and matched (docs/benchmarks.md).
     */
    @Test
    void anEmulatedWidenedPageIsLaidOutAsAFreshlyLoadedWindow() throws Exception {
        String file = guide.navPages("").get(0) + ".html";
        List<String> fresh = new ArrayList<>();
        for (int width : WIDTHS) {
            driver.manage().window().setSize(new Dimension(width, WINDOW_HEIGHT));
            driver.get(url(file));
            fresh.add((String) ((JavascriptExecutor) driver).executeAsyncScript(GEOMETRY));
        }
        int height = viewportHeight();
        driver.manage().window().setSize(new Dimension(SharedBrowser.DEFAULT_WIDTH, SharedBrowser.DEFAULT_HEIGHT));
        shared.viewport(WIDTHS.get(0), height);
        driver.get(url(file));
        for (int i = 0; i < WIDTHS.size(); i++) {
            shared.viewport(WIDTHS.get(i), height);
            String widened = (String) ((JavascriptExecutor) driver).executeAsyncScript(GEOMETRY);
            assertEquals("none", firstDifference(fresh.get(i), widened),
                file + " in an emulated viewport widened to " + WIDTHS.get(i) + " px is laid out as a fresh load in a window that wide"
                    + " (entry: window vs emulated)");
        }
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\\|"), y = b.split("\\|");
        for (int k = 0; k < Math.max(x.length, y.length); k++) {
            String p = k < x.length ? x[k] : "(none)", q = k < y.length ? y[k] : "(none)";
            if (!p.equals(q)) {
                return k + ": " + p + " vs " + q;
            }
        }
        return "none";
    }

    @Test
    void theHeaderStaysTheTocFollowsAndBackToTopReturns() throws Exception {
        String page = guide.navPages("").contains("troubleshooting") ? "troubleshooting.html" : guide.navPages("").get(0) + ".html";
        driver.get(url(page));
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) js("return Array.from(document.querySelectorAll('#toc a[href^=\"#\"]'))"
            + ".map(function (a) { return a.getAttribute('href').slice(1); });");
        if (ids.size() < 2) {
            return;                                        // a fixture page without sections: nothing to follow
        }
        String last = ids.get(ids.size() - 2);
        js("document.getElementById(arguments[0]).scrollIntoView();", last);
        await().until(d -> last.equals(js("var a = document.querySelector('#toc a.is-current'); return a && a.getAttribute('href').slice(1);"))
            || ids.get(ids.size() - 1).equals(js("var a = document.querySelector('#toc a.is-current'); return a && a.getAttribute('href').slice(1);")));
        assertEquals(Boolean.TRUE, js("var a = document.querySelector('#toc a.is-current'), t = document.getElementById('toc');"
            + "var r = a.getBoundingClientRect(), b = t.getBoundingClientRect(); return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;"),
            "the current entry is visible in the TOC column");
        assertEquals(0L, ((Number) js("return Math.round(document.querySelector('.site-header').getBoundingClientRect().top);")).longValue(),
            "the header (and its search box) stays at the top");
        shoot("toc-follows.png");
        WebElement top = driver.findElement(By.cssSelector(".back-to-top"));
        await().until(d -> !top.getAttribute("class").contains("at-top"));
        top.click();
        await().until(d -> ((Number) js("return window.scrollY;")).doubleValue() < 5);
    }

    private WebElement searchBox() {
        return await().until(d -> {
            WebElement input = d.findElement(By.id("guide-search-input"));
            return input.isDisplayed() ? input : null;
        });
    }

    private List<WebElement> results() {
        return driver.findElements(By.cssSelector("#guide-search-results ol a[role=option]"));
    }

    @Test
    void searchWorksFromTheKeyboardLikeTheBestDocs() throws Exception {
        driver.get(url("index.html"));
        WebElement input = searchBox();
        driver.findElement(By.tagName("body")).sendKeys("/");
        assertEquals("guide-search-input", js("return document.activeElement.id;"), "/ focuses the search");
        js("document.activeElement.blur();");
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys("k").keyUp(Keys.CONTROL).perform();
        assertEquals("guide-search-input", js("return document.activeElement.id;"), "Ctrl-K focuses the search");

        input.sendKeys("clikhouse");
        await().until(d -> results().size() >= 2);
        String marked = driver.findElement(By.cssSelector("#guide-search-results mark")).getText().toLowerCase();
        assertTrue(marked.startsWith("clickhouse"), "one typo is forgiven and the real word is marked: " + marked);

        input.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        assertEquals("true", results().get(1).getAttribute("aria-selected"), "arrows choose");
        input.sendKeys(Keys.ARROW_UP);
        assertEquals("true", results().get(0).getAttribute("aria-selected"));
        String href = results().get(0).getAttribute("href");
        input.sendKeys(Keys.ENTER);
        await().until(d -> d.getCurrentUrl().equals(href));
        await().until(d -> !d.findElements(By.cssSelector(".doc mark.search-hit")).isEmpty());
        shoot("search-landing-highlight.png");

        WebElement again = searchBox();
        again.sendKeys("clickhouse");
        await().until(d -> !results().isEmpty());
        again.sendKeys(Keys.ESCAPE);
        await().until(d -> results().isEmpty());
        again = searchBox();
        again.clear();
        again.sendKeys("clickhouse");
        await().until(d -> !results().isEmpty());
        js("window.scrollTo(0, 0);");
        // The title's left end: the results panel hangs over its right.
        WebElement title = driver.findElement(By.cssSelector("h1.page-title"));
        new Actions(driver).moveToElement(title, -title.getSize().getWidth() / 2 + 10, 0).click().perform();
        await().until(d -> results().isEmpty());
    }

    @Test
    void theOtherEditionsHitsAreOfferedInThePagesLanguage() throws Exception {
        Path koIndex = guide.folder.resolve("ko/index.html");
        if (!Files.isRegularFile(koIndex)) {
            return;
        }
        Matcher word = Pattern.compile("\\p{IsHangul}{3,}").matcher(Jsoup.parse(koIndex.toFile(), "UTF-8").select("main p").text());
        assertTrue(word.find());
        driver.get(url("index.html"));
        WebElement input = searchBox();
        input.sendKeys(word.group());
        WebElement note = await().until(d -> d.findElements(By.cssSelector("#guide-search-results .guide-search-other")).stream().findFirst().orElse(null));
        assertTrue(note.getText().contains("Korean edition"), "said in English on an English page: " + note.getText());
        assertFalse(results().isEmpty());
        assertTrue(results().get(0).getAttribute("href").contains("/ko/"), results().get(0).getAttribute("href"));

        driver.get(url("ko/index.html"));
        input = searchBox();
        input.sendKeys("zzqqxxnothing");
        WebElement none = await().until(d -> d.findElements(By.cssSelector("#guide-search-results p")).stream().findFirst().orElse(null));
        assertTrue(none.getText().contains("검색 결과가 없습니다"), "said in Korean on a Korean page: " + none.getText());
        assertNotNull(none);
    }
}

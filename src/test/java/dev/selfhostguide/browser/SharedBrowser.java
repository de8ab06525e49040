package dev.selfhostguide.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One bundled guide and one headless Chromium for every browser test class of the run: bundling
 * the real guide and starting the browser cost more than most tests, so classes share them (and
 * resize the window, or emulate a viewport, instead of relaunching). The browser has no network: no host name resolves
 * and the network is emulated offline. Missing Chromium or chromedriver skips each test that asks
 * (not the class: see NoSilentClassSkips), except under CI=true, where it fails.
 */
final class SharedBrowser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int DEFAULT_WIDTH = 1280;
    static final int DEFAULT_HEIGHT = 1024;

    static final Pattern REQUEST_ID = Pattern.compile("\"requestId\":\"([^\"]+)\"");
    static final Pattern DOCUMENT_URL = Pattern.compile("\"documentURL\":\"([^\"]+)\"");
    static final Pattern WEBVIEW = Pattern.compile("\"webview\":\"([^\"]+)\"");
    static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");
    /** The views (tabs) that showed the guide; failures anywhere in them count. */
    private static final Set<String> GUIDE_VIEWS = new HashSet<>();
    /** requestId to "document -> url", kept across tests because a request can span two log reads. */
    private static final Map<String, String> REQUESTS = new HashMap<>();

    private static SharedBrowser instance;
    private static RuntimeException failed;

    final GuideUnderTest guide;
    final ChromeDriver driver;
    final Path screenshots;

    private SharedBrowser(GuideUnderTest guide, ChromeDriver driver, Path screenshots) {
        this.guide = guide;
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** The shared browser, started on first use; skips the calling test when Chromium is absent. */
    static synchronized SharedBrowser get() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, "CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, CHROMIUM + " or " + CHROMEDRIVER
            + " is not installed (apt-get install chromium chromium-driver); skipping the browser test");
        if (failed != null) {
            throw failed;
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException | IOException | Error e) {
                failed = new IllegalStateException("starting the shared browser failed: " + e, e);
                throw e;
            }
        }
        instance.windowViewport();
        instance.driver.manage().window().setSize(new Dimension(DEFAULT_WIDTH, DEFAULT_HEIGHT));
        return instance;
    }

    /**
     * Lays the tab out at {@code width} x {@code height} CSS px as a window of that size would
     * (Chromium's device-metrics emulation, kept across navigations until {@link #windowViewport}).
     * Cheaper than resizing the window: the browser's window and compositor surface stay as they
     * are and the page restyles less (ReaderLayoutTest measured it); that the layout is the same
     * box for box is {@code ReaderLayoutTest.anEmulatedWidenedPageIsLaidOutAsAFreshlyLoadedWindow}.
     */
    void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
            Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Back to the window's own size. */
    void windowViewport() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Failed requests and console errors since the last call (each test's own, if called after each). */
    static synchronized List<String> problems(ChromeDriver driver) {
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                problems.add("console: " + entry.getMessage());
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            String message = entry.getMessage();
            Matcher id = REQUEST_ID.matcher(message);
            if (!id.find()) {
                continue;
            }
            Matcher webview = WEBVIEW.matcher(message);
            String view = webview.find() ? webview.group(1) : "?";
            if (message.contains("\"Network.requestWillBeSent\"")) {
                Matcher document = DOCUMENT_URL.matcher(message);
                if (message.contains("\"documentURL\":\"file:")) {
                    GUIDE_VIEWS.add(view);
                }
                Matcher url = URL.matcher(message.substring(Math.max(0, message.indexOf("\"request\":"))));
                REQUESTS.put(id.group(1), (document.find() ? document.group(1) : "?") + " -> " + (url.find() ? url.group(1) : "?"));
            } else if (message.contains("\"Network.loadingFailed\"")) {
                String request = REQUESTS.getOrDefault(id.group(1), "an unknown request");
                // Debian's Chromium preloads its third-party new-tab page (a search engine's start page)
                // in a view of its own; that is the browser, not the guide, so only that view is let through.
                if (GUIDE_VIEWS.contains(view) || !(request.startsWith("chrome://") || request.equals("an unknown request"))) {
                    problems.add("request failed: " + request + ": " + message);
                }
            }
        }
        return problems;
    }

    private static SharedBrowser start() throws IOException {
        Path root = GuideFixture.repositoryRoot();
        GuideUnderTest guide = GuideUnderTest.shared();
        Path temp = GuideUnderTest.folderOfTheRun();
        Path screenshots = Files.createDirectories(root.resolve("target/screenshots"));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--user-data-dir=" + Files.createDirectories(temp.resolve("chrome-profile")),
            "--window-size=" + DEFAULT_WIDTH + "," + DEFAULT_HEIGHT, "--hide-scrollbars",
            // No network at all: no name resolves, and Chromium's own background traffic is off.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost", "--disable-background-networking",
            "--disable-component-update", "--disable-default-apps", "--disable-sync", "--disable-extensions",
            "--no-first-run", "--no-default-browser-check", "--metrics-recording-only", "--disable-domain-reliability");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .withTimeout(Duration.ofSeconds(30)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        Runtime.getRuntime().addShutdownHook(new Thread(driver::quit, "quit-shared-browser"));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions",
            Map.of("offline", true, "latency", 0, "downloadThroughput", 0, "uploadThroughput", 0));
        return new SharedBrowser(guide, driver, screenshots);
    }
}

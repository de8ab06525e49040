package dev.selfhostguide.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guide bundle} end to end on a fixture project. The tests that only read a good bundle
 * share one ({@link #shared()}): a bundle is most of this class's time.
 */
class BundleTest {

    static final String ZIP = "target/" + Bundle.fileName("dev");
    static final String FOLDER = "agentops-selfhost-guide-dev/";

    @TempDir
    Path dir;

    @TempDir
    static Path sharedDir;

    /** One good bundle of {@link #sources}, its run and its unzipped entries (in zip order). */
    record Shared(GuideFixture fixture, GuideFixture.Run run, Path unzipped, List<String> names) { }

    private static Shared shared;

    /** Bundled on first use, whichever test asks first; nothing may write into it. */
    static synchronized Shared shared() throws IOException {
        if (shared == null) {
            GuideFixture fixture = sources(Files.createDirectory(sharedDir.resolve("project")));
            GuideFixture.Run run = bundle(fixture);
            assertEquals(0, run.exitCode(), run.all());
            Path out = Files.createDirectory(sharedDir.resolve("unzipped"));
            shared = new Shared(fixture, run, out, unzip(fixture.path(ZIP), out));
        }
        return shared;
    }

    @AfterAll
    static void forgetShared() {
        shared = null;      // its folder goes with the class
    }

    /** The bundle fixture plus a shell script that is published (so a zip entry needs mode 0755). */
    static GuideFixture sources(Path dir) throws IOException {
        return BundleFixture.create(dir)
            .write("content/examples/run.sh", "#!/bin/sh\necho hi\n")
            .write("content/data/downloads.yml", "publish:\n  - {file: run.sh, reason: the bundle test needs a script}\n");
    }

    static GuideFixture.Run bundle(GuideFixture fixture, String... extra) {
        // The PDF editions have their own test (PdfEditionTest): they cost more than the rest of a bundle.
        List<String> args = new ArrayList<>(List.of("bundle", "--no-checks", "--no-pdf", "--quiet"));
        args.addAll(List.of(extra));
        return fixture.run(args.toArray(String[]::new));
    }

    /** Unzips with java.util.zip into {@code to}; returns the names in zip order. */
    static List<String> unzip(Path zip, Path to) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                names.add(entry.getName());
                Path target = to.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(to), entry.getName());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getInputStream(entry).readAllBytes());
            }
        }
        return names;
    }

    @Test
    void theBundleHoldsTheSiteTheSinglePageTheReadmeAndChecksums() throws Exception {
        Shared bundled = shared();
        GuideFixture fixture = bundled.fixture();
        GuideFixture.Run run = bundled.run();
        assertTrue(run.out().matches("(?s)bundled 4 pages into " + ZIP + ": [0-9.]+ (KiB|MiB), \\d+ files, search index [0-9.]+ KiB, in [0-9.]+ s\\s*"),
            run.out());
        Path out = bundled.unzipped();
        List<String> names = bundled.names();
        assertEquals(new ArrayList<>(new TreeSet<>(names)), names, "entries are sorted");
        for (String expected : List.of("index.html", "plan.html", "connect.html", SearchIndex.FILE, "js/search.js",
                "css/site.css", "images/pixel.png", "examples/agentops.env", "examples/run.sh", "agentops-selfhost-guide.html",
                "README.txt", "SHA256SUMS", "ko/index.html", "agentops-selfhost-guide-ko.html")) {
            assertTrue(names.contains(FOLDER + expected), expected + " in " + names);
        }
        assertTrue(names.stream().allMatch(n -> n.startsWith(FOLDER)), "one top folder: " + names);
        assertTrue(Files.isRegularFile(fixture.path("target/site/" + SearchIndex.FILE)), "the site is published too");

        Path folder = out.resolve(FOLDER);
        List<String> sums = Files.readAllLines(folder.resolve("SHA256SUMS"));
        Set<String> listed = new HashSet<>();
        for (String line : sums) {
            assertTrue(line.matches("[0-9a-f]{64}  \\S.*"), line);
            String name = line.substring(66);
            listed.add(name);
            assertEquals(line.substring(0, 64), Checksums.sha256(folder.resolve(name)), name);
        }
        Set<String> files = new HashSet<>(Checksums.files(folder));
        files.remove("SHA256SUMS");
        assertEquals(files, listed);
        if (Files.isExecutable(Path.of("/usr/bin/sha256sum"))) {
            Process check = new ProcessBuilder("/usr/bin/sha256sum", "-c", "--quiet", "SHA256SUMS").directory(folder.toFile())
                .redirectErrorStream(true).start();
            assertTrue(check.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, check.exitValue(), new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        String readme = Files.readString(folder.resolve("README.txt"));
        assertTrue(readme.contains("sha256sum -c SHA256SUMS") && readme.contains("index.html"), readme);
        assertTrue(readme.contains("sha256sum -c " + Bundle.fileName("dev") + ".sha256"), readme);
        assertTrue(readme.contains("gpg --verify SHA256SUMS.asc SHA256SUMS"), readme);
        assertTrue(readme.contains("내려받은 파일 확인하기") && readme.contains("ko/index.html"), "and in Korean: " + readme);
        assertFalse(names.contains(FOLDER + OpenPgpSigner.FILE), "no signature without a key");

        Path zipSum = Bundle.checksumFile(fixture.path(ZIP));
        assertEquals(Checksums.sha256(fixture.path(ZIP)) + "  " + Bundle.fileName("dev") + "\n", Files.readString(zipSum),
            "<zip>.sha256 beside the zip");
        if (Files.isExecutable(Path.of("/usr/bin/sha256sum"))) {
            Process check = new ProcessBuilder("/usr/bin/sha256sum", "-c", zipSum.getFileName().toString())
                .directory(zipSum.getParent().toFile()).redirectErrorStream(true).start();
            assertTrue(check.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, check.exitValue(), new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of(), ExternalReferenceScan.scan(folder));
    }

    @Test
    void twoBundlesOfTheSameSourcesAreTheSameBytes() throws Exception {
        GuideFixture first = shared().fixture();
        GuideFixture second = sources(Files.createDirectory(dir.resolve("two")));
        Files.setLastModifiedTime(second.path("content/plan.adoc"), java.nio.file.attribute.FileTime.fromMillis(86_400_000L));
        assertEquals(0, bundle(second).exitCode());
        byte[] a = Files.readAllBytes(first.path(ZIP));
        byte[] b = Files.readAllBytes(second.path(ZIP));
        if (!java.util.Arrays.equals(a, b)) {
            // Say which file differs, which is what one needs to find the cause.
            Path ua = unzipAll(first.path(ZIP), dir.resolve("ua"));
            Path ub = unzipAll(second.path(ZIP), dir.resolve("ub"));
            for (String name : Checksums.files(ua)) {
                assertEquals(Files.readString(ua.resolve(name), StandardCharsets.ISO_8859_1),
                    Files.readString(ub.resolve(name), StandardCharsets.ISO_8859_1), name + " differs");
            }
        }
        assertArrayEquals(a, b, "same sources, same zip bytes");
    }

    /** A copy of {@code fixture}'s folder at {@code to}, modification times kept. */
    private static GuideFixture copy(GuideFixture fixture, Path to) throws IOException {
        Path from = fixture.root();
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return GuideFixture.open(to);
    }

    private static Path unzipAll(Path zip, Path to) throws IOException {
        Files.createDirectories(to);
        unzip(zip, to);
        return to;
    }

    @Test
    void everyEntryHasTheSourceDateAndFixedPermissions() throws Exception {
        List<ZipRecords.Central> entries = ZipRecords.read(shared().fixture().path(ZIP));
        assertTrue(entries.stream().anyMatch(e -> e.name().endsWith("/examples/run.sh")), "a script to give 0755");
        for (ZipRecords.Central entry : entries) {
            assertEquals(entry.name().endsWith(".sh") ? 0100755 : 0100644, entry.unixMode(), entry.name());
            assertEquals(3, entry.madeBy() >> 8, "made on Unix, so unzip applies the mode");
        }
        assertEquals(1, entries.stream().map(ZipRecords.Central::dosDateTime).distinct().count(), "one timestamp for all");
    }

    @Test
    void aFailedBundleLeavesThePreviousZip() throws Exception {
        // A copy of the shared project, its site and zip included: what a good bundle left behind.
        GuideFixture fixture = copy(shared().fixture(), dir.resolve("project"));
        byte[] before = Files.readAllBytes(fixture.path(ZIP));
        fixture.write("content/plan.adoc", "= Plan\n\n[#plan-ports]\n== Ports\n\nThe port is {no-such-port}.\n");
        GuideFixture.Run run = bundle(fixture);
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.out().contains("bundle failed"), run.all());
        assertArrayEquals(before, Files.readAllBytes(fixture.path(ZIP)));
        try (var list = Files.list(fixture.path("target"))) {
            assertEquals(List.of(), list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                "no work folders or partial zips are left behind");
        }
    }

    @Test
    void aStylesheetThatNeedsTheNetworkFailsTheBundle() throws Exception {
        GuideFixture fixture = BundleFixture.create(dir);
        fixture.write("templates/assets/css/site.css", "@import url(\"https://fonts.example.com/inter.css\");\nbody { margin: 0; }\n");
        GuideFixture.Run run = bundle(fixture);
        assertEquals(1, run.exitCode(), run.all());
        // build's own offline scan finds it first, at the stylesheet's source line
        assertTrue(run.err().contains("templates/assets/css/site.css:1: [offline] 'https://fonts.example.com/inter.css'"),
            run.all());
        assertFalse(Files.exists(fixture.path(ZIP)));
    }

    @Test
    void theSinglePageIsSelfContained() throws Exception {
        Path out = shared().unzipped();
        Document single = Jsoup.parse(out.resolve(FOLDER + "agentops-selfhost-guide.html").toFile(), "UTF-8");
        assertTrue(single.select("script[src], link").isEmpty(), "no linked scripts or CSS: " + single.select("script[src], link").outerHtml());
        assertEquals(List.of("chapter-index", "chapter-plan", "chapter-connect"), single.select("section.guide-chapter").eachAttr("id"),
            "chapters in nav order");
        assertTrue(single.selectFirst("style").data().contains("url(\"data:image/png;base64,"), "CSS images inline");
        assertTrue(single.select("img").eachAttr("src").stream().allMatch(s -> s.startsWith("data:image/png;base64,")));
        Element download = single.selectFirst("a[download=agentops.env]");
        assertTrue(download != null && download.attr("href").startsWith("data:"), "downloads inline");
        assertEquals(1, single.select("#chapter-index a[href=#plan--plan-ports]").size(), "the cross-page link points in the page");
        Set<String> ids = new HashSet<>();
        for (Element el : single.select("[id]")) {
            assertTrue(ids.add(el.id()), "duplicate id " + el.id());
        }
        for (String href : single.select("a[href^=#]").eachAttr("href")) {
            assertTrue(ids.contains(href.substring(1)), "dangling in-page link " + href);
        }
        for (String href : single.select("a[href]").eachAttr("href")) {
            assertTrue(href.startsWith("#") || href.startsWith("data:") || href.startsWith("https://"), "left the page: " + href);
        }
    }

    @Test
    void usage() {
        assertEquals(0, GuideFixture.runIn("bundle", "--help").exitCode());
        assertTrue(GuideFixture.runIn("bundle", "--help").out().contains("Usage: java -jar target/guide.jar bundle"));
        assertEquals(2, GuideFixture.runIn("bundle", "--bogus").exitCode());
        assertEquals(2, GuideFixture.runIn("-C", dir.toString(), "bundle", "extra").exitCode());
    }
}

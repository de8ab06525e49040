package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.AsciidoctorRuntimeExtension;
import dev.selfhostguide.bundle.SiteFinish;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.pipeline.Request;
import dev.selfhostguide.pipeline.SiteRebuilds;
import picocli.CommandLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guide serve} end to end, in-process on a fixture project: the real command in a thread of
 * its own, the real watcher, and pages read over HTTP. Everything is stopped in finally.
 */
class ServeCommandTest {

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static String page(String title, String id, String body) {
        return "= " + title + "\n:jbake-type: page\n:jbake-status: published\n:description: " + title + ".\n\n"
            + "[#" + id + "]\n== Section\n\n" + body + "\n";
    }

    /** The GuideFixture project plus a page that includes an example file, and a dozen more pages. */
    private GuideFixture fixture() throws IOException {
        GuideFixture fixture = GuideFixture.create(dir);
        fixture.write("content/examples/sample.env", "API_PORT=8003\n");
        fixture.write("content/included.adoc", page("Included", "included-env", """
            The sample file:

            [source,text,check=none,reason="the example file, shown as it is"]
            ----
            include::examples/sample.env[]
            ----
            """));
        for (int i = 1; i <= 12; i++) {
            StringBuilder body = new StringBuilder();
            for (int p = 0; p < 6; p++) {
                body.append("Paragraph ").append(p).append(" of page ").append(i)
                    .append(" says the API listens on {api-port} and links to xref:plan.adoc#plan-ports[the ports].\n\n");
            }
            body.append("[source,text,check=none,reason=\"sample output\"]\n----\n$ docker ps\napi   Up   0.0.0.0:{api-port}\n----\n");
            fixture.write(String.format("content/chapter-%02d.adoc", i), page("Chapter " + i, "chapter-" + i + "-a", body.toString()));
        }
        return fixture;
    }

    private String get(ServeCommand.Session session, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(session.url() + path))
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + "\n" + response.body();
    }

    /** Polls until the page satisfies {@code ready}; fails after {@code within}; returns the page and the wait. */
    private record Seen(String page, Duration after) { }

    private Seen await(ServeCommand.Session session, String path, Predicate<String> ready, Duration within) throws Exception {
        long start = System.nanoTime();
        long deadline = start + within.toNanos() + Duration.ofSeconds(8).toNanos();   // report how late, not just "late"
        String last = "";
        while (System.nanoTime() < deadline) {
            last = get(session, path);
            if (ready.test(last)) {
                Duration after = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(after.compareTo(within) <= 0, path + " changed only after " + after.toMillis() + " ms");
                return new Seen(last, after);
            }
            Thread.sleep(25);
        }
        fail(path + " did not change within " + within + "; last response:\n" + last);
        return null;
    }

    @Test
    @Timeout(240)
    void servesRebuildsAndShowsProblems() throws Exception {
        GuideFixture fixture = fixture();
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (terminal) {
                    terminal.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
        CommandLine line = Main.commandLine(GuideFixture.environment().printingTo(tee, tee));
        ServeCommand command = (ServeCommand) line.getSubcommands().get("serve").getCommand();
        List<Integer> exit = Collections.synchronizedList(new ArrayList<>());
        Thread serve = new Thread(() -> exit.add(line.execute("-C", fixture.root().toString(), "serve", "--port", "0")), "test-serve");
        ServeCommand.Session session = null;
        try {
            serve.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while ((session = command.session()) == null && System.nanoTime() < deadline && serve.isAlive()) {
                Thread.sleep(20);
            }
            assertNotNull(session, "serve did not start:\n" + text(terminal));
            assertTrue(session.awaitReady(180_000), "the first bake did not finish:\n" + text(terminal));

            // Bound to loopback by default.
            assertTrue(session.address().getAddress().isLoopbackAddress(), session.address().toString());
            assertEquals("127.0.0.1", session.address().getAddress().getHostAddress());

            // Served pages carry the reload script; the baked files never do.
            String index = get(session, "index.html");
            assertTrue(index.startsWith("200\n"), index);
            assertTrue(index.contains("listens on 8003"), index);
            assertTrue(index.contains(PreviewServer.SCRIPT_PATH), index);
            try (Stream<Path> files = Files.walk(fixture.path("target/site"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains("__guide"), file + " has the serve script");
                }
            }

            // 1. A page edit shows over HTTP within 2 s, rebuilt alone.
            List<Long> oneP = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                String marker = "Edited-" + i + "-" + System.nanoTime();
                SiteRebuilds.Outcome previous = session.lastOutcome();
                fixture.write("content/index.adoc", page("Home", "home-intro", "The API listens on {api-port}. " + marker));
                Seen seen = await(session, "index.html", p -> p.contains(marker), VISIBLE_WITHIN);
                // The page is served before the rebuild's scans end and its outcome is kept: wait for this
                // edit's outcome, not the one before it (the first bake's lists every page too).
                awaitOutcome(session, o -> o != previous && o.pages().contains(fixture.path("content/index.adoc")));
                SiteRebuilds.Outcome o = session.lastOutcome();
                assertEquals(SiteRebuilds.Kind.PAGES, o.kind());
                assertEquals(List.of(fixture.path("content/index.adoc")), o.pages());
                oneP.add(o.nanos() / 1_000_000);
                System.out.println("seen after " + seen.after().toMillis() + " ms");
            }
            Collections.sort(oneP);
            out.println("warm one-page rebuilds (ms, sorted): " + oneP + "; median " + oneP.get(2) + " ms");

            // The page rebuilt alone is what a full bake makes of it.
            GuideFixture.Run fresh = fixture.run("build", "--no-checks", "--quiet", "--out", "target/fresh");
            assertEquals(0, fresh.exitCode(), fresh.all());
            assertEquals(fixture.read("target/fresh/index.html"), fixture.read("target/site/index.html"));

            // 2. A change to an included file re-renders the page that includes it.
            String before = get(session, "included.html");
            assertTrue(before.contains("API_PORT=8003"), before);
            fixture.write("content/examples/sample.env", "API_PORT=9999\n");
            await(session, "included.html", p -> p.contains("API_PORT=9999"), VISIBLE_WITHIN);
            assertEquals("API_PORT=9999\n", fixture.read("target/site/examples/sample.env"), "the download is updated too");

            // 3. A broken page: the overlay names file:line, the last good page stays.
            String good = fixture.read("target/site/index.html");
            fixture.write("content/index.adoc", page("Home", "home-intro", "BROKEN-VERSION uses {no-such-attribute}."));
            Seen broken = await(session, "index.html", p -> p.contains(PreviewServer.OVERLAY_ID), VISIBLE_WITHIN);
            assertTrue(broken.page().contains("content/index.adoc:9: [asciidoctor] skipping reference to missing attribute: no-such-attribute"),
                broken.page());
            assertTrue(broken.page().contains("Edited-5-"), "the last good content is still served");
            assertFalse(broken.page().contains("BROKEN-VERSION"));
            assertEquals(good, fixture.read("target/site/index.html"));
            String otherPage = get(session, "plan.html");
            assertTrue(otherPage.contains(PreviewServer.OVERLAY_ID), "every page shows the open problems");
            awaitTerminal(terminal, "content/index.adoc:9: [asciidoctor] skipping reference to missing attribute: no-such-attribute");
            awaitTerminal(terminal, "rebuild failed: 1 problem in content/index.adoc");

            // 4. Fixed: the new content, no overlay.
            fixture.write("content/index.adoc", page("Home", "home-intro", "FIXED-VERSION on {api-port}."));
            // The page is written before the rebuild's finish and link check end, and the overlay goes with
            // the rebuild's report: both within the same 2 s.
            await(session, "index.html", p -> p.contains("FIXED-VERSION on 8003") && !p.contains(PreviewServer.OVERLAY_ID),
                VISIBLE_WITHIN);

            // 5. A template change bakes everything again, warm.
            fixture.write("templates/page.ftl", GuideFixture.PAGE_TEMPLATE.replace("<main>", "<main data-template=\"v2\">"));
            await(session, "chapter-07.html", p -> p.contains("data-template=\"v2\""), Duration.ofSeconds(30));
            awaitOutcome(session, o -> o.kind() == SiteRebuilds.Kind.FULL);
            out.println("warm full rebuild: " + session.lastOutcome().nanos() / 1_000_000 + " ms for "
                + session.lastOutcome().pages().size() + " pages");
        } finally {
            if (session != null) {
                session.close();
            }
            serve.join(10_000);
            out.print(text(terminal));
        }
        assertFalse(serve.isAlive(), "serve stopped");
        assertEquals(List.of(0), exit);
    }

    private static void awaitOutcome(ServeCommand.Session session, Predicate<SiteRebuilds.Outcome> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            SiteRebuilds.Outcome o = session.lastOutcome();
            if (o != null && done.test(o)) {
                return;
            }
            Thread.sleep(10);
        }
        fail("no such rebuild: " + session.lastOutcome());
    }

    private static void awaitTerminal(ByteArrayOutputStream terminal, String line) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (text(terminal).contains(line)) {
                return;
            }
            Thread.sleep(20);
        }
        fail("the terminal never showed '" + line + "':\n" + text(terminal));
    }

    private static String text(ByteArrayOutputStream terminal) {
        synchronized (terminal) {
            return terminal.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void helpAndUsageErrors() {
        GuideFixture.Run help = GuideFixture.runIn("serve", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--bind=ADDR"), help.out());
        assertEquals(2, GuideFixture.runIn("serve", "--port", "http").exitCode());
        assertEquals(2, GuideFixture.runIn("serve", "--port", "70000").exitCode());
        assertEquals(2, GuideFixture.runIn("serve", "extra.adoc").exitCode());
    }

    /** The rebuilder serve runs, with the finish serve gives it, after its first full bake. */
    private SiteRebuilds warm(GuideFixture fixture) {
        SiteRebuilds bake = new SiteRebuilds(new Project(fixture.root()), new Pipeline(AsciidoctorRuntimeExtension.runtime(), dev.selfhostguide.checks.Tools.onPath(System.getenv("PATH")), false),
            false, new SiteFinish(), List.of());
        SiteRebuilds.Outcome first = bake.full(p -> { });
        assertTrue(first.published(), first.found().toString());
        return bake;
    }

    /** What a fresh {@code guide build} writes for the same sources, in a folder of its own. */
    private Path freshBuild(GuideFixture fixture, String name) throws IOException {
        Path out = dir.resolve(name);
        Pipeline.Outcome result = new Pipeline(AsciidoctorRuntimeExtension.runtime(), dev.selfhostguide.checks.Tools.onPath(System.getenv("PATH")), false)
            .run(Request.site(new Project(fixture.root()), out, false, new SiteFinish(), List.of(), p -> { }));
        assertFalse(result.failed(), result.findings().toString());
        return out;
    }

    @Test
    @Timeout(240)
    void aPageRebuildWritesTheSearchIndexAFreshBuildWrites() throws Exception {
        GuideFixture fixture = fixture();
        SiteRebuilds bake = warm(fixture);
        Path page = fixture.path("content/chapter-03.adoc");
        fixture.write("content/chapter-03.adoc", page("Chapter three, renamed", "chapter-3-a",
            "Brand new words zyxwvut.\n\n[#chapter-3-b]\n== Another\n\nSee https://example.org/upstream[upstream].\n"));
        Files.delete(fixture.path("content/chapter-07.adoc"));
        SiteRebuilds.Outcome o = bake.rebuild(List.of(page, fixture.path("content/chapter-07.adoc")), p -> { });
        assertEquals(SiteRebuilds.Kind.PAGES, o.kind());
        assertFalse(o.failed(), o.found().toString());
        Path site = bake.site();
        String html = Files.readString(site.resolve("chapter-03.html"));
        assertTrue(html.contains("rel=\"external\""), "the rebuilt page's external link is marked");
        Path fresh = freshBuild(fixture, "fresh");
        String index = Files.readString(site.resolve(dev.selfhostguide.bundle.SearchIndex.FILE));
        assertTrue(index.contains("zyxwvut") && !index.contains("chapter-07.html"), index);
        assertEquals(Files.readString(fresh.resolve(dev.selfhostguide.bundle.SearchIndex.FILE)), index);
    }

    @Test
    @Timeout(240)
    void aLinkToAnAnchorTheRebuiltPageRemovedIsReportedAndClearedWhenItIsBack() throws Exception {
        GuideFixture fixture = fixture();
        SiteRebuilds bake = warm(fixture);
        Path plan = fixture.path("content/plan.adoc");
        String original = Files.readString(plan);
        Files.writeString(plan, original.replace("[#plan-ports]", "[#plan-ports-moved]"));
        SiteRebuilds.Outcome broken = bake.rebuild(List.of(plan), p -> { });
        assertEquals(SiteRebuilds.Kind.PAGES, broken.kind());
        List<dev.selfhostguide.snippets.Finding> links = broken.outstanding().stream()
            .filter(f -> f.check().equals("link")).toList();
        assertTrue(links.stream().anyMatch(f -> f.file().endsWith("index.adoc") && f.message().contains("plan-ports")), links.toString());
        assertTrue(links.stream().anyMatch(f -> f.file().endsWith("chapter-05.adoc")), links.toString());
        assertTrue(broken.found().containsAll(links), "what this rebuild broke is in what it found");
        Files.writeString(plan, original);
        SiteRebuilds.Outcome fixed = bake.rebuild(List.of(plan), p -> { });
        assertEquals(List.of(), fixed.outstanding(), "the links resolve again");
    }

    private static String mainOf(Path html) throws IOException {
        return org.jsoup.Jsoup.parse(html.toFile(), "UTF-8").selectFirst("main").html();
    }

    @Test
    @Timeout(240)
    void aTemplateEditReRendersEveryPageWithTheSameContentsAndWhatChangedIsConvertedAgain() throws Exception {
        GuideFixture fixture = fixture();
        SiteRebuilds bake = warm(fixture);
        Path site = bake.site();
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(site)) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        java.util.Map<Path, String> before = new java.util.HashMap<>();
        for (Path html : pages) {
            before.put(html, mainOf(html));
        }
        Path template = fixture.path("templates/page.ftl");
        Files.writeString(template, GuideFixture.PAGE_TEMPLATE.replace("<main>", "<main data-template=\"v2\">"));
        SiteRebuilds.Outcome o = bake.rebuild(List.of(template), p -> { });
        assertEquals(SiteRebuilds.Kind.FULL, o.kind());
        assertTrue(o.published(), o.found().toString());
        assertEquals(List.of(), o.outstanding());
        for (Path html : pages) {
            if (before.get(html).contains("<h2")) {                  // a page, not an index JBake writes
                assertTrue(Files.readString(html).contains("data-template=\"v2\""), html + " has the new template");
                assertEquals(before.get(html), mainOf(html), html + " keeps its contents");
            }
        }
        // A page edited in the same batch, and a file included behind the watcher's back, are converted again.
        Path chapter = fixture.path("content/chapter-02.adoc");
        Files.writeString(chapter, Files.readString(chapter).replace("Paragraph 0 of page 2", "Rewritten paragraph of page 2"));
        fixture.write("content/examples/sample.env", "API_PORT=9911\n");
        Files.writeString(template, GuideFixture.PAGE_TEMPLATE.replace("<main>", "<main data-template=\"v3\">"));
        o = bake.rebuild(List.of(template, chapter), p -> { });
        assertEquals(SiteRebuilds.Kind.FULL, o.kind());
        assertTrue(o.published(), o.found().toString());
        assertTrue(Files.readString(site.resolve("chapter-02.html")).contains("Rewritten paragraph of page 2"));
        assertTrue(Files.readString(site.resolve("included.html")).contains("API_PORT=9911"));
        assertTrue(Files.readString(site.resolve("chapter-05.html")).contains("data-template=\"v3\""));
    }

    @Test
    @Timeout(240)
    void linksToARemovedPageAreReportedAndClearedWhenItIsBack() throws Exception {
        GuideFixture fixture = fixture();
        SiteRebuilds bake = warm(fixture);
        Path plan = fixture.path("content/plan.adoc");
        String original = Files.readString(plan);
        Files.delete(plan);
        SiteRebuilds.Outcome gone = bake.rebuild(List.of(plan), p -> { });
        assertEquals(SiteRebuilds.Kind.PAGES, gone.kind());
        assertTrue(gone.outstanding().stream().anyMatch(f -> f.check().equals("link") && f.file().endsWith("chapter-09.adoc")
            && f.message().contains("not in the site")), gone.outstanding().toString());
        Files.writeString(plan, original);
        SiteRebuilds.Outcome back = bake.rebuild(List.of(plan), p -> { });
        assertEquals(List.of(), back.outstanding(), "the links resolve again");
    }
}

package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw backticks and links to placeholder hosts in the rendered text fail at the source line. */
class RenderedTextCheckTest {

    @TempDir
    Path dir;

    private static final Map<String, String> ATTRIBUTES = Map.of(
        "api-host", "api.agentops.internal.example",
        "dashboard-host", "agentops.internal.example",
        "server-host", "agentops.internal.example",
        "api-port", "8003");

    /** Writes {@code content/NAME.adoc} and its baked {@code site/NAME.html}, then checks the site. */
    private List<String> check(String name, String adoc, String body) throws IOException {
        Files.createDirectories(dir.resolve("content/ko"));
        Files.createDirectories(dir.resolve("site/ko"));
        Files.writeString(dir.resolve("content/" + name + ".adoc"), adoc);
        Files.writeString(dir.resolve("site/" + name + ".html"),
            "<!DOCTYPE html><html><head><title>`t`</title><script>var a = `x`;</script></head><body>"
                + body + "</body></html>");
        List<Finding> findings = new RenderedTextCheck(new Project(dir), ATTRIBUTES).run(dir.resolve("site"));
        return findings.stream().map(f -> f.format(dir)).toList();
    }

    @Test
    void cleanTextAndCodePass() throws IOException {
        List<String> found = check("ok", """
            = OK

            Run `guide check` and see https://github.com/AgentOps-AI/agentops[the repo].
            """, """
            <p>Run <code>guide check</code> and see <a href="https://github.com/AgentOps-AI/agentops">the repo</a>.</p>
            <pre><code>curl http://127.0.0.1:8003/health # `backticks` in code are the reader's</code></pre>
            <p><code>http://0.0.0.0:8000</code> as text is fine.</p>
            """);
        assertEquals(List.of(), found);
    }

    @Test
    void rawBacktickIsReportedAtItsSourceLine() throws IOException {
        List<String> found = check("troubleshooting", """
            = T

            [#t-a]
            == A

            Services that come in through `include:`d files keep their paths.
            """, """
            <h2 id="t-a">A</h2>
            <p>Services that come in through `include:`d files keep their paths.</p>
            """);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("content/troubleshooting.adoc:6: [rendered-text] a backtick shows"), found.get(0));
    }

    @Test
    void rawBacktickBeforeAKoreanParticle() throws IOException {
        Files.createDirectories(dir.resolve("content/ko"));
        Files.writeString(dir.resolve("content/ko/configure.adoc"), """
            = 구성

            첫 줄입니다.
            `app/.env`를 엽니다.
            """);
        Files.createDirectories(dir.resolve("site/ko"));
        Files.writeString(dir.resolve("site/ko/configure.html"),
            "<html><body><p>첫 줄입니다.</p><p>`app/.env`를 엽니다.</p></body></html>");
        List<String> found = new RenderedTextCheck(new Project(dir), ATTRIBUTES).run(dir.resolve("site"))
            .stream().map(f -> f.format(dir)).toList();
        assertEquals(List.of("content/ko/configure.adoc:4: [rendered-text] a backtick shows in the rendered text near "
            + "'`app/.env`를': the monospace pair did not close; use ``double backticks`` next to letters or Korean "
            + "particles, or `+literal+`"), found);
    }

    @Test
    void autoLinkedPlaceholderHostsAreReported() throws IOException {
        List<String> found = check("plan", """
            = Plan

            The dashboard rewrites to http://0.0.0.0:8000 by default.
            Studio is at http://127.0.0.1:54323 on the host.
            Open http://localhost:3000 first.
            """, """
            <p>The dashboard rewrites to <a href="http://0.0.0.0:8000" class="bare">http://0.0.0.0:8000</a> by default.
            Studio is at <a href="http://127.0.0.1:54323" class="bare">http://127.0.0.1:54323</a> on the host.
            Open <code><a href="http://localhost:3000">http://localhost:3000</a></code> first.</p>
            <pre class="highlight"><code>curl <a href="http://localhost:9">http://localhost:9</a></code></pre>
            """);
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("content/plan.adoc:3: [rendered-text] 'http://0.0.0.0:8000' is a link to 0.0.0.0"), found.get(0));
        assertTrue(found.get(1).startsWith("content/plan.adoc:4: [rendered-text] 'http://127.0.0.1:54323'"), found.get(1));
        assertTrue(found.get(2).startsWith("content/plan.adoc:5: [rendered-text] 'http://localhost:3000'"), found.get(2));
    }

    @Test
    void exampleHostWrittenWithAttributesIsFoundThroughTheReference() throws IOException {
        List<String> found = check("verify", """
            = Verify

            First line.
            Open http://{dashboard-host}/signin and then http://{api-host}:{api-port}/health.
            """, """
            <p>First line.
            Open <a href="http://agentops.internal.example/signin" class="bare">http://agentops.internal.example/signin</a>
            and then <a href="http://api.agentops.internal.example:8003/health" class="bare">x</a>.</p>
            """);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("content/verify.adoc:4: [rendered-text] 'http://agentops.internal.example/signin' is a link to agentops.internal.example"), found.get(0));
        assertTrue(found.get(1).startsWith("content/verify.adoc:4: [rendered-text] 'http://api.agentops.internal.example:8003/health'"), found.get(1));
    }

    @Test
    void placeholderHosts() {
        for (String host : List.of("0.0.0.0", "localhost", "127.0.0.1", "127.1.2.3", "[::1]", "agentops.internal.example",
                "app.localhost")) {
            assertTrue(RenderedTextCheck.isPlaceholderHost(host), host);
        }
        for (String host : List.of("github.com", "clickhouse.com", "example.com", "127.0.0.1.nip.io", "examples.org")) {
            assertFalse(RenderedTextCheck.isPlaceholderHost(host), host);
        }
        assertEquals(null, RenderedTextCheck.host("mailto:a@localhost"));
        assertEquals("localhost", RenderedTextCheck.host("http://LOCALHOST:3000/x"));
    }

    @Test
    void pageWithoutSourceIsReportedAtTheBakedFile() throws IOException {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/search.html"), "<html><body><p>Press `/` to search</p></body></html>");
        List<Finding> found = new RenderedTextCheck(new Project(dir), Map.of()).run(dir.resolve("site"));
        assertEquals(1, found.size());
        assertEquals(0, found.get(0).line());
        assertTrue(found.get(0).message().contains("look at the templates"), found.get(0).message());
    }

    @Test
    void theBuildFailsOnABacktickThatDidNotClose() throws Exception {
        Files.createDirectories(dir.resolve("guide"));
        GuideFixture fixture = GuideFixture.create(dir.resolve("guide")).write("content/index.adoc", """
            = Home
            :jbake-type: page
            :jbake-status: published

            [#home-a]
            == A

            Edit `app/.env`s values, then open http://localhost:3000 in a browser.
            """);
        GuideFixture.Run run = fixture.run("build", "--no-checks", "--quiet");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("content/index.adoc:8: [rendered-text] a backtick shows")), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("content/index.adoc:8: [rendered-text] 'http://localhost:3000'")), run.all());
    }
}

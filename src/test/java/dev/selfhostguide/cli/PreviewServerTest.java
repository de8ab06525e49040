package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview server on a hand-made site: it never reads outside the site folder, whatever the
 * request path looks like (sent raw over a socket, so no client tidies it up first), and it sends
 * the right content types. No bake is needed, so this runs in well under a second.
 */
class PreviewServerTest {

    private static final String SECRET = "TOP-SECRET-OUTSIDE-THE-SITE";

    @TempDir
    Path dir;

    private PreviewServer server;
    private Path site;

    @BeforeEach
    void start() throws IOException {
        site = dir.resolve("target/site");
        Files.createDirectories(site.resolve("sub"));
        Files.createDirectories(site.resolve("examples"));
        Files.createDirectories(site.resolve("css"));
        Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><html><body><p>start page</p></body></html>");
        Files.writeString(site.resolve("sub/index.html"), "<html><body>sub index</body></html>");
        Files.writeString(site.resolve("css/site.css"), "body{}");
        Files.writeString(site.resolve("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.write(site.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(site.resolve("app.js"), "1;");
        Files.writeString(site.resolve("examples/agentops.env"), "API_PORT=8003\n");
        Files.writeString(site.resolve("examples/dashboard.env.production"), "X=1\n");
        Files.writeString(site.resolve("examples/compose.override.yaml"), "services: {}\n");
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        Files.writeString(dir.resolve("target/secret.txt"), SECRET);
        Files.createSymbolicLink(site.resolve("escape.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("escape-dir"), dir);
        server = new PreviewServer(site, new InetSocketAddress("127.0.0.1", 0));
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Status line and body of a request sent byte for byte as given. */
    private record Response(int status, String head, String body) { }

    private Response raw(String target) throws IOException {
        return rawRequest("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    private Response rawRequest(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] statusLine = head.split(" ", 3);
            return new Response(Integer.parseInt(statusLine[1]), head, body);
        }
    }

    @Test
    void refusesPathTraversalInEveryEncoding() throws IOException {
        List<String> attacks = List.of(
            "/../secret.txt",
            "/../../secret.txt",
            "/sub/../../secret.txt",
            "/sub/../../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/%2e%2e%2fsecret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%2fsecret.txt",
            "/..%2Fsecret.txt",
            "/%2e./secret.txt",
            "/.%2e/secret.txt",
            "/%252e%252e/secret.txt",
            "/%252e%252e%252fsecret.txt",
            "/..%5csecret.txt",
            "/..%5Csecret.txt",
            "/%5c..%5csecret.txt",
            "/..\\secret.txt",
            "/%2f..%2fsecret.txt",
            "//secret.txt",
            "//etc/passwd",
            "/%2fetc%2fpasswd",
            "/index.html%00.txt",
            "/%00",
            "/%c0%ae%c0%ae/secret.txt",
            "/./index.html",
            "/sub/./../../secret.txt",
            "/C:/secret.txt",
            "/escape-dir/secret.txt",
            "/escape.txt",
            "http://127.0.0.1/../secret.txt",
            "../secret.txt",
            "/__guide/../secret.txt");
        for (String attack : attacks) {
            Response r = raw(attack);
            assertTrue(r.status() == 400 || r.status() == 404, attack + " gave " + r.status());
            assertFalse(r.body().contains(SECRET), attack + " leaked the file outside the site");
        }
        assertEquals(400, raw("/../secret.txt").status());
        assertEquals(400, raw("/%2e%2e/secret.txt").status());
        assertEquals(400, raw("/%252e%252e/secret.txt").status());
        assertEquals(404, raw("/escape.txt").status(), "a symlink out of the site is not followed");
    }

    @Test
    void decodeRefusesWhatCouldLeaveTheRoot() {
        assertEquals("/sub/page.html", PreviewServer.decode("/sub/page.html"));
        assertEquals("/a b.html", PreviewServer.decode("/a%20b.html"));
        assertEquals("/sub/", PreviewServer.decode("/sub/"));
        for (String bad : List.of("", "x", "/..", "/a/..", "/%2e%2e", "/%2", "/%zz", "/%ff", "/%25", "/a\\b",
                "/a%5cb", "/%00", "/a//b", "/c:/x", "/%0d%0aX: y")) {
            assertNull(PreviewServer.decode(bad), bad);
        }
    }

    @Test
    void servesFilesWithTheirContentTypes() throws IOException {
        assertContentType("/index.html", "text/html; charset=utf-8");
        assertContentType("/css/site.css", "text/css; charset=utf-8");
        assertContentType("/app.js", "text/javascript; charset=utf-8");
        assertContentType("/logo.svg", "image/svg+xml");
        assertContentType("/logo.png", "image/png");
        assertContentType("/examples/agentops.env", "text/plain; charset=utf-8");
        assertContentType("/examples/dashboard.env.production", "text/plain; charset=utf-8");
        assertContentType("/examples/compose.override.yaml", "text/plain; charset=utf-8");
        assertEquals("API_PORT=8003\n", raw("/examples/agentops.env").body());
    }

    private void assertContentType(String path, String type) throws IOException {
        Response r = raw(path);
        assertEquals(200, r.status(), path);
        assertTrue(r.head().toLowerCase().contains("content-type: " + type), path + ":\n" + r.head());
    }

    @Test
    void directoriesServeTheirIndexAndMissingFilesA404Page() throws IOException {
        Response root = raw("/");
        assertEquals(200, root.status());
        assertTrue(root.body().contains("start page"));
        Response sub = raw("/sub/");
        assertEquals(200, sub.status());
        assertTrue(sub.body().contains("sub index"));
        Response redirect = raw("/sub");
        assertEquals(301, redirect.status());
        assertTrue(redirect.head().contains("Location: /sub/"), redirect.head());
        Response missing = raw("/nowhere.html");
        assertEquals(404, missing.status());
        assertTrue(missing.body().contains("Not found"));
        assertTrue(missing.body().contains(PreviewServer.SCRIPT_PATH), "a 404 page reloads too, for pages being created");
        assertEquals(405, rawRequest("POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").status());
    }

    @Test
    void htmlGetsTheReloadScriptAndProblemsButTheFileDoesNot() throws IOException {
        Response page = raw("/index.html");
        assertTrue(page.body().contains("<script src=\"/__guide/live-reload.js\" data-build=\"0\"></script>\n</body>"), page.body());
        assertFalse(page.body().contains(PreviewServer.OVERLAY_ID));
        server.publish(true, List.of("content/index.adoc:6: [asciidoctor] skipping reference to missing attribute: <x>"));
        page = raw("/index.html");
        assertTrue(page.body().contains(PreviewServer.OVERLAY_ID));
        assertTrue(page.body().contains("content/index.adoc:6: [asciidoctor] skipping reference to missing attribute: &lt;x&gt;"));
        assertTrue(page.body().contains("data-build=\"1\""));
        assertFalse(Files.readString(site.resolve("index.html")).contains("__guide"));
        Response css = raw("/css/site.css");
        assertEquals("body{}", css.body(), "only HTML is changed");
        Response script = raw(PreviewServer.SCRIPT_PATH);
        assertEquals(200, script.status());
        assertTrue(script.body().contains("location.reload()"));
    }

    @Test
    void changesAnswersAtOnceWhenTheBuildMovedOnAndWaitsOtherwise() throws Exception {
        Response now = raw(PreviewServer.CHANGES_PATH + "?since=-1");
        assertEquals("{\"build\":0,\"failed\":false,\"problems\":0}", now.body());
        Thread publisher = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            server.publish(false, List.of());
        });
        long start = System.nanoTime();
        publisher.start();
        try {
            Response waited = raw(PreviewServer.CHANGES_PATH + "?since=0");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("{\"build\":1,\"failed\":false,\"problems\":0}", waited.body());
            assertTrue(millis >= 250 && millis < 5_000, "answered after " + millis + " ms");
        } finally {
            publisher.join(2_000);
        }
    }

    @Test
    void twentyFiveSlowClientsDoNotStopOtherRequests() throws Exception {
        List<Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                Socket socket = new Socket();
                socket.connect(server.address(), 2_000);
                // Half a request line, then nothing: each holds a reading thread of the server.
                socket.getOutputStream().write("GET /index.html HTT".getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            Thread.sleep(300);
            long start = System.nanoTime();
            Response page = raw("/index.html");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, page.status());
            assertTrue(millis < 3_000, "answered after " + millis + " ms");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void theHostHeaderMustNameThisMachine() throws IOException {
        int port = server.address().getPort();
        for (String host : List.of("127.0.0.1", "127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port)) {
            assertEquals(200, rawRequest("GET /index.html HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").status(), host);
        }
        for (String host : List.of("attacker.example:" + port, "attacker.example", "localhost.attacker.example", "127.0.0.1.nip.io")) {
            Response refused = rawRequest("GET /index.html HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertEquals(421, refused.status(), host);
            assertFalse(refused.body().contains("start page"), host);
        }
        assertEquals(421, rawRequest("GET " + PreviewServer.CHANGES_PATH + "?since=0 HTTP/1.1\r\nHost: evil.example\r\n"
            + "Connection: close\r\n\r\n").status(), "the reload endpoint too");
    }

    @Test
    void theSeventeenthTabIsToldToWaitInsteadOfPollingInALoop() throws Exception {
        int build = server.state().build();
        List<Thread> tabs = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < PreviewServer.MAX_WAITING; i++) {
                Thread tab = new Thread(() -> {
                    try {
                        raw(PreviewServer.CHANGES_PATH + "?since=" + build);
                    } catch (IOException e) {
                        // closed when the test ends
                    }
                });
                tab.setDaemon(true);
                tab.start();
                tabs.add(tab);
            }
            Thread.sleep(500);
            long start = System.nanoTime();
            Response extra = raw(PreviewServer.CHANGES_PATH + "?since=" + build);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2_000, "answered at once, after " + millis + " ms");
            assertEquals("{\"build\":" + build + ",\"failed\":false,\"problems\":0,\"retry\":" + PreviewServer.RETRY_MILLIS + "}",
                extra.body());
            String script = new String(PreviewServer.class.getResourceAsStream("live-reload.js").readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(script.contains("wait(now.retry || 0)"), "the script honours retry");
        } finally {
            server.publish(false, List.of());   // releases the waiting tabs
            for (Thread tab : tabs) {
                tab.join(2_000);
            }
        }
    }
}

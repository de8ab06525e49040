package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a real nginx on 127.0.0.1 in front of a tiny echo server and shows that a server block
 * forwards what the API's auth routes need off localhost (content/data/endpoints.yml
 * proxy_headers, from app/api/agentops/auth/views.py _validate_request): X-Forwarded-For,
 * X-Forwarded-Host equal to API_DOMAIN with its port, and the client's User-Agent and Origin.
 * Runs in the ordinary test phase (a second or so); nginx is stopped in finally.
 */
class NginxProxyTest {

    @TempDir
    Path scratch;

    private HttpServer echo;
    private final Map<String, String> seen = new LinkedHashMap<>();

    @BeforeEach
    void start() throws IOException {
        Assumptions.assumeTrue(TestCatalogs.toolPresent("nginx"), "nginx is not installed: skipping");
        echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/", exchange -> {
            synchronized (seen) {
                seen.clear();
                exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            }
            byte[] body = "echo".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        echo.start();
    }

    @AfterEach
    void stop() {
        if (echo != null) {
            echo.stop(0);
        }
    }

    /** API_DOMAIN of the reference deployment: the server host and the api's reference port. */
    private static String apiDomain() {
        String host = TestCatalogs.catalog().hosts().values().stream().findFirst().orElse("agentops.example.internal");
        return host + ":" + TestCatalogs.catalog().port("api").orElseThrow().reference();
    }

    private static String serverBlock(int listen, int upstream, String forwardedHost) {
        return """
            server {
                listen 127.0.0.1:%d;
                location / {
                    proxy_pass http://127.0.0.1:%d;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-Host %s;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header X-Real-IP $remote_addr;
                }
            }
            """.formatted(listen, upstream, forwardedHost);
    }

    @Test
    void serverBlockForwardsTheHeadersTheApiNeeds() throws Exception {
        int port = freePort();
        Map<String, String> headers = throughNginx(serverBlock(port, echo.getAddress().getPort(), "$http_host"), port, false);
        assertRequiredHeaders(headers);
        assertEquals("http", headers.get("x-forwarded-proto"));
        assertEquals("127.0.0.1", headers.get("x-real-ip"));
    }

    @Test
    void dollarHostDropsThePortSoTheApiWouldAnswer500() throws Exception {
        // $host has no port, but the API compares x-forwarded-host with the full API_DOMAIN, port included
        int port = freePort();
        Map<String, String> headers = throughNginx(serverBlock(port, echo.getAddress().getPort(), "$host"), port, false);
        assertNotEquals(apiDomain(), headers.get("x-forwarded-host"));
    }

    @Test
    void guideNginxConfWhenItExists() throws Exception {
        Path conf = TestCatalogs.ROOT.resolve("content/examples/nginx.conf");
        Assumptions.assumeTrue(Files.isRegularFile(conf), "content/examples/nginx.conf not written yet: skipping");
        int port = freePort();
        String text = Files.readString(conf)
            // only the upstream host:port and the listen address change; TLS is left out of this test
            .replaceAll("(proxy_pass\\s+https?://)[^/;\\s]+", "$1127.0.0.1:" + echo.getAddress().getPort())
            .replaceAll("(?m)^(\\s*)listen\\s+[^;]*;", "$1listen 127.0.0.1:" + port + ";")
            .replaceAll("(?m)^(\\s*)(ssl_[a-z_]+|http2|ssl)\\s[^;]*;", "$1# $2 left out of the test");
        String code = text.replaceAll("(?m)#.*$", "");      // "http {" in a comment is not an http block
        // The guide's API_DOMAIN has no port: readers reach the API through this proxy on port 80.
        String domain = Files.readAllLines(TestCatalogs.ROOT.resolve("content/examples/agentops.env")).stream()
            .filter(l -> l.startsWith("API_DOMAIN=")).map(l -> l.substring("API_DOMAIN=".length())).findFirst()
            .orElseThrow();
        hostHeader = domain;
        Map<String, String> headers = throughNginx(text, port, code.matches("(?s).*\\bhttp\\s*\\{.*"));
        assertRequiredHeaders(headers, domain);
    }

    /** The Host the test client sends: API_DOMAIN, as a browser or SDK would. */
    private String hostHeader = apiDomain();

    private void assertRequiredHeaders(Map<String, String> headers) {
        assertRequiredHeaders(headers, apiDomain());
    }

    private void assertRequiredHeaders(Map<String, String> headers, String domain) {
        List<dev.selfhostguide.facts.Endpoints.ProxyHeader> required = TestCatalogs.catalog().endpoints().requiredProxyHeaders();
        assertFalse(required.isEmpty(), "endpoints.yml proxy_headers.required is empty");
        for (dev.selfhostguide.facts.Endpoints.ProxyHeader r : required) {
            String name = r.header().toLowerCase(Locale.ROOT);
            assertTrue(headers.containsKey(name), name + " not forwarded; got " + headers);
        }
        assertEquals(domain, headers.get("x-forwarded-host"), "X-Forwarded-Host must equal API_DOMAIN, port included");
        assertEquals("127.0.0.1", headers.get("x-forwarded-for"));
        assertEquals("guide-test/1.0", headers.get("user-agent"));
        assertEquals("http://agentops.example.internal:3006", headers.get("origin"));
    }

    /** Starts nginx with the block, sends one request with Host = API_DOMAIN, returns what the echo server saw. */
    private Map<String, String> throughNginx(String block, int port, boolean fullConfig) throws Exception {
        Path dir = Files.createDirectories(scratch.resolve("nginx-run"));
        Files.createDirectories(dir.resolve("logs"));
        Path snippet = dir.resolve("snippet.conf");
        Files.writeString(snippet, block);
        Path main = dir.resolve("nginx.conf");
        if (fullConfig) {
            main = snippet;
        } else {
            Files.writeString(main, "daemon off;\nmaster_process off;\npid " + dir + "/nginx.pid;\nevents {}\nhttp {\n"
                + "  access_log " + dir + "/logs/access.log;\n  client_body_temp_path " + dir + "/cb;\n  proxy_temp_path " + dir
                + "/px;\n  fastcgi_temp_path " + dir + "/fc;\n  uwsgi_temp_path " + dir + "/uw;\n  scgi_temp_path " + dir + "/sc;\n"
                + "  include " + snippet + ";\n}\n");
        }
        String nginx = Tools.onPath(System.getenv("PATH")).find("nginx").orElseThrow().toString();
        List<String> command = fullConfig
            ? List.of(nginx, "-p", dir + "/", "-c", main.toString(), "-e", dir + "/logs/error.log",
                "-g", "daemon off; master_process off; pid " + dir + "/nginx.pid;")
            : List.of(nginx, "-p", dir + "/", "-c", main.toString(), "-e", dir + "/logs/error.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        try {
            waitForPort(port, process, dir);
            String response = request(port);
            assertTrue(response.startsWith("HTTP/1.1 200"), "nginx answered: " + response);
            synchronized (seen) {
                return new LinkedHashMap<>(seen);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private String request(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            String req = "GET /auth/login HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: guide-test/1.0\r\n"
                + "Origin: http://agentops.example.internal:3006\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void waitForPort(int port, Process process, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("logs/stdout.log"))
                    + readIfExists(dir.resolve("logs/error.log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + port + " within 5 s");
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}

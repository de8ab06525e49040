package dev.selfhostguide.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.selfhostguide.GuideFixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosted guide: Debian's nginx serves the baked site with the guide's own server block
 * (content/examples/nginx-site.conf, or a stand-in of the same shape), changed only in its listen
 * and root lines; every file answers 200, text is gzipped, and pages and scripts carry the cache
 * headers the block promises.
 */
class HostedGuideTest {

    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final long ONE_DAY = 86_400;

    @TempDir
    Path temp;

    static String serverBlock() throws IOException {
        Path guide = GuideFixture.repositoryRoot().resolve("content/examples/nginx-site.conf");
        if (Files.isRegularFile(guide)) {
            return Files.readString(guide, StandardCharsets.UTF_8);
        }
        try (InputStream in = Objects.requireNonNull(HostedGuideTest.class.getResourceAsStream("nginx-site.conf"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The block with its listen and root lines pointed at this test; nothing else changes. The
     * first listen line becomes ours and further ones (an IPv6 twin) go, as two would clash.
     */
    static String adapt(String block, int port, Path site) {
        StringBuilder out = new StringBuilder();
        boolean listened = false;
        for (String line : block.split("\n", -1)) {
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            if (line.strip().matches("listen\\s+[^;]+;.*")) {
                if (!listened) {
                    out.append(indent).append("listen 127.0.0.1:").append(port).append(";\n");
                    listened = true;
                }
            } else if (line.strip().matches("root\\s+[^;]+;.*")) {
                out.append(indent).append("root ").append(site).append(";\n");
            } else {
                out.append(line).append('\n');
            }
        }
        return out.substring(0, out.length() - 1);
    }

    @Test
    void nginxServesEveryFileWithGzipAndCacheHeaders() throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isExecutable(NGINX), "CI=true but " + NGINX + " is missing: apt-get install nginx");
        }
        Assumptions.assumeTrue(Files.isExecutable(NGINX), NGINX + " is not installed (apt-get install nginx); skipping the hosted-site test");
        GuideUnderTest guide = GuideUnderTest.shared();
        Path site = guide.folder;        // the bundle folder is the site plus a few files; serve it as is
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path prefix = Files.createDirectories(temp.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        String block = adapt(serverBlock(), port, site);
        assertTrue(block.contains("listen 127.0.0.1:" + port + ";") && block.contains("root " + site + ";"), block);
        Files.writeString(prefix.resolve("nginx.conf"), """
            %s
            worker_processes 1;
            pid %s/nginx.pid;
            error_log %s/logs/error.log;
            events { worker_connections 64; }
            http {
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                access_log %s/logs/access.log;
                client_body_temp_path %s/tmp/client;
                proxy_temp_path %s/tmp/proxy;
                fastcgi_temp_path %s/tmp/fastcgi;
                uwsgi_temp_path %s/tmp/uwsgi;
                scgi_temp_path %s/tmp/scgi;
            %s
            }
            """.formatted("root".equals(System.getProperty("user.name")) ? "user root;" : "",
            prefix, prefix, prefix, prefix, prefix, prefix, prefix, prefix, block));
        Process nginx = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-e", prefix.resolve("logs/error.log").toString(),
            "-c", prefix.resolve("nginx.conf").toString(), "-g", "daemon off;")
            .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        try {
            awaitPort(nginx, port, prefix);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<String> files;
            try (Stream<Path> walk = Files.walk(site)) {
                files = walk.filter(Files::isRegularFile).map(p -> site.relativize(p).toString().replace('\\', '/')).sorted().toList();
            }
            List<String> problems = new ArrayList<>();
            for (String file : files) {
                check(http, port, file, Files.size(site.resolve(file)), problems);
            }
            check(http, port, "", Files.size(site.resolve("index.html")), problems);
            assertEquals(List.of(), problems, "nginx log:\n" + Files.readString(prefix.resolve("logs/error.log")));
            assertTrue(files.size() > 5, files.toString());
        } finally {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void check(HttpClient http, int port, String file, long size, List<String> problems) throws Exception {
        String path = "/" + file;
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path.replace(" ", "%20")))
            .header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            problems.add(path + ": HTTP " + response.statusCode());
            return;
        }
        boolean page = file.isEmpty() || file.endsWith(".html");
        boolean script = file.endsWith(".css") || file.endsWith(".js");
        String encoding = response.headers().firstValue("Content-Encoding").orElse("");
        if ((page || script) && size >= 1024 && !encoding.equals("gzip")) {
            problems.add(path + ": " + size + " bytes of text sent without gzip");
        }
        String cache = response.headers().allValues("Cache-Control").toString();
        if (page || file.equals("search-index.js")) {
            if (!cache.contains("no-cache")) {
                problems.add(path + ": pages and the search index must be revalidated (Cache-Control: no-cache), got " + cache);
            }
        } else if (script && maxAge(cache) < ONE_DAY) {
            problems.add(path + ": stylesheets and scripts should be cached for at least a day, got " + cache);
        }
    }

    private static long maxAge(String cacheControl) {
        Matcher m = Pattern.compile("max-age=(\\d+)").matcher(cacheControl);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Waits (bounded) until nginx accepts connections, or fails with its log if it exited. */
    private static void awaitPort(Process nginx, int port, Path prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                fail("nginx exited with " + nginx.exitValue() + ":\n" + Files.readString(prefix.resolve("logs/stdout.log"))
                    + Files.readString(prefix.resolve("logs/error.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("nginx did not listen on " + port + " within 15 s");
    }

    @Test
    void onlyListenAndRootChange() {
        String block = "server {\n    listen 80;\n    listen [::]:80;\n    root /var/www/x;\n    gzip on;\n}\n";
        assertEquals("server {\n    listen 127.0.0.1:8080;\n    root /tmp/site;\n    gzip on;\n}\n",
            adapt(block, 8080, Path.of("/tmp/site")));
    }
}

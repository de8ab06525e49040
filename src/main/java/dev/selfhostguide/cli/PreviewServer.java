package dev.selfhostguide.cli;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of {@code guide serve}: serves the baked site read-only from its folder, and adds
 * what only a preview needs to the HTML it sends (never to the files): a small script that reloads
 * the page when a rebuild finished, and, while the site has problems, an overlay listing them as
 * file:line: [check] message. The script asks {@code /__guide/changes?since=N}, which answers as
 * soon as the build number is no longer N (a long poll, so no polling storm and no extra library).
 *
 * <p>Only files inside the site folder are ever read: the request path is percent-decoded once and
 * strictly, anything that still looks encoded, any {@code .} or {@code ..} segment, backslash,
 * NUL, control character, colon or empty segment is refused with 400, the normalized result must
 * stay under the site root, and an existing file's real path (symlinks followed) must too (else 404).
 *
 * <p>A browser tab or a slow client must not stop the others. The JDK server reads each request on
 * a thread of its executor, so a client that sends its headers slowly holds one: the pool grows to
 * {@link #MAX_THREADS} instead of stopping at a few dozen, and requests that take longer than
 * {@link #MAX_REQUEST_SECONDS} to arrive are closed. Past {@link #MAX_WAITING} open long polls,
 * the answer tells the script to wait {@link #RETRY_MILLIS} before asking again, so the
 * seventeenth tab does not poll in a loop. The Host header must name this machine (an IP literal,
 * localhost, or the bind host): a page elsewhere that rebinds its DNS name to 127.0.0.1 gets 421.
 */
final class PreviewServer implements AutoCloseable {

    static final String PREFIX = "/__guide/";
    static final String SCRIPT_PATH = PREFIX + "live-reload.js";
    static final String CHANGES_PATH = PREFIX + "changes";
    static final String OVERLAY_ID = "guide-serve-problems";

    private static final long LONG_POLL_MILLIS = 25_000;
    static final int MAX_WAITING = 16;
    static final int RETRY_MILLIS = 5_000;
    static final int MAX_THREADS = 256;
    static final int MAX_REQUEST_SECONDS = 10;

    static {
        // Read once, when the JDK's server classes load; a value set by the user wins.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        }
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
        Map.entry("html", "text/html; charset=utf-8"),
        Map.entry("htm", "text/html; charset=utf-8"),
        Map.entry("css", "text/css; charset=utf-8"),
        Map.entry("js", "text/javascript; charset=utf-8"),
        Map.entry("mjs", "text/javascript; charset=utf-8"),
        Map.entry("json", "application/json"),
        Map.entry("map", "application/json"),
        Map.entry("svg", "image/svg+xml"),
        Map.entry("png", "image/png"),
        Map.entry("jpg", "image/jpeg"),
        Map.entry("jpeg", "image/jpeg"),
        Map.entry("gif", "image/gif"),
        Map.entry("webp", "image/webp"),
        Map.entry("ico", "image/x-icon"),
        Map.entry("woff", "font/woff"),
        Map.entry("woff2", "font/woff2"),
        Map.entry("ttf", "font/ttf"),
        Map.entry("xml", "application/xml"),
        Map.entry("pdf", "application/pdf"),
        Map.entry("zip", "application/zip"),
        Map.entry("gz", "application/gzip"),
        Map.entry("txt", "text/plain; charset=utf-8"),
        Map.entry("yaml", "text/plain; charset=utf-8"),
        Map.entry("yml", "text/plain; charset=utf-8"),
        Map.entry("env", "text/plain; charset=utf-8"),
        Map.entry("sh", "text/plain; charset=utf-8"),
        Map.entry("py", "text/plain; charset=utf-8"),
        Map.entry("conf", "text/plain; charset=utf-8"),
        Map.entry("toml", "text/plain; charset=utf-8"),
        Map.entry("ini", "text/plain; charset=utf-8"),
        Map.entry("properties", "text/plain; charset=utf-8"),
        Map.entry("adoc", "text/plain; charset=utf-8"),
        Map.entry("md", "text/plain; charset=utf-8"));

    /** What the pages show: the build number the script compares, and the open problems. */
    record State(int build, boolean failed, List<String> problems) { }

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);
    private final Object changed = new Object();
    private final java.util.Set<String> hosts;
    private final byte[] script;
    private volatile State state = new State(0, false, List.of());
    private volatile boolean closed;

    PreviewServer(Path siteRoot, InetSocketAddress address) throws IOException {
        this.root = siteRoot.toAbsolutePath().normalize();
        this.script = loadScript();
        AtomicInteger n = new AtomicInteger();
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(MAX_THREADS, MAX_THREADS,
            30, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "guide-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        pool.allowCoreThreadTimeOut(true);      // idle, it holds no threads
        this.executor = pool;
        this.hosts = allowedHosts(address);
        this.server = HttpServer.create(address, 64);
        this.server.setExecutor(executor);
        this.server.createContext("/", this::handle);
    }

    void start() {
        server.start();
    }

    /** Where the server listens (the real port when 0 was asked for). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    State state() {
        return state;
    }

    /** A rebuild finished: pages get a new build number (so they reload) and these problems. */
    void publish(boolean failed, List<String> problems) {
        synchronized (changed) {
            state = new State(state.build() + 1, failed, List.copyOf(problems));
            changed.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (changed) {
            changed.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", bytes("method not allowed\n"), head);
                return;
            }
            if (!hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 421, "text/plain; charset=utf-8",
                    bytes("this preview answers only to localhost, an IP address or its bind address\n"), head);
                return;
            }
            String raw = exchange.getRequestURI().getRawPath();
            if (raw != null && raw.startsWith(PREFIX)) {
                own(exchange, raw, head);
                return;
            }
            String path = decode(raw);
            if (path == null) {
                send(exchange, 400, "text/plain; charset=utf-8", bytes("bad request path\n"), head);
                return;
            }
            serveFile(exchange, raw, path, head);
        } catch (IOException | RuntimeException e) {
            // the browser went away mid-response; nothing to tell anyone
        }
    }

    private void own(HttpExchange exchange, String raw, boolean head) throws IOException {
        if (raw.equals(SCRIPT_PATH)) {
            send(exchange, 200, "text/javascript; charset=utf-8", script, head);
        } else if (raw.equals(CHANGES_PATH)) {
            int since = since(exchange.getRequestURI().getRawQuery());
            boolean waited = waiting.tryAcquire();
            State now = waited ? awaitChange(since) : state;
            // Too many open polls: answer now, and tell the script to wait before it asks again.
            String json = "{\"build\":" + now.build() + ",\"failed\":" + now.failed() + ",\"problems\":"
                + now.problems().size() + (waited ? "" : ",\"retry\":" + RETRY_MILLIS) + "}";
            send(exchange, 200, "application/json", bytes(json), head);
        } else {
            notFound(exchange, head);
        }
    }

    /** Waits for a build other than {@code since}; the caller holds a permit of {@code waiting}. */
    private State awaitChange(int since) {
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LONG_POLL_MILLIS);
            synchronized (changed) {
                while (state.build() == since && !closed) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        break;
                    }
                    changed.wait(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.release();
        }
        return state;
    }

    /** Names this server answers to: IP literals are always fine (no DNS, no rebinding). */
    private static java.util.Set<String> allowedHosts(InetSocketAddress address) {
        java.util.Set<String> names = new java.util.HashSet<>(List.of("localhost", "localhost."));
        names.add(address.getHostString().toLowerCase(Locale.ROOT));
        if (address.getAddress() != null && address.getAddress().isAnyLocalAddress()) {
            try {
                java.net.InetAddress local = java.net.InetAddress.getLocalHost();
                names.add(local.getHostName().toLowerCase(Locale.ROOT));
                names.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
            } catch (IOException e) {
                // no name for this machine: IP literals and localhost still work
            }
        }
        return java.util.Set.copyOf(names);
    }

    /** Whether a request's Host header names this machine; HTTP/1.0 clients may send none. */
    boolean hostAllowed(String host) {
        if (host == null) {
            return true;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end > 0 && isIpLiteral(name.substring(1, end));
        }
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        return isIpLiteral(name) || hosts.contains(name);
    }

    private static boolean isIpLiteral(String name) {
        if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return true;
        }
        return name.contains(":") && name.matches("[0-9a-f:.%a-z]+") && name.chars().filter(c -> c == ':').count() >= 2;
    }

    private static int since(String query) {
        if (query == null) {
            return -1;
        }
        for (String part : query.split("&")) {
            if (part.startsWith("since=")) {
                try {
                    return Integer.parseInt(part.substring(6));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private void serveFile(HttpExchange exchange, String raw, String path, boolean head) throws IOException {
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root)) {
            send(exchange, 400, "text/plain; charset=utf-8", bytes("bad request path\n"), head);
            return;
        }
        if (Files.isDirectory(file)) {
            if (!raw.endsWith("/")) {
                // relative links in the index page need the slash
                exchange.getResponseHeaders().set("Location", raw + "/");
                send(exchange, 301, "text/plain; charset=utf-8", bytes("moved\n"), head);
                return;
            }
            file = file.resolve("index.html");
        }
        byte[] body;
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(root.toRealPath()) || !Files.isRegularFile(real)) {
                notFound(exchange, head);
                return;
            }
            body = Files.readAllBytes(real);
        } catch (NoSuchFileException e) {
            notFound(exchange, head);
            return;
        } catch (IOException e) {
            notFound(exchange, head);       // unreadable, or replaced by a rebuild this instant
            return;
        }
        String type = contentType(file.getFileName().toString());
        if (type.startsWith("text/html")) {
            body = bytes(inject(new String(body, StandardCharsets.UTF_8)));
        }
        send(exchange, 200, type, body, head);
    }

    private void notFound(HttpExchange exchange, boolean head) throws IOException {
        String page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
            <body><h1>Not found</h1><p>This page is not in the baked site. <a href="/">Go to the start page</a>.</p>
            </body></html>
            """;
        send(exchange, 404, "text/html; charset=utf-8", bytes(inject(page)), head);
    }

    /** The page plus the reload script and, while there are problems, the overlay; before {@code </body>}. */
    String inject(String html) {
        State now = state;
        StringBuilder add = new StringBuilder();
        if (!now.problems().isEmpty()) {
            add.append("<div id=\"").append(OVERLAY_ID).append("\" role=\"alert\" style=\"position:fixed;left:0;right:0;")
                .append("bottom:0;max-height:45vh;overflow:auto;z-index:2147483647;margin:0;padding:10px 16px;")
                .append("background:#2d0f12;color:#ffe4e6;border-top:3px solid #e5484d;")
                .append("font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">")
                .append("<button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right\">hide</button>")
                .append("<strong>guide serve: ").append(now.problems().size())
                .append(now.problems().size() == 1 ? " problem" : " problems")
                .append(now.failed() ? "; pages with errors show their last good version" : "")
                .append("</strong><ul style=\"margin:6px 0 0;padding-left:18px\">");
            for (String problem : now.problems()) {
                add.append("<li>").append(escape(problem)).append("</li>");
            }
            add.append("</ul></div>\n");
        }
        add.append("<script src=\"").append(SCRIPT_PATH).append("\" data-build=\"").append(now.build())
            .append("\"></script>\n");
        int at = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        return at < 0 ? html + add : html.substring(0, at) + add + html.substring(at);
    }

    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals(".env") || lower.contains(".env.") || lower.endsWith(".env")) {
            return "text/plain; charset=utf-8";
        }
        int dot = lower.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(lower.substring(dot + 1));
        return type == null ? "application/octet-stream" : type;
    }

    /**
     * The request path, percent-decoded once, or {@code null} when it must be refused: not
     * absolute, badly encoded, not UTF-8, still encoded after decoding (double encoding), or with a
     * backslash, NUL or other control character, colon, empty, {@code .} or {@code ..} segment.
     */
    static String decode(String raw) {
        if (raw == null || !raw.startsWith("/")) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x21 || c > 0x7e) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        String path;
        try {
            path = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '%' || c == ':') {
                return null;
            }
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".") || s.equals("..") || (s.isEmpty() && !last)) {
                return null;
            }
        }
        return path;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean head) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        if (head) {
            headers.set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static byte[] loadScript() throws IOException {
        try (InputStream in = PreviewServer.class.getResourceAsStream("live-reload.js")) {
            if (in == null) {
                throw new IOException("live-reload.js is missing from the tool");
            }
            return in.readAllBytes();
        }
    }
}

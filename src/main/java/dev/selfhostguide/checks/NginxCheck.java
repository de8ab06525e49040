package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.Origin;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx blocks must pass a real {@code nginx -t}. A snippet of server/upstream/map blocks is
 * included into a minimal nginx.conf ({@code events {}}, {@code http { include ...; }}); a
 * location block is wrapped in a server block; a whole nginx.conf (top-level events or http) is
 * tested as it is. pid, logs and temp paths go to a fresh folder under the scratch dir, so it runs
 * as any user.
 *
 * <p>What is not the snippet's fault is neutralised in the tested copy, line for line so line
 * numbers stay true: upstream host names (compose service names that do not resolve on this
 * machine) become 127.0.0.1, certificate paths point at a throwaway self-signed pair, ssl_dhparam
 * is dropped, and log and cache paths move into the scratch folder.
 */
public final class NginxCheck implements Check {

    public static final String ID = "nginx";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern FULL_CONFIG = Pattern.compile("(?m)^\\s*(events|http)\\s*\\{");
    private static final Pattern LOCATION_ONLY = Pattern.compile("^(\\s*#[^\\n]*\\n|\\s*\\n)*\\s*location\\s");
    private static final Pattern ERROR = Pattern.compile("nginx: \\[emerg\\] (.*?)(?: in (\\S+?):(\\d+))?$");
    /** load_module of a .so this machine does not have: nginx -t's dlopen failure. */
    /** nginx -t messages about a file or host name of the server the config is deployed on, not about the config. */
    private static final Pattern ABSENT_HERE = Pattern.compile(
        "\\(2: No such file or directory\\)|\\(13: Permission denied\\)|host not found in |cannot load certificate|BIO_new_file");
    private static final Pattern MISSING_MODULE = Pattern.compile("dlopen\\(\\) \"([^\"]+)\" failed \\([^)]*No such file");
    private static final Pattern UNKNOWN_VARIABLE = Pattern.compile("unknown \"([^\"]+)\" variable");
    private static final Pattern UPSTREAM_SERVER = Pattern.compile("(\\bserver\\s+)([A-Za-z][A-Za-z0-9.-]*)(?=[:;\\s])");
    private static final Pattern PROXY_HOST = Pattern.compile("(\\b(?:proxy_pass|grpc_pass)\\s+(?:https?|grpcs?)://)([A-Za-z][A-Za-z0-9.-]*)(?=[:/;\\s])");
    /** Directives Debian's nginx 1.22 does not know yet, and the release that added them. */
    private static final java.util.Map<String, String> NEWER_DIRECTIVES = java.util.Map.of(
        "http2", "nginx 1.25.1", "http3", "nginx 1.25.0", "quic_retry", "nginx 1.25.0", "quic_gso", "nginx 1.25.0",
        "quic_host_key", "nginx 1.25.0", "quic_bpf", "nginx 1.25.0", "http3_hq", "nginx 1.25.0");
    private static final Pattern NEWER = Pattern.compile("unknown directive \"(" + String.join("|", NEWER_DIRECTIVES.keySet())
        + ")\" in (\\S+?):(\\d+)");
    private static final Pattern UPSTREAM_NAME = Pattern.compile("\\bupstream\\s+([A-Za-z0-9_.-]+)\\s*\\{");
    /** An include by a path relative to the conf dir, no wildcard: the only kind a stock file is included by. */
    private static final Pattern RELATIVE_INCLUDE = Pattern.compile("(?m)^\\s*include\\s+([A-Za-z0-9_.-]+)\\s*;");
    /**
     * Files every nginx package ships next to nginx.conf (upstream's conf/ folder, plus Debian's
     * proxy_params): a config that includes them is written for a server that has them, and the
     * scratch conf dir nginx -t runs in does not.
     */
    private static final Set<String> STOCK_FILES = Set.of("mime.types", "fastcgi_params", "fastcgi.conf", "proxy_params",
        "uwsgi_params", "scgi_params", "koi-utf", "koi-win", "win-utf");
    /** An envsubst placeholder: what the official nginx image substitutes in /etc/nginx/templates/*.template. */
    private static final Pattern ENVSUBST = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)\\}|\\$([A-Z_][A-Z0-9_]*)\\b");
    private static final String ENVSUBST_NOTE = "a placeholder envsubst fills in when the nginx image renders a *.template";
    /** Where this machine's nginx keeps its conf files (nginx -V's --conf-path), asked once per process. */
    private static volatile Optional<Path> localConfDir;

    static final Tools.Program NGINX = new Tools.Program("nginx", "not tested with nginx -t", "apt-get install nginx");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.NGINX);
    }

    @Override
    public Role role() {
        return Role.SYNTAX;
    }

    @Override
    public List<Tools.Program> programs() {
        return List.of(NGINX);
    }

    @Override
    public Set<FileKind> serves() {
        return Set.of(FileKind.NGINX);
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.NGINX, Map.of(), "server {\n    listen 8080;\n    location / {\n        return 204;\n    }\n}\n");
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.NGINX, Map.of(), "server {\n    listen 8080;\n    proxy_pas http://127.0.0.1:8003;\n}\n", 3);
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        Tools tools = context.tools();
        if (!tools.has(NGINX)) {
            return findings;
        }
        Path dir;
        try {
            dir = Files.createDirectories(context.scratch().resolve("nginx-" + UUID.randomUUID()));
            Files.createDirectories(dir.resolve("logs"));
        } catch (IOException e) {
            findings.add(Finding.warning(snippet, 1, ID, "not run: cannot create a scratch folder: " + e.getMessage()));
            return findings;
        }
        // The user workers run as exists where the config is deployed, not necessarily here;
        // without the line nginx -t runs as this user, which tests everything else the same.
        Set<Integer> standIns = new TreeSet<>();
        String source = isTemplate(snippet) ? withStandIns(snippet.text(), standIns) : snippet.text();
        String text = testable(source, dir, tools).replaceAll("(?m)^(\\s*)user(\\s+[^;#\\n]*;)", "$1# user$2");
        if (!standIns.isEmpty()) {
            findings.add(Finding.warning(snippet, standIns.iterator().next(), ID, "tested with stand-in values for $NAME/${NAME}"
                + " on " + standIns.size() + " line(s): each is " + ENVSUBST_NOTE + ", not an nginx variable; make sure the"
                + " container's environment sets them, or envsubst leaves them for nginx to reject"));
        }
        stockFiles(text, dir, tools);
        boolean full = FULL_CONFIG.matcher(text).find();
        Path snippetFile = dir.resolve("snippet.conf");
        Path main = full ? snippetFile : dir.resolve("nginx.conf");
        try {
            if (!full && LOCATION_ONLY.matcher(text).find()) {
                text = "server { " + text + "\n}\n";
            }
            Files.writeString(snippetFile, text, StandardCharsets.UTF_8);
            if (!full) {
                Files.writeString(main, wrapper(dir, snippetFile), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            findings.add(Finding.warning(snippet, 1, ID, "not run: cannot write the config: " + e.getMessage()));
            return findings;
        }
        List<String> command = new ArrayList<>(List.of(tools.find("nginx").get().toString(), "-t", "-q",
            "-p", dir + "/", "-c", main.toString(), "-e", dir.resolve("logs/error.log").toString()));
        if (full && !Pattern.compile("(?m)^\\s*pid\\s").matcher(text).find()) {
            command.addAll(List.of("-g", "pid " + dir.resolve("nginx.pid") + ";"));
        }
        Tools.Result r = tools.run(command, null, TIMEOUT, dir);
        // A directive newer than the nginx on this machine is not the snippet's fault: comment
        // that line out in the tested copy, say so in a warning, and test the rest.
        for (int attempt = 0; attempt < 5 && !r.ok() && !r.timedOut(); attempt++) {
            Matcher newer = NEWER.matcher(r.stderr());
            if (!newer.find() || !Path.of(newer.group(2)).equals(snippetFile)) {
                break;
            }
            int at = Integer.parseInt(newer.group(3));
            findings.add(Finding.warning(snippet, Math.min(at, Math.max(1, snippet.lineCount())), ID, "not tested: \""
                + newer.group(1) + "\" is newer than this machine's nginx (" + NEWER_DIRECTIVES.get(newer.group(1)) + ")"));
            try {
                List<String> lines = new ArrayList<>(List.of(Files.readString(snippetFile).split("\n", -1)));
                lines.set(at - 1, "# " + lines.get(at - 1).replace(";", ""));
                Files.writeString(snippetFile, String.join("\n", lines));
            } catch (IOException | IndexOutOfBoundsException e) {
                break;
            }
            r = tools.run(command, null, TIMEOUT, dir);
        }
        if (r.ok()) {
            return findings;
        }
        if (r.timedOut()) {
            findings.add(Origin.notChecked(snippet, 1, ID, "nginx -t did not finish within 5 s"));
            return findings;
        }
        for (String line : r.stderr().split("\n")) {
            Matcher m = ERROR.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            String message = m.group(1);
            int at = 1;
            if (m.group(2) != null && Path.of(m.group(2)).equals(snippetFile)) {
                at = Integer.parseInt(m.group(3));
            }
            if (standIns.contains(at)) {
                // The stand-in, not the reader's value, may be what nginx rejects there.
                findings.add(Finding.warning(snippet, at, ID, "not fully checked here: nginx -t rejects this line with a"
                    + " stand-in for its envsubst placeholder (" + withoutScratch(message, dir, snippetFile)
                    + "); check it with the value the container's environment gives"));
                return findings;
            }
            Matcher module = MISSING_MODULE.matcher(message);
            if (module.find()) {
                // load_module names a file of the server the config is deployed on; its absence here
                // says nothing about the config, but nginx -t stops at it, so what follows is untested.
                findings.add(Finding.warning(snippet, Math.max(1, Math.min(at, Math.max(1, snippet.lineCount()))), ID,
                    "not fully checked here: module " + Path.of(module.group(1)).getFileName() + " is not installed on this"
                    + " machine, so nginx -t stopped at its load_module line; install the module here to have the rest tested"));
                return findings;
            }
            if (at == 1) {
                Matcher v = UNKNOWN_VARIABLE.matcher(message);
                if (v.find()) {
                    at = lineOf(snippet.text(), "$" + v.group(1));
                    at = at > 1 ? at : lineOf(snippet.text(), "${" + v.group(1) + "}");
                    message += " (nginx variable names are lower case and built in or set by set/map; a $NAME meant for"
                        + " envsubst must be replaced before nginx reads the file)";
                }
            }
            if (Origin.reader(snippet) && ABSENT_HERE.matcher(message).find()) {
                // A file or host of the reader's server (an include, a password file, an upstream's
                // address) that this machine lacks: the config may well be right there.
                findings.add(Origin.notChecked(snippet, Math.max(1, Math.min(at, Math.max(1, snippet.lineCount()))), ID,
                    "nginx -t stopped here because this machine lacks what the line names ("
                        + withoutScratch(message, dir, snippetFile) + "); what follows it is untested"));
                return findings;
            }
            findings.add(Finding.error(snippet, Math.max(1, Math.min(at, Math.max(1, snippet.lineCount()))), ID,
                "nginx -t: " + withoutScratch(message, dir, snippetFile)));
            return findings; // nginx stops at the first error
        }
        findings.add(Origin.notChecked(snippet, 1, ID, "nginx -t failed: " + withoutScratch(r.stderr().strip(), dir, snippetFile)));
        return findings;
    }

    /** A *.template of the official nginx image, which runs envsubst over it before nginx reads it. */
    static boolean isTemplate(Snippet snippet) {
        Path name = snippet.file() == null ? null : snippet.file().getFileName();
        return name != null && name.toString().endsWith(".template");
    }

    /**
     * The template as envsubst would leave it, line for line: each placeholder becomes a port
     * where a port is expected (listen, or after a colon) and a plain word elsewhere. The lines
     * changed are added to {@code changed}.
     */
    static String withStandIns(String text, Set<Integer> changed) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            boolean listen = line.strip().startsWith("listen");
            Matcher m = ENVSUBST.matcher(line);
            StringBuilder sb = new StringBuilder();
            boolean any = false;
            while (m.find()) {
                any = true;
                boolean port = listen || (m.start() > 0 && line.charAt(m.start() - 1) == ':');
                m.appendReplacement(sb, port ? "8080" : "envsubst");
            }
            if (any) {
                m.appendTail(sb);
                lines[i] = sb.toString();
                changed.add(i + 1);
            }
        }
        return String.join("\n", lines);
    }

    /**
     * Puts the stock files the config includes by relative name into the scratch conf dir: this
     * machine's copies where it has them, else an empty file, since what they hold is not the
     * reader's to get wrong.
     */
    private static void stockFiles(String text, Path dir, Tools tools) {
        Matcher m = RELATIVE_INCLUDE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            Path target = dir.resolve(name);
            if (!STOCK_FILES.contains(name) || Files.exists(target)) {
                continue;
            }
            try {
                Optional<Path> local = confDir(tools).map(d -> d.resolve(name)).filter(Files::isRegularFile);
                if (local.isPresent()) {
                    Files.copy(local.get(), target);
                } else {
                    Files.writeString(target, "# " + name + ": not on this machine\n");
                }
            } catch (IOException e) {
                return; // nginx -t then names the file it could not open
            }
        }
    }

    private static Optional<Path> confDir(Tools tools) {
        Optional<Path> known = localConfDir;
        if (known == null) {
            known = tools.find("nginx").flatMap(nginx -> {
                Tools.Result r = tools.run(List.of(nginx.toString(), "-V"), null, TIMEOUT, null);
                Matcher c = Pattern.compile("--conf-path=(\\S+)").matcher(r.stdout() + r.stderr());
                return c.find() ? Optional.ofNullable(Path.of(c.group(1)).getParent()) : Optional.empty();
            });
            localConfDir = known;
        }
        return known;
    }

    /**
     * nginx names files by the paths it was given, all in this run's scratch folder, which is gone
     * when the reader reads the message: the copy of the file is the file, the rest is relative.
     */
    static String withoutScratch(String message, Path dir, Path snippetFile) {
        return message.replace(snippetFile.toString(), "this file").replace(dir + "/", "").replace(dir.toString(), ".");
    }

    private static String wrapper(Path dir, Path snippetFile) {
        String d = dir.toString();
        return "pid " + d + "/nginx.pid;\n"
            + "events {}\n"
            + "http {\n"
            + "  access_log " + d + "/logs/access.log;\n"
            + "  client_body_temp_path " + d + "/client_body;\n"
            + "  proxy_temp_path " + d + "/proxy;\n"
            + "  fastcgi_temp_path " + d + "/fastcgi;\n"
            + "  uwsgi_temp_path " + d + "/uwsgi;\n"
            + "  scgi_temp_path " + d + "/scgi;\n"
            + "  include " + snippetFile + ";\n"
            + "}\n";
    }

    /** The snippet with what is not its fault neutralised, one line for one line. */
    static String testable(String text, Path dir, Tools tools) {
        List<String> upstreams = new ArrayList<>();
        Matcher u = UPSTREAM_NAME.matcher(text);
        while (u.find()) {
            upstreams.add(u.group(1));
        }
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        boolean certs = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip().toLowerCase(Locale.ROOT);
            if (trimmed.startsWith("ssl_certificate ") || trimmed.startsWith("ssl_certificate_key ")
                || trimmed.startsWith("ssl_trusted_certificate ") || trimmed.startsWith("ssl_client_certificate ")) {
                certs = true;
                String directive = line.strip().split("\\s+")[0];
                line = "    " + directive + " " + dir.resolve(directive.equals("ssl_certificate_key") ? "test.key" : "test.crt") + ";";
            } else if (trimmed.startsWith("ssl_dhparam ")) {
                line = "    # ssl_dhparam not tested";
            } else if (trimmed.matches("(access_log|error_log)\\s+/.*")) {
                line = line.replaceFirst("(access_log|error_log)\\s+/[^\\s;]+", "$1 " + dir.resolve("logs/snippet.log"));
            } else if (trimmed.matches("proxy_cache_path\\s+/.*")) {
                line = line.replaceFirst("proxy_cache_path\\s+/[^\\s;]+", "proxy_cache_path " + dir.resolve("cache"));
            }
            // A server of an upstream block is a host, even when it shares the block's name
            // (upstream api { server api:8080; }, the usual compose pattern).
            line = replaceHosts(line, UPSTREAM_SERVER, List.of());
            line = replaceHosts(line, PROXY_HOST, upstreams);
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        if (certs) {
            selfSignedPair(dir, tools);
        }
        return out.toString();
    }

    private static String replaceHosts(String line, Pattern pattern, List<String> upstreams) {
        Matcher m = pattern.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String host = m.group(2);
            boolean keep = upstreams.contains(host) || host.equals("localhost") || host.matches("[\\d.]+");
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + (keep ? host : "127.0.0.1")));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static void selfSignedPair(Path dir, Tools tools) {
        tools.find("openssl").ifPresent(openssl -> tools.run(List.of(openssl.toString(), "req", "-x509", "-newkey", "ec",
            "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=nginx-check", "-days", "1",
            "-keyout", dir.resolve("test.key").toString(), "-out", dir.resolve("test.crt").toString()), null, TIMEOUT, dir));
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT))) {
                return i + 1;
            }
        }
        return 1;
    }
}

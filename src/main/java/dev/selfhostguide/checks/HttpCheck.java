package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.facts.Endpoints;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every {@code curl} in a shell block must call something the reference deployment has: a
 * loopback, deployment or placeholder host; a port of content/data/deployment.yml (upstream's
 * default for a moved component is an error unless the block says {@code ports=upstream}); a path
 * the endpoint catalog (content/data/endpoints.yml) lists for that port, with that method; and a
 * JSON body that parses (an OTLP/JSON trace body must also have the structure a collector takes).
 *
 * <p>This check applies to bash/sh/shell blocks that contain {@code curl} by itself, rather than
 * being called from the shell check: each check stays small, runs in parallel, and its findings
 * carry its own id ({@code [http]}). Findings are reported at the line of the URL, even when the
 * command is continued over several lines with backslashes; body errors at the body's line.
 */
public final class HttpCheck implements Check {

    public static final String ID = "http";

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "0.0.0.0");
    /** curl options that take an argument (the next word, or the rest of a short-option cluster). */
    private static final Set<String> WITH_ARGUMENT = Set.of("-X", "--request", "-d", "--data", "--data-raw",
        "--data-binary", "--data-ascii", "--data-urlencode", "--json", "-H", "--header", "-o", "--output", "-u", "--user",
        "-A", "--user-agent", "-e", "--referer", "-b", "--cookie", "-c", "--cookie-jar", "-m", "--max-time",
        "--connect-timeout", "--retry", "--retry-delay", "--retry-max-time", "-w", "--write-out", "-F", "--form",
        "--url", "-T", "--upload-file", "--cacert", "--cert", "--key", "-x", "--proxy", "--resolve", "-K", "--config",
        "-r", "--range", "-z", "--time-cond", "--limit-rate", "--max-redirs", "--unix-socket", "--interface",
        "--oauth2-bearer", "-E", "--capath", "-Y", "-y", "--expect100-timeout", "--form-string", "--noproxy");
    private static final String SHORT_WITH_ARGUMENT = "XdHouAebcmwFTExKrzYy";
    private static final Set<String> DATA = Set.of("-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--json");
    private static final Pattern URL = Pattern.compile(
        "^(?:(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://)?(?:[^@/?#]*@)?(?<host>\\[[^\\]]*\\]|[^:/?#]*)(?::(?<port>[^/?#]*))?(?<path>/[^?#]*)?(?:\\?[^#]*)?(?:#.*)?$");
    private static final Pattern PLACEHOLDER_HOST = Pattern.compile("<[^>]+>|\\$\\{[^}]+\\}|\\$[A-Za-z_][A-Za-z0-9_]*|\\{[^}]+\\}");

    /** One curl invocation: method, URL word and the request bodies with their first lines. */
    record Curl(String method, ShellWords.Word url, List<ShellWords.Word> bodies, boolean jsonBody) { }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.SHELL);
    }

    @Override
    public Role role() {
        return Role.RULE;
    }

    @Override
    public Set<FileKind> serves() {
        return Set.of(FileKind.SHELL);
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.SHELL, Map.of(), "curl --silent --show-error http://127.0.0.1:8003/health\n");
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.SHELL, Map.of(), "echo checking\ncurl --silent http://127.0.0.1:8003/healthz\n", 2);
    }

    @Override
    public boolean appliesTo(Snippet snippet) {
        return Check.super.appliesTo(snippet) && snippet.text().contains("curl");
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        PortRules ports = new PortRules(context.catalog());
        boolean upstreamAllowed = "upstream".equals(snippet.attribute("ports").orElse(""));
        for (ShellWords.Command command : ShellWords.commands(snippet.text())) {
            Optional<Curl> curl = parse(command);
            if (curl.isEmpty()) {
                continue;
            }
            Curl c = curl.get();
            if (c.url() == null) {
                // curl -K FILE or a .curlrc can supply the URL of a reader's script.
                int line = command.words().get(0).line();
                findings.add(Origin.advice(snippet, line, ID, "curl without a URL"));
            } else if (!Origin.reader(snippet) || Origin.guideProfile(snippet)) {
                // A reader's script calls the hosts, ports and paths of their own deployment: held to
                // the guide's reference deployment only when they ask for it (--profile guide).
                checkUrl(snippet, context.catalog(), ports, upstreamAllowed, c, findings);
            }
            for (ShellWords.Word body : c.bodies()) {
                String text = body.text();
                if (c.jsonBody() || text.strip().startsWith("{") || text.strip().startsWith("[")) {
                    findings.addAll(JsonFindings.of(snippet, withoutExpansions(text), body.line(), ID));
                }
            }
        }
        return findings;
    }

    /** Reads a command's curl options; empty when the command is not a curl call. */
    static Optional<Curl> parse(ShellWords.Command command) {
        List<ShellWords.Word> words = command.words();
        int i = 0;
        while (i < words.size() && (words.get(i).text().matches("[A-Za-z_][A-Za-z0-9_]*=.*")
            || Set.of("sudo", "time", "command", "exec", "env").contains(words.get(i).text()))) {
            i++;
        }
        if (i >= words.size() || !words.get(i).text().equals("curl")) {
            return Optional.empty();
        }
        String method = null;
        boolean head = false;
        boolean get = false;
        boolean json = false;
        ShellWords.Word url = null;
        List<ShellWords.Word> bodies = new ArrayList<>();
        for (i = i + 1; i < words.size(); i++) {
            ShellWords.Word w = words.get(i);
            String t = w.text();
            String option = t;
            String value = null;
            ShellWords.Word valueWord = null;
            if (t.startsWith("--") && t.contains("=")) {
                option = t.substring(0, t.indexOf('='));
                value = t.substring(t.indexOf('=') + 1);
                valueWord = new ShellWords.Word(value, w.line());
            } else if (t.startsWith("-") && !t.startsWith("--") && t.length() > 2) {
                // a cluster of short options such as -sSf, or -XPOST / -d@file
                for (int k = 1; k < t.length(); k++) {
                    char letter = t.charAt(k);
                    if (letter == 'I') {
                        head = true;
                    } else if (letter == 'G') {
                        get = true;
                    }
                    if (SHORT_WITH_ARGUMENT.indexOf(letter) >= 0) {
                        option = "-" + letter;
                        if (k + 1 < t.length()) {
                            value = t.substring(k + 1);
                            valueWord = new ShellWords.Word(value, w.line());
                        }
                        break;
                    }
                    option = null;
                }
                if (option == null) {
                    continue;
                }
            }
            if (option.startsWith("<<")) {
                continue;
            }
            if (option.equals("-I") || option.equals("--head")) {
                head = true;
                continue;
            }
            if (option.equals("-G") || option.equals("--get")) {
                get = true;
                continue;
            }
            if (WITH_ARGUMENT.contains(option)) {
                if (value == null) {
                    if (i + 1 >= words.size()) {
                        break;
                    }
                    valueWord = words.get(++i);
                    value = valueWord.text();
                }
                switch (option) {
                    case "-X", "--request" -> method = value.toUpperCase(Locale.ROOT);
                    case "--url" -> url = valueWord;
                    case "-H", "--header" -> {
                        if (value.toLowerCase(Locale.ROOT).matches("content-type:\\s*application/json.*")) {
                            json = true;
                        }
                    }
                    default -> {
                        if (DATA.contains(option)) {
                            if (option.equals("--json")) {
                                json = true;
                            }
                            if (value.equals("@-") && command.heredoc() != null) {
                                bodies.add(new ShellWords.Word(command.heredoc(), command.heredocLine()));
                            } else if (!value.startsWith("@")) {
                                bodies.add(valueWord);
                            }
                            if (method == null && !get) {
                                method = "POST";
                            }
                        }
                    }
                }
                continue;
            }
            if (t.startsWith("-") || t.startsWith(">") || t.startsWith("<") || t.matches("\\d?>.*")) {
                continue;
            }
            if (url == null) {
                url = w;
            }
        }
        if (get) {
            method = "GET";
        } else if (method == null) {
            method = head ? "HEAD" : "GET";
        }
        return Optional.of(new Curl(method, url, bodies, json));
    }

    private void checkUrl(Snippet snippet, Catalog catalog, PortRules ports, boolean upstreamAllowed, Curl c,
                          List<Finding> findings) {
        String raw = c.url().text();
        int line = c.url().line();
        Matcher m = URL.matcher(raw);
        if (!m.matches()) {
            findings.add(Finding.error(snippet, line, ID, "cannot read the URL '" + raw + "'"));
            return;
        }
        String scheme = m.group("scheme") == null ? "http" : m.group("scheme").toLowerCase(Locale.ROOT);
        String host = m.group("host");
        String portText = m.group("port");
        String path = m.group("path") == null || m.group("path").isEmpty() ? "/" : m.group("path");

        String bareHost = host.length() > 1 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean placeholder = PLACEHOLDER_HOST.matcher(host).find();
        if (!LOOPBACK.contains(bareHost) && !placeholder && !catalog.hosts().containsValue(bareHost)
            && !catalog.services().containsValue(bareHost)) {
            findings.add(Finding.error(snippet, line, ID, "host '" + host + "' in " + raw + " is not loopback, a host or service of"
                + " the reference deployment (content/data/deployment.yml), or a placeholder such as <your-host>"));
        }
        int port;
        if (portText == null || portText.isEmpty()) {
            port = scheme.equals("https") ? 443 : 80;
        } else if (portText.matches("\\d{1,5}")) {
            port = Integer.parseInt(portText);
        } else {
            return; // a port from a variable or placeholder: nothing to compare
        }
        PortRules.Verdict verdict = ports.judge(port, upstreamAllowed);
        if (!verdict.ok()) {
            findings.add(Finding.error(snippet, line, ID, "in " + raw + ": " + verdict.message()));
            if (verdict.kind() == PortRules.Kind.UNKNOWN) {
                return;
            }
        }
        if (verdict.port().isEmpty() || PLACEHOLDER_HOST.matcher(path).find()) {
            return;
        }
        checkPath(snippet, catalog, verdict.port().get(), c.method(), path, raw, line, findings);
    }

    private void checkPath(Snippet snippet, Catalog catalog, Catalog.Port port, String method, String path, String raw,
                           int line, List<Finding> findings) {
        List<Endpoints.Endpoint> forPort = catalog.endpoints().onPort(port.id());
        if (forPort.isEmpty()) {
            return; // the catalog lists no endpoints for this port (e.g. Supabase's): nothing to compare
        }
        List<String> methods = new ArrayList<>();
        for (Endpoints.Endpoint endpoint : forPort) {
            if (pathMatches(endpoint.path(), path)) {
                String m = endpoint.method();
                if (m.equalsIgnoreCase(method) || ("HEAD".equals(method) && "GET".equalsIgnoreCase(m))) {
                    return;
                }
                methods.add(m);
            }
        }
        String who = port.component().isEmpty() ? port.id() : port.component();
        if (!methods.isEmpty()) {
            findings.add(Finding.error(snippet, line, ID, method + " " + path + " is not an endpoint of the " + who
                + " (content/data/endpoints.yml has " + String.join(", ", methods) + " " + path + ")"));
        } else {
            List<String> known = forPort.stream().map(e -> e.method() + " " + e.path()).distinct().toList();
            findings.add(Finding.error(snippet, line, ID, "path " + path + " in " + raw + " is not an endpoint of the " + who
                + " on port " + port.reference() + " (content/data/endpoints.yml lists " + String.join(", ", known) + ")"));
        }
    }

    /** A catalog path with {@code {name}} segments against a concrete path. */
    static boolean pathMatches(String template, String path) {
        String regex = Pattern.quote(template).replaceAll("\\{[^}]+\\}", "\\\\E[^/]+\\\\Q");
        return path.matches(regex);
    }

    /**
     * Replaces shell expansions ($VAR, ${VAR}, $(cmd)) in a body so the JSON can still be parsed:
     * inside a JSON string by a marker, outside by a quoted marker. OTLP rules skip marked values.
     */
    static String withoutExpansions(String body) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\\' && inString && i + 1 < body.length()) {
                out.append(c).append(body.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                inString = !inString;
                out.append(c);
                i++;
                continue;
            }
            if (c == '$' && i + 1 < body.length()) {
                int end = expansionEnd(body, i);
                if (end > i + 1) {
                    out.append(inString ? ShellWords.EXPANSION : "\"" + ShellWords.EXPANSION + "\"");
                    i = end;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static int expansionEnd(String s, int i) {
        char next = s.charAt(i + 1);
        if (next == '{' || next == '(') {
            char close = next == '{' ? '}' : ')';
            int depth = 0;
            for (int k = i + 1; k < s.length(); k++) {
                if (s.charAt(k) == next) {
                    depth++;
                } else if (s.charAt(k) == close && --depth == 0) {
                    return k + 1;
                }
            }
            return i + 1;
        }
        int k = i + 1;
        while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
            k++;
        }
        return k;
    }
}

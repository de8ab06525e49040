package dev.selfhostguide.doctor;

import dev.selfhostguide.checks.FileKind;
import dev.selfhostguide.checks.NeighbourFacts;
import dev.selfhostguide.checks.support.EditDistance;
import dev.selfhostguide.checks.support.StrictYaml;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.facts.Variables;
import dev.selfhostguide.snippets.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The checks no single file can answer: the reader's files against each other. Compose files
 * are read with the .env that docker compose would interpolate into them (the root .env), so a
 * {@code ${VAR}} means what it will mean when the stack starts.
 * <ul>
 * <li>Host ports: two services (in any of the compose files, or a neighbour's .env such as
 *     Supabase's {@code KONG_HTTP_PORT}) that publish the same host port cannot both start.</li>
 * <li>Host names: a URL or {@code proxy_pass} naming a single-label host that is no service,
 *     container name, host name or alias of the compose files does not resolve in the stack.</li>
 * <li>Shared secrets: a value compose hands to both the API and the collector (variables.yml
 *     {@code passes_to}, e.g. JWT_SECRET_KEY as the collector's JWT_SECRET) must arrive equal and
 *     not empty at both, or the collector rejects what the API signs.</li>
 * </ul>
 */
final class Wiring {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern URL_HOST = Pattern.compile("\\b(?:https?|grpc|tcp|redis|postgres(?:ql)?|clickhouse)://(?:[^@/\\s]*@)?([A-Za-z0-9_.-]+)(?::(\\d+))?");
    private static final Pattern NGINX_HOST = Pattern.compile("^\\s*(?:proxy_pass|grpc_pass|fastcgi_pass|uwsgi_pass)\\s+(?:[a-z]+://)?([A-Za-z0-9_.-]+)(?::(\\d+))?"
        + "|^\\s*server\\s+([A-Za-z0-9_.-]+):(\\d+)");
    /** A URL whose host is {NAME} with no $ in front (postgresql://user:pw@{DB_HOST}:5432). */
    private static final Pattern BRACE_HOST = Pattern.compile("(?:://|@)\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    private static final Pattern NGINX_UPSTREAM = Pattern.compile("^\\s*upstream\\s+([A-Za-z0-9_.-]+)\\s*\\{", Pattern.MULTILINE);

    /** One published host port. */
    record Published(String owner, String file, int line, String ip, int port, String protocol) { }

    /** One environment entry of a compose service. */
    record EnvEntry(String service, String name, String raw, int line) { }

    private final List<ReaderFile> files;
    private final Catalog catalog;
    private final NeighbourFacts neighbours;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, ReaderFile> serviceFile = new LinkedHashMap<>();
    private final Map<String, Integer> serviceLine = new LinkedHashMap<>();
    private final Set<String> names = new LinkedHashSet<>();
    private final List<Published> published = new ArrayList<>();
    private final List<EnvEntry> environment = new ArrayList<>();
    private final Map<EnvEntry, ReaderFile> environmentFile = new LinkedHashMap<>();

    Wiring(List<ReaderFile> files, Catalog catalog) {
        this.files = files;
        this.catalog = catalog;
        this.neighbours = NeighbourFacts.of(catalog);
    }

    List<Finding> check() {
        for (ReaderFile f : files) {
            if (f.isEnv() && f.component().equals("compose")) {
                env.putAll(dotenv(f.text()));
            }
        }
        for (ReaderFile f : files) {
            if (f.kind() == FileKind.COMPOSE) {
                readCompose(f);
                if (StrictYaml.parse(f.text()).documents().stream().anyMatch(d -> StrictYaml.get(d, "include").isPresent())) {
                    // upstream's app/compose.yaml include:s the collector's file, whose services join the stack
                    names.addAll(catalog.compose().services().keySet());
                }
            }
        }
        ports();
        if (!serviceFile.isEmpty()) {
            hostNames();
        }
        sharedSecrets();
        if (!env.isEmpty()) {
            unset();
        }
        return findings;
    }

    /**
     * With the root .env in hand: a {@code ${VAR}} of a compose file that it does not set, and
     * that has no default, becomes an empty string (compose only warns). The shell that runs
     * compose may export it, so this is advice.
     */
    private void unset() {
        Set<String> told = new LinkedHashSet<>();
        for (EnvEntry e : environment) {
            Matcher m = INTERPOLATION.matcher(e.raw());
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(4);
                if (m.group(2) == null && !env.containsKey(name) && told.add(name)) {
                    ReaderFile f = environmentFile.get(e);
                    findings.add(new Finding(f.path(), e.line(), "doctor", Finding.Severity.WARNING, "${" + name
                        + "} is set in none of the .env files checked with it, so docker compose passes service '" + e.service()
                        + "' an empty " + e.name() + " unless the shell exports it; set " + name + " in the .env"));
                }
            }
        }
    }

    // ---- reading -------------------------------------------------------------------------

    /** NAME=value of a .env, quotes removed: enough to interpolate and compare. */
    static Map<String, String> dotenv(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$").matcher(line);
            if (!m.matches()) {
                continue;
            }
            String v = m.group(2).strip();
            if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.indexOf(v.charAt(0), 1) > 0) {
                v = v.substring(1, v.indexOf(v.charAt(0), 1));
            } else if (v.contains(" #")) {
                v = v.substring(0, v.indexOf(" #")).strip();
            }
            values.put(m.group(1), v);
        }
        return values;
    }

    private void readCompose(ReaderFile f) {
        StrictYaml.Parsed parsed = StrictYaml.parse(f.text());
        for (Node document : parsed.documents()) {
            Optional<Node> services = StrictYaml.get(document, "services");
            if (services.isEmpty() || !(services.get() instanceof MappingNode)) {
                continue;
            }
            for (Map.Entry<String, NodeTuple> s : StrictYaml.entries(services.get()).entrySet()) {
                String service = s.getKey();
                serviceFile.putIfAbsent(service, f);
                serviceLine.putIfAbsent(service, StrictYaml.line(s.getValue().getKeyNode()));
                names.add(service);
                Node def = s.getValue().getValueNode();
                for (String key : List.of("container_name", "hostname")) {
                    StrictYaml.get(def, key).flatMap(StrictYaml::scalar).ifPresent(v -> names.add(interpolate(v).orElse(v)));
                }
                StrictYaml.get(def, "networks").ifPresent(networks -> {
                    if (networks instanceof MappingNode) {
                        for (NodeTuple n : StrictYaml.entries(networks).values()) {
                            StrictYaml.get(n.getValueNode(), "aliases")
                                .ifPresent(a -> StrictYaml.items(a).forEach(i -> StrictYaml.scalar(i).ifPresent(names::add)));
                        }
                    }
                });
                StrictYaml.get(def, "extra_hosts").ifPresent(hosts -> {
                    for (Node h : StrictYaml.items(hosts)) {
                        StrictYaml.scalar(h).ifPresent(v -> names.add(v.split("[:=]")[0].strip()));
                    }
                    if (hosts instanceof MappingNode) {
                        names.addAll(StrictYaml.entries(hosts).keySet());
                    }
                });
                String mode = StrictYaml.get(def, "network_mode").flatMap(StrictYaml::scalar).orElse("");
                if (!mode.equals("host")) {
                    StrictYaml.get(def, "ports").ifPresent(p -> readPorts(f, service, p));
                }
                StrictYaml.get(def, "environment").ifPresent(e -> readEnvironment(f, service, e));
            }
        }
    }

    private void readPorts(ReaderFile f, String service, Node ports) {
        for (Node item : StrictYaml.items(ports)) {
            if (item instanceof ScalarNode scalar) {
                Optional<String> spec = interpolate(scalar.getValue().strip());
                if (spec.isEmpty()) {
                    continue;
                }
                String text = spec.get();
                String protocol = "tcp";
                int slash = text.lastIndexOf('/');
                if (slash >= 0) {
                    protocol = text.substring(slash + 1).toLowerCase(Locale.ROOT);
                    text = text.substring(0, slash);
                }
                String ip = "";
                if (text.startsWith("[")) {
                    int close = text.indexOf("]:");
                    if (close < 0) {
                        continue;
                    }
                    ip = text.substring(1, close);
                    text = text.substring(close + 2);
                }
                String[] parts = text.split(":");
                String host = parts.length == 3 ? parts[1] : parts.length == 2 ? parts[0] : "";
                if (parts.length == 3) {
                    ip = parts[0];
                }
                if (host.matches("\\d{1,5}")) {
                    published.add(new Published("service '" + service + "'", f.shown(), StrictYaml.line(item), ip,
                        Integer.parseInt(host), protocol));
                }
            } else if (item instanceof MappingNode) {
                String host = StrictYaml.get(item, "published").flatMap(StrictYaml::scalar).flatMap(this::interpolate).orElse("");
                String ip = StrictYaml.get(item, "host_ip").flatMap(StrictYaml::scalar).orElse("");
                String protocol = StrictYaml.get(item, "protocol").flatMap(StrictYaml::scalar).orElse("tcp");
                if (host.matches("\\d{1,5}")) {
                    published.add(new Published("service '" + service + "'", f.shown(), StrictYaml.line(item), ip,
                        Integer.parseInt(host), protocol));
                }
            }
        }
    }

    private void readEnvironment(ReaderFile f, String service, Node env) {
        if (env instanceof MappingNode) {
            for (Map.Entry<String, NodeTuple> e : StrictYaml.entries(env).entrySet()) {
                String raw = StrictYaml.scalar(e.getValue().getValueNode()).orElse("");
                add(f, new EnvEntry(service, e.getKey(), raw, StrictYaml.line(e.getValue().getKeyNode())));
            }
        } else if (env instanceof SequenceNode) {
            for (Node item : StrictYaml.items(env)) {
                String text = StrictYaml.scalar(item).orElse("");
                int eq = text.indexOf('=');
                if (eq > 0) {
                    add(f, new EnvEntry(service, text.substring(0, eq).strip(), text.substring(eq + 1), StrictYaml.line(item)));
                }
            }
        }
    }

    private void add(ReaderFile f, EnvEntry entry) {
        environment.add(entry);
        environmentFile.put(entry, f);
    }

    /**
     * The value after compose's interpolation with the root .env; empty when a variable is
     * unset without a default (compose then substitutes "" and warns, or fails for ${VAR?}).
     */
    Optional<String> interpolate(String text) {
        Matcher m = INTERPOLATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String op = m.group(2);
            String fallback = m.group(3) == null ? "" : m.group(3);
            String value = env.get(name);
            boolean unsetOrEmpty = value == null || value.isEmpty();
            String result;
            if (op == null) {
                result = value;
            } else if (op.equals(":-")) {
                result = unsetOrEmpty ? fallback : value;
            } else if (op.equals("-")) {
                result = value == null ? fallback : value;
            } else if (op.equals(":+") || op.equals("+")) {
                result = (op.equals(":+") ? !unsetOrEmpty : value != null) ? fallback : "";
            } else {
                result = value;
            }
            if (result == null) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(result));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    // ---- host ports ----------------------------------------------------------------------

    private void ports() {
        Map<String, Published> first = new LinkedHashMap<>();
        for (Published p : published) {
            String key = key(p);
            Published earlier = first.putIfAbsent(key, p);
            if (earlier != null && !earlier.owner().equals(p.owner())) {
                error(p.file(), p.line(), "host port " + p.port() + (p.protocol().equals("tcp") ? "" : "/" + p.protocol())
                    + " is already published by " + earlier.owner() + " (" + earlier.file() + ":" + earlier.line()
                    + "): docker compose cannot start both ('port is already allocated'); publish another host port for one of them");
            }
        }
        for (ReaderFile f : files) {
            if (!f.isEnv() || !neighbours.knows(f.component())) {
                continue;
            }
            Map<String, String> values = dotenv(f.text());
            Map<String, Integer> lines = lines(f.text());
            for (NeighbourFacts.HostPort hp : neighbours.hostPorts(f.component())) {
                String v = values.getOrDefault(hp.variable(), "");
                if (!v.matches("\\d{1,5}")) {
                    continue;
                }
                Published mine = new Published(f.component() + "'s " + hp.service() + " (" + hp.variable() + ")", f.shown(),
                    lines.getOrDefault(hp.variable(), 1), "", Integer.parseInt(v), "tcp");
                for (Published p : published) {
                    if (key(p).equals(key(mine))) {
                        error(mine.file(), mine.line(), hp.variable() + "=" + v + " publishes " + hp.service() + " of "
                            + f.component() + " on host port " + v + ", which " + p.owner() + " publishes too (" + p.file() + ":"
                            + p.line() + "): the stack started second fails ('port is already allocated'); set "
                            + hp.variable() + " to a free port");
                        break;
                    }
                }
            }
        }
    }

    private static String key(Published p) {
        String ip = p.ip().isEmpty() || p.ip().equals("0.0.0.0") || p.ip().equals("::") ? "*" : p.ip();
        return ip + ":" + p.port() + "/" + p.protocol();
    }

    // ---- host names ----------------------------------------------------------------------

    private void hostNames() {
        for (ReaderFile f : files) {
            if (f.kind() == FileKind.NGINX) {
                Set<String> upstreams = new LinkedHashSet<>();
                Matcher u = NGINX_UPSTREAM.matcher(f.text());
                while (u.find()) {
                    upstreams.add(u.group(1));
                }
                String[] lines = f.text().split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i].replaceFirst("#.*", "");
                    Matcher m = NGINX_HOST.matcher(line);
                    if (m.find()) {
                        String host = m.group(1) != null ? m.group(1) : m.group(3);
                        if (!upstreams.contains(host)) {
                            host(f, i + 1, host, "nginx resolves it when it starts and refuses to start ('host not found in upstream')");
                        }
                    }
                }
            } else if (f.isEnv() && List.of("compose", "api", "collector").contains(f.component())) {
                Map<String, Integer> lines = lines(f.text());
                dotenv(f.text()).forEach((name, value) -> {
                    literalBraceHost(f, lines.getOrDefault(name, 1), value);
                    urls(f, lines.getOrDefault(name, 1), value);
                });
            }
        }
        for (EnvEntry e : environment) {
            literalBraceHost(environmentFile.get(e), e.line(), e.raw());
            interpolate(e.raw()).ifPresent(v -> urls(environmentFile.get(e), e.line(), v));
        }
    }

    /**
     * {@code @{NAME}} or {@code ://{NAME}} as a URL's host: a {@code $} left out, so compose passes
     * the braces through as text and the program is told to reach a host called {@code {NAME}}.
     */
    private void literalBraceHost(ReaderFile f, int line, String raw) {
        Matcher m = BRACE_HOST.matcher(raw);
        while (m.find()) {
            error(f.shown(), line, "the URL's host is the literal text {" + m.group(1) + "}: the '$' before it is missing, so"
                + " no variable is put in and the program looks for a host called '{" + m.group(1) + "}', which no name"
                + " resolves to; write ${" + m.group(1) + "} and check it names the database or service host");
        }
    }

    private void urls(ReaderFile f, int line, String value) {
        Matcher m = URL_HOST.matcher(value);
        while (m.find()) {
            host(f, line, m.group(1), "a container of this stack cannot reach it by that name");
        }
    }

    private void host(ReaderFile f, int line, String host, String consequence) {
        if (host.contains(".") || host.contains("$") || host.equalsIgnoreCase("localhost") || names.contains(host)
                || host.matches("[0-9.:]+") || host.equals("host-gateway")) {
            return;
        }
        String close = closest(host);
        if (close != null) {
            error(f.shown(), line, "host '" + host + "' is no service of the compose files checked with it; " + consequence
                + "; the service is called '" + close + "'");
        } else {
            findings.add(new Finding(f.path(), line, "doctor", Finding.Severity.WARNING, "host '" + host
                + "' is no service, container name or alias of the compose files checked with it (" + String.join(", ", names)
                + "); if it is not a machine of your network, " + consequence));
        }
    }

    private String closest(String host) {
        String h = host.toLowerCase(Locale.ROOT).replaceAll("[-_]", "");
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT).replaceAll("[-_]", "");
            if (n.equals(h) || EditDistance.between(n, h) <= 1) {
                return name;
            }
        }
        return null;
    }

    // ---- secrets the API and the collector share -------------------------------------------

    private void sharedSecrets() {
        Map<String, Variables.Variable> compose = catalog.variables().of("compose");
        Set<String> rootNames = compose.keySet();
        Set<String> collectorNames = catalog.variables().of("collector").keySet();
        for (Map.Entry<String, Variables.Variable> v : compose.entrySet()) {
            String apiAs = null;
            String collectorAs = null;
            for (Variables.PassTo target : v.getValue().passesTo()) {
                if ("api".equals(target.component())) {
                    apiAs = target.as();
                } else if ("collector".equals(target.component())) {
                    collectorAs = target.as();
                }
            }
            if (collectorAs == null || !secret(v.getValue(), v.getKey())) {
                continue;
            }
            EnvEntry collector = entry(collectorAs, true);
            if (collector == null) {
                continue;
            }
            ReaderFile file = environmentFile.get(collector);
            Optional<String> value = interpolate(collector.raw());
            Set<String> referenced = referenced(collector.raw());
            boolean fromUnknown = !referenced.isEmpty() && referenced.stream().noneMatch(rootNames::contains)
                && referenced.stream().noneMatch(env::containsKey);
            if (value.isPresent() && value.get().isEmpty() || value.isEmpty() && fromUnknown) {
                String from = referenced.isEmpty() ? "" : " from ${" + String.join("}, ${", referenced) + "}";
                error(file.shown(), collector.line(), "service '" + collector.service() + "' gets " + collectorAs + from
                    + ", which " + (env.isEmpty() ? "app/.env does not set (it sets " + v.getKey() + ", variables.yml)"
                        : "the .env checked with it does not set") + ": an empty " + collectorAs + " makes the collector reject "
                    + "what it should accept; write " + collectorAs + "=${" + v.getKey() + "}");
                continue;
            }
            EnvEntry api = apiAs == null ? null : entry(apiAs, false);
            if (api == null || value.isEmpty() || !collectorNames.contains(collectorAs)) {
                continue;
            }
            Optional<String> apiValue = interpolate(api.raw());
            if (apiValue.isPresent() && !apiValue.get().isEmpty() && !apiValue.get().equals(value.get())) {
                error(file.shown(), collector.line(), "service '" + collector.service() + "' gets a different " + collectorAs
                    + " than service '" + api.service() + "' gets as " + apiAs + " (" + environmentFile.get(api).shown() + ":"
                    + api.line() + "): the collector rejects what the API signs; take both from ${" + v.getKey() + "}");
            }
        }
    }

    /** The environment entry named {@code name} of the collector (or the API) service. */
    private EnvEntry entry(String name, boolean collector) {
        for (EnvEntry e : environment) {
            String s = e.service().toLowerCase(Locale.ROOT);
            boolean isCollector = s.contains("otel") || s.contains("collector");
            if (e.name().equals(name) && isCollector == collector) {
                return e;
            }
        }
        return null;
    }

    private static Set<String> referenced(String raw) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = INTERPOLATION.matcher(raw);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(4));
        }
        return names;
    }

    private static boolean secret(Variables.Variable variable, String name) {
        return variable.secret().orElse(false) || SecretMask.secretName(name);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static Map<String, Integer> lines(String text) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            Matcher m = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=").matcher(all[i]);
            if (m.find()) {
                lines.putIfAbsent(m.group(1), i + 1);
            }
        }
        return lines;
    }

    private void error(String shown, int line, String message) {
        for (ReaderFile f : files) {
            if (f.shown().equals(shown)) {
                findings.add(new Finding(f.path(), line, "doctor", Finding.Severity.ERROR, message));
                return;
            }
        }
    }
}

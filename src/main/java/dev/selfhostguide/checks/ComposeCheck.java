package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.facts.Compose;
import dev.selfhostguide.facts.Variables;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A Docker Compose file or override ({@code check=compose}). It checks the structure Compose
 * itself would refuse (unknown top-level keys, services without image or build, bad ports,
 * environment, profiles, network_mode, depends_on targets, undeclared named volumes) and the
 * upstream pitfalls the facts name:
 * <ul>
 * <li>{@code network_mode: host} with {@code ports:} is a warning: Engine ignores published ports
 *     under host networking (legacy docker-compose v1 even rejects the pair). Upstream's own
 *     {@code app/compose.yaml} does this, so it warns there too, rightly.</li>
 * <li>Overrides. A service with neither image nor build is accepted only when upstream's compose
 *     (catalog {@code compose.yml}) has a service of that name, which the override then edits.
 *     Services of upstream's {@code include:}d collector file get a warning: Compose does not merge
 *     {@code -f} overrides into included services, it reports a clash.</li>
 * <li>Profiles. A service under a profile (its own, or upstream's {@code dashboard} profile that an
 *     override keeps) is skipped by a plain {@code docker compose up}. The check cannot see how the
 *     reader starts the stack, so it looks at the guide's shell snippets: when some run
 *     {@code compose ... up} and none enables the profile ({@code --profile P} or
 *     {@code COMPOSE_PROFILES}), it warns. With no compose command in the guide it says nothing,
 *     and an override without {@code profiles:} is not itself wrong, since profiles merge from the base.</li>
 * <li>Agreement with {@code deployment.yml}: in a file of the AgentOps stack, a published port, a
 *     {@code --port N}/{@code -p N} in the command or a {@code PORT=N} in the environment of a
 *     service named in {@code deployment.yml services} must be a reference port of that service's
 *     component (its upstream port when the block says {@code ports=upstream}), and an image whose
 *     name appears in {@code deployment.yml images} must carry that tag. A file is of the AgentOps
 *     stack when it defines a service upstream builds from source (api, dashboard, otelcollector)
 *     or overrides an upstream service; another project's stack that merely has a service called
 *     {@code clickhouse} (langfuse, LiteLLM) is not compared with our deployment.</li>
 * </ul>
 * Invalid YAML is left to {@link YamlCheck}.
 */
public final class ComposeCheck implements Check {

    public static final String ID = "compose";

    private static final Pattern PORT = Pattern.compile("\\d{1,5}(-\\d{1,5})?");
    private static final Pattern PROFILE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.YAML);
    }

    @Override
    public boolean automatic() {
        return false; // a YAML block is this kind of file only when it says so with check=compose
    }

    @Override
    public Role role() {
        return Role.RULE;
    }

    @Override
    public Set<FileKind> serves() {
        return Set.of(FileKind.COMPOSE);
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.YAML, Map.of("check", ID), """
            services:
              worker:
                image: busybox:1.36
                command: ["sleep", "60"]
            """);
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.YAML, Map.of("check", ID), """
            services:
              worker:
                image: busybox:1.36
                ports: ["8080:99999"]
            """, 4);
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        return StrictYaml.eachDocument(snippet, ID, "Compose file", (document, findings) ->
            new FileCheck(snippet, context, Upstream.of(context.catalog()), findings).run(document));
    }

    /** What the catalogs say: upstream's services, the Compose format, our deployment. */
    private record Upstream(Map<String, Compose.Service> services, Compose compose,
                            Map<String, String> deploymentServices, List<Catalog.Port> ports,
                            Map<String, String> images) {

        static Upstream of(Catalog catalog) {
            Compose compose = catalog.compose();
            return new Upstream(compose.services(), compose, catalog.services(), catalog.ports(), catalog.images());
        }

        List<String> specList(String key) {
            return compose.spec(key);
        }

        boolean hasBuild(String service) {
            Compose.Service s = services.get(service);
            return s != null && s.build();
        }

        boolean included(String service) {
            Compose.Service s = services.get(service);
            return s != null && s.included();
        }

        String networkMode(String service) {
            Compose.Service s = services.get(service);
            return s == null ? "" : s.networkMode();
        }

        List<String> profiles(String service) {
            Compose.Service s = services.get(service);
            return s == null ? List.of() : s.profiles();
        }

        /** Ports of deployment.yml that belong to a compose service, by its component. */
        List<Catalog.Port> portsOf(String composeService) {
            Set<String> ids = new LinkedHashSet<>();
            ids.add(composeService);
            deploymentServices.forEach((id, name) -> {
                if (name.equals(composeService)) {
                    ids.add(id);
                }
            });
            return ports.stream().filter(p -> ids.contains(p.component()) || ids.contains(p.id())).toList();
        }

        boolean known(String composeService) {
            return deploymentServices.containsValue(composeService) || services.containsKey(composeService);
        }
    }

    /** The check of one YAML document; holds the per-snippet state so the check stays stateless. */
    private static final class FileCheck {
        private final Snippet snippet;
        private final CheckContext context;
        private final Upstream upstream;
        private final List<Finding> findings;
        private final boolean upstreamPorts;
        /**
         * {@code upstream-include=removed}: the file is meant for an app/compose.yaml whose include: of
         * the collector file was removed (the guide's way), so the collector's services merge normally.
         */
        private final boolean includeRemoved;
        private final VariableCatalog variables;
        /** The file include:s other compose files, whose services doctor may not have been given. */
        private boolean includes;

        FileCheck(Snippet snippet, CheckContext context, Upstream upstream, List<Finding> findings) {
            this.snippet = snippet;
            this.context = context;
            this.upstream = upstream;
            this.findings = findings;
            this.upstreamPorts = "upstream".equals(snippet.attribute("ports").orElse(""));
            this.includeRemoved = "removed".equals(snippet.attribute("upstream-include").orElse(""));
            this.variables = new VariableCatalog(context.catalog());
        }

        void error(Node at, String message) {
            findings.add(Finding.error(snippet, StrictYaml.line(at), ID, message));
        }

        void warning(Node at, String message) {
            findings.add(Finding.warning(snippet, StrictYaml.line(at), ID, message));
        }

        void run(Node document) {
            if (!(document instanceof MappingNode)) {
                error(document, "a Compose file must be a mapping with a top-level 'services' key");
                return;
            }
            Map<String, NodeTuple> top = StrictYaml.entries(document);
            includes = top.containsKey("include");
            List<String> known = upstream.specList("top_level");
            List<String> obsolete = upstream.specList("obsolete_top_level");
            for (Map.Entry<String, NodeTuple> e : top.entrySet()) {
                String key = e.getKey();
                Node keyNode = e.getValue().getKeyNode();
                if (key.startsWith("x-")) {
                    continue;
                }
                if (obsolete.contains(key)) {
                    warning(keyNode, "top-level '" + key + "' is obsolete: Compose v2 ignores it and prints a warning; delete it");
                } else if (!known.contains(key)) {
                    error(keyNode, "unknown top-level key '" + key + "'; Compose allows " + String.join(", ", known)
                        + " and x-* extensions");
                }
            }
            Node servicesNode = top.containsKey("services") ? top.get("services").getValueNode() : null;
            if (servicesNode == null || StrictYaml.isNull(servicesNode)) {
                return;
            }
            if (!(servicesNode instanceof MappingNode)) {
                error(servicesNode, "'services' must be a mapping of service names to definitions");
                return;
            }
            Map<String, NodeTuple> services = StrictYaml.entries(servicesNode);
            Set<String> volumes = top.containsKey("volumes")
                ? StrictYaml.entries(top.get("volumes").getValueNode()).keySet() : Set.of();
            // A reader's ports, images and commands are theirs to choose: comparing them with the
            // guide's reference deployment is opt-in (guide doctor --profile guide).
            boolean reader = Origin.reader(snippet);
            boolean agentops = isAgentOpsStack(services)
                && (!reader || snippet.attribute("profile").map("guide"::equals).orElse(false));
            Set<String> defined = new java.util.LinkedHashSet<>(services.keySet());
            if (reader) {
                defined.addAll(readerServices());
            }
            for (Map.Entry<String, NodeTuple> e : services.entrySet()) {
                service(e.getKey(), e.getValue(), defined, volumes, agentops);
            }
        }

        /** Services the reader's other compose files define (they are merged with -f or include:). */
        private Set<String> readerServices() {
            Set<String> names = new java.util.LinkedHashSet<>();
            for (Snippet other : context.allSnippets()) {
                if (other == snippet || !other.attribute("check").orElse("").contains(ID)) {
                    continue;
                }
                StrictYaml.Parsed parsed = StrictYaml.parse(other.text());
                for (Node document : parsed.documents()) {
                    StrictYaml.get(document, "services").ifPresent(s -> names.addAll(StrictYaml.entries(s).keySet()));
                }
            }
            return names;
        }

        /**
         * A reader's file checked without the file that defines a service may be meant for -f; one
         * that include:s other files may get the service from them.
         */
        private boolean aloneReader() {
            return Origin.reader(snippet)
                && (includes || context.allSnippets().stream().noneMatch(o -> o != snippet && o.attribute("check").orElse("").contains(ID)));
        }

        /** See the class comment: only the AgentOps stack is compared with deployment.yml. */
        private boolean isAgentOpsStack(Map<String, NodeTuple> services) {
            for (Map.Entry<String, NodeTuple> e : services.entrySet()) {
                Map<String, NodeTuple> def = StrictYaml.entries(e.getValue().getValueNode());
                boolean override = !def.containsKey("image") && !def.containsKey("build") && !def.containsKey("extends");
                if (upstream.hasBuild(e.getKey()) || (override && upstream.services().containsKey(e.getKey()))) {
                    return true;
                }
            }
            return false;
        }

        private void service(String name, NodeTuple tuple, Set<String> fileServices, Set<String> volumes,
                             boolean agentops) {
            Node keyNode = tuple.getKeyNode();
            Node def = tuple.getValueNode();
            if (!(def instanceof MappingNode)) {
                error(def, "service '" + name + "' must be a mapping (image, build, ports, ...)");
                return;
            }
            Map<String, NodeTuple> entries = StrictYaml.entries(def);
            boolean override = !entries.containsKey("image") && !entries.containsKey("build")
                && !entries.containsKey("extends");
            boolean upstreamService = upstream.services().containsKey(name)
                || Origin.reader(snippet) && readerServices().contains(name);
            if (override && !upstreamService && aloneReader()) {
                warning(keyNode, "service '" + name + "' has neither 'image' nor 'build': it only works merged with a compose file"
                    + " that defines it (docker compose -f base.yaml -f this.yaml); check that file with this one");
            } else if (override && !upstreamService) {
                error(keyNode, "service '" + name + "' has neither 'image' nor 'build', and upstream's AgentOps compose has no service '"
                    + name + "' for it to override; give it an image or a build");
            } else if (override && upstream.included(name) && !includeRemoved) {
                warning(keyNode, "service '" + name + "' comes from upstream's include:d collector compose file; Compose does not merge "
                    + "a -f override into included services but reports a clash, so change it in that file or define the service in full");
            }

            Node ports = value(entries, "ports");
            Node networkMode = value(entries, "network_mode");
            Node networks = value(entries, "networks");
            if (ports != null) {
                ports(name, ports, agentops);
            }
            if (entries.containsKey("environment")) {
                environment(name, value(entries, "environment"), agentops);
            }
            if (entries.containsKey("profiles")) {
                profiles(name, value(entries, "profiles"));
            }
            String mode = networkMode == null ? "" : StrictYaml.scalar(networkMode).orElse("");
            if (networkMode != null) {
                networkMode(name, networkMode, mode);
                if (networks != null && !StrictYaml.isNull(networks)) {
                    error(networks, "service '" + name + "' sets both network_mode and networks; Compose refuses the pair, keep one");
                }
            }
            String effectiveMode = networkMode != null ? mode : (override ? upstream.networkMode(name) : "");
            if ("host".equals(effectiveMode) && ports != null && !StrictYaml.items(ports).isEmpty()) {
                String from = networkMode != null ? "" : " (inherited from upstream's compose)";
                warning(entries.get("ports").getKeyNode(), "service '" + name + "' uses network_mode: host" + from
                    + " and publishes ports: Docker Engine ignores published ports under host networking (legacy docker-compose v1 rejects the pair); "
                    + "the process's own listening port is what counts");
            }
            if (entries.containsKey("depends_on")) {
                dependsOn(name, value(entries, "depends_on"), fileServices);
            }
            if (entries.containsKey("volumes")) {
                volumes(name, value(entries, "volumes"), volumes);
            }
            if (agentops && entries.containsKey("command")) {
                command(name, value(entries, "command"));
            }
            if (agentops && entries.containsKey("image")) {
                image(name, value(entries, "image"));
            }
            profileStart(name, keyNode, entries, override);
            variables(name, keyNode, entries, override);
        }

        /**
         * The variables an AgentOps service is handed against what its code reads: a variable it
         * never reads is a warning with the upstream reason (upstream's compose hands the API an
         * APP_URL), and so is a secret the code falls back to a built-in default for when a full
         * service definition does not pass it (upstream's compose never passes AUTH_COOKIE_SECRET).
         */
        private void variables(String service, Node keyNode, Map<String, NodeTuple> entries, boolean override) {
            String component = componentOf(service);
            if (component == null || !variables.hasComponent(component)) {
                return;
            }
            java.util.Set<String> passed = new java.util.LinkedHashSet<>();
            Node env = value(entries, "environment");
            if (env instanceof MappingNode) {
                for (Map.Entry<String, NodeTuple> e : StrictYaml.entries(env).entrySet()) {
                    passed.add(e.getKey());
                    variables.variable(component, e.getKey()).ifPresent(v -> {
                        String dead = v.dead();
                        // Some variables are dead only in a .env file and read from the process environment.
                        if (!dead.isEmpty() && !v.readFromProcessEnvironment()) {
                            warning(e.getValue().getKeyNode(), "service '" + service + "' hands the " + component + " "
                                + e.getKey() + ", which it never reads: " + dead);
                        }
                    });
                }
            } else if (env instanceof SequenceNode) {
                for (Node item : StrictYaml.items(env)) {
                    String text = StrictYaml.scalar(item).orElse("");
                    passed.add(text.contains("=") ? text.substring(0, text.indexOf('=')) : text);
                }
            }
            // Only where the service is built does its environment list stand alone; an override
            // (even one that names the built image) adds to upstream's list and need not repeat it.
            boolean defines = entries.containsKey("build") || !upstream.services().containsKey(service);
            if (override || !defines) {
                return;
            }
            for (String name : variables.names(component)) {
                Variables.Variable v = variables.variable(component, name).orElseThrow();
                String builtIn = v.defaultValue();
                if (v.secret().orElse(false) && !builtIn.isEmpty() && v.dead().isEmpty()
                        && !passed.contains(name) && !entries.containsKey("env_file")) {
                    warning(keyNode, "service '" + service + "' does not pass " + name + " to the " + component
                        + ", so it runs with the built-in default '" + builtIn + "'" + readAt(v)
                        + "; pass a secret of your own through environment");
                }
            }
        }

        private String componentOf(String service) {
            for (Map.Entry<String, String> e : context.catalog().services().entrySet()) {
                if (e.getValue().equals(service)) {
                    return e.getKey();
                }
            }
            return null;
        }

        private static String readAt(Variables.Variable variable) {
            String where = variable.readAt();
            return where.isEmpty() ? "" : " (" + where + ")";
        }

        private static Node value(Map<String, NodeTuple> entries, String key) {
            NodeTuple t = entries.get(key);
            return t == null ? null : t.getValueNode();
        }

        // ---- ports ------------------------------------------------------------------------

        private void ports(String service, Node ports, boolean agentops) {
            if (StrictYaml.isNull(ports)) {
                return;
            }
            if (!(ports instanceof SequenceNode)) {
                error(ports, "ports of service '" + service + "' must be a list");
                return;
            }
            for (Node item : StrictYaml.items(ports)) {
                Integer published = null;
                if (item instanceof ScalarNode scalar) {
                    String text = scalar.getValue().trim();
                    if (text.contains("$")) {
                        continue; // interpolated: only the running Compose knows the value
                    }
                    Optional<String> host = shortPort(text);
                    if (host == null) {
                        error(item, "port '" + text + "' of service '" + service
                            + "' is not [HOST_IP:][HOST:]CONTAINER[/PROTOCOL] with ports 1-65535");
                        continue;
                    }
                    if (host.isPresent() && host.get().matches("\\d+")) {
                        published = Integer.valueOf(host.get());
                    }
                } else if (item instanceof MappingNode) {
                    published = longPort(service, item);
                } else {
                    error(item, "each port of service '" + service + "' must be a string or a mapping with 'target'");
                    continue;
                }
                if (agentops && published != null) {
                    agree(service, item, published, "publishes port");
                }
            }
        }

        /**
         * Parses the short syntax; returns null when invalid, else the host port (empty when
         * only the container port is given).
         */
        private Optional<String> shortPort(String text) {
            String spec = text;
            int slash = spec.lastIndexOf('/');
            if (slash >= 0) {
                String protocol = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
                if (!upstream.specList("port_protocols").contains(protocol)) {
                    return null;
                }
                spec = spec.substring(0, slash);
            }
            String ip = null;
            if (spec.startsWith("[")) {
                int close = spec.indexOf("]:");
                if (close < 0) {
                    return null;
                }
                ip = spec.substring(1, close);
                spec = spec.substring(close + 2);
            }
            String[] parts = spec.split(":", -1);
            String host;
            String container;
            if (parts.length == 1) {
                host = "";
                container = parts[0];
            } else if (parts.length == 2) {
                host = parts[0]; // [ip]:host:container, or host:container
                container = parts[1];
            } else if (parts.length == 3 && ip == null) {
                ip = parts[0];
                host = parts[1];
                container = parts[2];
            } else {
                return null;
            }
            if (ip != null && ip.isEmpty()) {
                return null;
            }
            if (!validPort(container) || (!host.isEmpty() && !validPort(host))) {
                return null;
            }
            return Optional.of(host);
        }

        private static boolean validPort(String text) {
            if (!PORT.matcher(text).matches()) {
                return false;
            }
            for (String p : text.split("-")) {
                int n = Integer.parseInt(p);
                if (n < 1 || n > 65535) {
                    return false;
                }
            }
            return true;
        }

        private Integer longPort(String service, Node item) {
            Map<String, NodeTuple> entries = StrictYaml.entries(item);
            List<String> allowed = upstream.specList("long_port_keys");
            for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
                if (!allowed.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
                    error(e.getValue().getKeyNode(), "unknown port key '" + e.getKey() + "' in service '" + service
                        + "'; the long syntax allows " + String.join(", ", allowed));
                }
            }
            Node target = value(entries, "target");
            if (target == null) {
                error(item, "a port of service '" + service + "' in long syntax needs 'target' (the container port)");
                return null;
            }
            String t = StrictYaml.scalar(target).orElse("");
            if (!t.contains("$") && !validPort(t)) {
                error(target, "target port '" + t + "' of service '" + service + "' is not a port number 1-65535");
            }
            Node published = value(entries, "published");
            String p = published == null ? "" : StrictYaml.scalar(published).orElse("");
            if (!p.isEmpty() && !p.contains("$")) {
                if (!validPort(p)) {
                    error(published, "published port '" + p + "' of service '" + service + "' is not a port number 1-65535");
                } else if (p.matches("\\d+")) {
                    return Integer.valueOf(p);
                }
            }
            return null;
        }

        /** A port of a deployment service must be one of its reference (or upstream) ports. */
        private void agree(String service, Node at, int port, String what) {
            List<Catalog.Port> expected = upstream.portsOf(service);
            if (expected.isEmpty()) {
                return;
            }
            for (Catalog.Port p : expected) {
                if ((upstreamPorts ? p.upstream() : p.reference()) == port) {
                    return;
                }
            }
            StringBuilder want = new StringBuilder();
            for (Catalog.Port p : expected) {
                if (want.length() > 0) {
                    want.append(", ");
                }
                want.append(upstreamPorts ? p.upstream() : p.reference()).append(" (ports.").append(p.id()).append(')');
            }
            String kind = upstreamPorts ? "upstream port" : "reference port";
            String hint = upstreamPorts ? "" : "; if the block shows upstream's default on purpose, mark it ports=upstream";
            error(at, "service '" + service + "' " + what + " " + port + " but deployment.yml gives its " + kind + " as "
                + want + hint);
        }

        // ---- environment, command, image ---------------------------------------------------

        private void environment(String service, Node env, boolean agentops) {
            if (StrictYaml.isNull(env)) {
                return;
            }
            List<String> portVariables = upstream.specList("port_variables");
            if (env instanceof MappingNode) {
                for (Map.Entry<String, NodeTuple> e : StrictYaml.entries(env).entrySet()) {
                    Node v = e.getValue().getValueNode();
                    if (!(v instanceof ScalarNode)) {
                        error(v, "environment variable '" + e.getKey() + "' of service '" + service
                            + "' must be a single value (string, number, boolean or empty), not a list or mapping");
                    } else {
                        String value = StrictYaml.scalar(v).orElse("");
                        published(service, v, e.getKey(), value);
                        if (agentops && portVariables.contains(e.getKey())) {
                            portValue(service, v, value, e.getKey());
                        }
                    }
                }
            } else if (env instanceof SequenceNode) {
                for (Node item : StrictYaml.items(env)) {
                    if (!(item instanceof ScalarNode scalar) || StrictYaml.isNull(item)) {
                        error(item, "each environment entry of service '" + service + "' must be a string KEY=VALUE or KEY");
                        continue;
                    }
                    String text = scalar.getValue();
                    int eq = text.indexOf('=');
                    String key = eq < 0 ? text : text.substring(0, eq);
                    if (key.isBlank() || key.contains(" ")) {
                        error(item, "environment entry '" + text + "' of service '" + service + "' has no variable name before '='");
                    } else if (eq > 0) {
                        String value = text.substring(eq + 1);
                        published(service, item, key, value);
                        if (agentops && portVariables.contains(key)) {
                            portValue(service, item, value, key);
                        }
                    }
                }
            } else {
                error(env, "environment of service '" + service + "' must be a mapping or a list of KEY=VALUE");
            }
        }

        /**
         * A published example secret written into the compose file itself. A client-facing one (a
         * proxy's master key) opens the service to anyone: an error. Upstream's own compose files
         * hard-code secrets between their containers (LiteLLM's database password, Supabase's
         * Realtime SECRET_KEY_BASE), which a copy keeps on its private network: advice.
         */
        private void published(String service, Node at, String name, String value) {
            NeighbourFacts facts = NeighbourFacts.of(context.catalog());
            facts.publishedSecret(name, value.trim()).ifPresent(reason -> {
                String message = "service '" + service + "' gets " + name + " set to a published example value: " + reason
                    + "; generate your own (e.g. openssl rand -hex 32) and pass it from a .env";
                if (facts.clientFacing(value.trim())) {
                    error(at, message);
                } else {
                    warning(at, message);
                }
            });
        }

        private void portValue(String service, Node at, String value, String how) {
            String v = value.trim();
            if (v.matches("\\d+")) {
                agree(service, at, Integer.parseInt(v), "listens on " + how + "=");
            }
        }

        private void command(String service, Node command) {
            List<Node> tokens = new ArrayList<>();
            List<String> words = new ArrayList<>();
            if (command instanceof SequenceNode) {
                for (Node item : StrictYaml.items(command)) {
                    tokens.add(item);
                    words.add(StrictYaml.scalar(item).orElse(""));
                }
            } else if (command instanceof ScalarNode scalar) {
                for (String word : scalar.getValue().trim().split("\\s+")) {
                    tokens.add(command);
                    words.add(word);
                }
            }
            List<String> flags = upstream.specList("port_flags");
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                for (String flag : flags) {
                    if (word.equals(flag) && i + 1 < words.size() && words.get(i + 1).matches("\\d+")) {
                        agree(service, tokens.get(i + 1), Integer.parseInt(words.get(i + 1)), "listens on " + flag);
                    } else if (word.startsWith(flag + "=") && word.substring(flag.length() + 1).matches("\\d+")) {
                        agree(service, tokens.get(i), Integer.parseInt(word.substring(flag.length() + 1)), "listens on " + flag);
                    }
                }
                for (String variable : upstream.specList("port_variables")) {
                    if (word.startsWith(variable + "=") && word.substring(variable.length() + 1).matches("\\d+")) {
                        agree(service, tokens.get(i), Integer.parseInt(word.substring(variable.length() + 1)),
                            "listens on " + variable + "=");
                    }
                }
            }
        }

        private void image(String service, Node image) {
            String ref = StrictYaml.scalar(image).orElse("");
            if (ref.isEmpty() || ref.contains("$")) {
                return;
            }
            String[] mine = splitImage(ref);
            for (Map.Entry<String, String> e : upstream.images().entrySet()) {
                String[] theirs = splitImage(e.getValue());
                if (mine[0].equals(theirs[0]) && !mine[1].equals(theirs[1])) {
                    error(image, "service '" + service + "' uses image " + ref + " but deployment.yml pins "
                        + e.getValue() + " (images." + e.getKey() + "); use the same tag");
                }
            }
        }

        /** {name, tag-or-digest} with docker.io/ and library/ dropped and a missing tag read as latest. */
        static String[] splitImage(String ref) {
            String name = ref;
            String tag = "latest";
            int at = name.indexOf('@');
            if (at >= 0) {
                tag = name.substring(at + 1);
                name = name.substring(0, at);
            } else {
                int colon = name.lastIndexOf(':');
                if (colon > name.lastIndexOf('/')) {
                    tag = name.substring(colon + 1);
                    name = name.substring(0, colon);
                }
            }
            if (name.startsWith("docker.io/")) {
                name = name.substring("docker.io/".length());
            }
            if (name.startsWith("library/")) {
                name = name.substring("library/".length());
            }
            return new String[] {name, tag};
        }

        // ---- profiles, network_mode, depends_on, volumes -----------------------------------

        private void profiles(String service, Node profiles) {
            if (!(profiles instanceof SequenceNode)) {
                error(profiles, "profiles of service '" + service + "' must be a list, e.g. [dashboard]");
                return;
            }
            for (Node item : StrictYaml.items(profiles)) {
                String p = StrictYaml.scalar(item).orElse("");
                if (!(item instanceof ScalarNode) || (!p.contains("$") && !PROFILE.matcher(p).matches())) {
                    error(item, "profile '" + p + "' of service '" + service + "' is not a valid profile name ([a-zA-Z0-9][a-zA-Z0-9_.-]*)");
                }
            }
        }

        private void networkMode(String service, Node node, String mode) {
            if (!(node instanceof ScalarNode) || mode.isEmpty()) {
                error(node, "network_mode of service '" + service + "' must be a string such as host or bridge");
                return;
            }
            if (mode.contains("$") || upstream.specList("network_modes").contains(mode)) {
                return;
            }
            for (String prefix : upstream.specList("network_mode_prefixes")) {
                if (mode.startsWith(prefix) && mode.length() > prefix.length()) {
                    return;
                }
            }
            error(node, "network_mode '" + mode + "' of service '" + service + "' is not one of "
                + String.join(", ", upstream.specList("network_modes")) + " or service:NAME / container:NAME");
        }

        private void dependsOn(String service, Node node, Set<String> fileServices) {
            List<Node> targets = new ArrayList<>();
            if (node instanceof SequenceNode) {
                targets.addAll(StrictYaml.items(node));
            } else if (node instanceof MappingNode) {
                StrictYaml.entries(node).values().forEach(t -> targets.add(t.getKeyNode()));
            } else {
                error(node, "depends_on of service '" + service + "' must be a list or a mapping of service names");
                return;
            }
            for (Node target : targets) {
                String name = StrictYaml.scalar(target).orElse("");
                if (!fileServices.contains(name) && !upstream.services().containsKey(name) && aloneReader()) {
                    warning(target, "service '" + service + "' depends on '" + name + "', which this file does not define;"
                        + " docker compose refuses to start unless a file merged with it (-f) defines '" + name
                        + "'; check them together");
                } else if (!fileServices.contains(name) && !upstream.services().containsKey(name)) {
                    error(target, "service '" + service + "' depends on '" + name
                        + "', which is neither in this file nor among upstream's compose services");
                }
            }
        }

        private void volumes(String service, Node node, Set<String> declared) {
            for (Node item : StrictYaml.items(node)) {
                String source = null;
                if (item instanceof ScalarNode scalar) {
                    String text = scalar.getValue();
                    int colon = text.indexOf(':');
                    if (colon > 0) {
                        source = text.substring(0, colon);
                    }
                } else if (item instanceof MappingNode) {
                    Map<String, NodeTuple> e = StrictYaml.entries(item);
                    String type = value(e, "type") == null ? "" : StrictYaml.scalar(value(e, "type")).orElse("");
                    if ("volume".equals(type) && value(e, "source") != null) {
                        source = StrictYaml.scalar(value(e, "source")).orElse(null);
                    }
                }
                if (source == null || source.isEmpty() || source.contains("$") || source.contains("/")
                    || source.startsWith(".") || source.startsWith("~") || source.contains("\\")) {
                    continue; // a bind mount, an anonymous or an interpolated volume
                }
                if (!declared.contains(source)) {
                    error(item, "named volume '" + source + "' of service '" + service
                        + "' is not declared under the top-level 'volumes:'; Compose refuses undeclared named volumes");
                }
            }
        }

        /** See the class comment, "Profiles". */
        private void profileStart(String service, Node keyNode, Map<String, NodeTuple> entries, boolean override) {
            Set<String> profiles = new LinkedHashSet<>();
            Node own = value(entries, "profiles");
            if (own != null) {
                StrictYaml.items(own).forEach(n -> StrictYaml.scalar(n).ifPresent(profiles::add));
            }
            boolean inherited = override && upstream.services().containsKey(service);
            if (inherited) {
                profiles.addAll(upstream.profiles(service));
            }
            if (profiles.isEmpty()) {
                return;
            }
            boolean anyUp = false;
            for (Snippet other : context.allSnippets()) {
                if (!isShell(other)) {
                    continue;
                }
                String text = other.text();
                if (!(text.contains("compose") && text.matches("(?s).*\\bup\\b.*"))) {
                    continue;
                }
                anyUp = true;
                for (String p : profiles) {
                    if (Pattern.compile("--profile[ =]+" + Pattern.quote(p) + "\\b").matcher(text).find()
                        || Pattern.compile("COMPOSE_PROFILES=\\S*\\b" + Pattern.quote(p) + "\\b").matcher(text).find()) {
                        return;
                    }
                }
            }
            if (anyUp) {
                String whence = own == null ? " (kept from upstream's compose, since an override does not drop profiles)" : "";
                warning(keyNode, "service '" + service + "' is under profile " + String.join(", ", profiles) + whence
                    + ", so a plain 'docker compose up' skips it, and no shell block of the guide starts compose with --profile "
                    + profiles.iterator().next() + " or COMPOSE_PROFILES");
            }
        }

        private static boolean isShell(Snippet s) {
            String lang = s.language().toLowerCase(Locale.ROOT);
            return lang.equals("bash") || lang.equals("sh") || lang.equals("shell") || lang.equals("console");
        }
    }

    /** {name, tag-or-digest} of an image reference, for comparing with deployment.yml. */
    static String[] splitImage(String ref) {
        return FileCheck.splitImage(ref);
    }
}

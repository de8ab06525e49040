package dev.selfhostguide.checks;

import static dev.selfhostguide.checks.CheckTestSupport.context;
import static dev.selfhostguide.checks.CheckTestSupport.corpusSnippet;
import static dev.selfhostguide.checks.CheckTestSupport.format;
import static dev.selfhostguide.checks.CheckTestSupport.realCatalog;
import static dev.selfhostguide.checks.CheckTestSupport.referenceDeployment;
import static dev.selfhostguide.checks.CheckTestSupport.snippet;
import static dev.selfhostguide.checks.CheckTestSupport.withDeployment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComposeCheckTest {

    private static final String HOST_WARNING = "uses network_mode: host";
    private final ComposeCheck check = new ComposeCheck();
    private final Catalog catalog = withDeployment(referenceDeployment());

    private List<String> run(String text, Snippet... others) {
        return run(Map.of("check", "compose"), text, others);
    }

    private List<String> run(Map<String, String> attributes, String text, Snippet... others) {
        return format(check.check(snippet("yaml", attributes, text), context(catalog, others)));
    }

    private static Snippet bash(String text) {
        return snippet("bash", Map.of(), text);
    }

    @Test
    void selectedOnlyByName() {
        assertEquals("compose", check.id());
        assertFalse(check.appliesTo(snippet("yaml", Map.of("check", "compose"), "services: {}")));
    }

    @Test
    void theCatalogNamesUpstreamServicesWithTheirSource() {
        Catalog real = realCatalog();
        assertEquals("a855a92dfaa7fd4423f9a68b1ba0295a3a72da80",
            ((Map<?, ?>) CheckTestSupport.rawFile("compose").get("source")).get("commit"));
        assertEquals(List.of("api", "dashboard", "otelcollector", "clickhouse"), List.copyOf(real.compose().services().keySet()));
        assertEquals("NEXT_PUBLIC_SUPABASE_URL", real.compose().services().get("api").environment().get("SUPABASE_URL"));
    }

    // ---- good inputs ----------------------------------------------------------------------------

    @Test
    void theReferenceOverrideSketchPasses() {
        // reference-deployment.md §1c, with the reference ports
        String text = """
            services:
              api:
                command: ["uv", "run", "--no-sync", "uvicorn", "agentops.app:app", "--host", "0.0.0.0", "--port", "8003"]
              dashboard:
                build:
                  args:
                    NEXT_PUBLIC_API_URL: "http://agentops.internal:8003"
                environment:
                  PORT: "3006"
                  NEXT_PUBLIC_API_URL: "http://agentops.internal:8003"
            """;
        assertEquals(List.of(), run(text));
    }

    @Test
    void aFullServiceWithDeclaredVolumeAndLongPortsPasses() {
        String text = """
            name: agentops
            x-common: &common
              restart: unless-stopped
            services:
              web:
                <<: *common
                image: nginx:1.27
                ports:
                  - target: 80
                    published: 8080
                    protocol: tcp
                  - "127.0.0.1:8443:443/tcp"
                  - "[::1]:9443:443"
                  - "3000-3005:3000-3005"
                  - 9090
                environment:
                  - TZ
                  - MODE=prod
                profiles: [edge]
                depends_on:
                  cache:
                    condition: service_healthy
                volumes:
                  - data:/var/lib/data
                  - ./conf:/etc/nginx/conf.d:ro,z
                  - type: volume
                    source: data
                    target: /backup
              cache:
                image: redis:7
                network_mode: "service:web"
            volumes:
              data: {}
            """;
        assertEquals(List.of(), run(text));
    }

    @Test
    void anOverrideOfAnUpstreamServiceNeedsNoImage() {
        assertEquals(List.of(), run("services:\n  dashboard:\n    depends_on: [api]\n    environment:\n      PORT: \"3006\"\n"));
    }

    @Test
    void invalidYamlIsLeftToTheYamlCheck() {
        assertEquals(List.of(), run("services:\n  api: [\n"));
        assertEquals(List.of(), run("services:\n  a: 1\n  a: 2\n"));
    }

    // ---- structure -------------------------------------------------------------------------------

    @Test
    void unknownTopLevelKey() {
        assertEquals(List.of("content/x.adoc:41: [compose] unknown top-level key 'service'; Compose allows services, "
            + "models, volumes, networks, configs, secrets, include, name, version and x-* extensions"),
            run("name: x\nservice:\n  web:\n    image: nginx\n"));
    }

    @Test
    void obsoleteVersionIsAWarning() {
        assertEquals(List.of("content/x.adoc:40: [compose] warning: top-level 'version' is obsolete: Compose v2 ignores it "
            + "and prints a warning; delete it"), run("version: \"3.9\"\nservices:\n  web:\n    image: nginx\n"));
    }

    @Test
    void serviceWithoutImageOrBuild() {
        assertEquals(List.of("content/x.adoc:43: [compose] service 'worker' has neither 'image' nor 'build', and upstream's "
            + "AgentOps compose has no service 'worker' for it to override; give it an image or a build"),
            run("services:\n  web:\n    image: nginx\n  worker:\n    command: run\n"));
    }

    @Test
    void overridingAnIncludedServiceWarns() {
        List<String> out = run("services:\n  clickhouse:\n    volumes:\n      - clickhouse-data:/var/lib/clickhouse\n"
            + "volumes:\n  clickhouse-data:\n");
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("content/x.adoc:41: [compose] warning: service 'clickhouse' comes from upstream's "
            + "include:d collector compose file"), out.get(0));
    }

    @Test
    void badPorts() {
        String text = """
            services:
              web:
                image: nginx
                ports:
                  - "80:abc"
                  - "70000:80"
                  - "80:80/xyz"
                  - "1.2.3.4:5:6:7"
                  - published: 8080
                  - target: 80
                    publish: 8080
                  - "${WEB_PORT}:80"
            """;
        List<String> out = run(text);
        assertEquals(List.of(
            "content/x.adoc:44: [compose] port '80:abc' of service 'web' is not [HOST_IP:][HOST:]CONTAINER[/PROTOCOL] with ports 1-65535",
            "content/x.adoc:45: [compose] port '70000:80' of service 'web' is not [HOST_IP:][HOST:]CONTAINER[/PROTOCOL] with ports 1-65535",
            "content/x.adoc:46: [compose] port '80:80/xyz' of service 'web' is not [HOST_IP:][HOST:]CONTAINER[/PROTOCOL] with ports 1-65535",
            "content/x.adoc:47: [compose] port '1.2.3.4:5:6:7' of service 'web' is not [HOST_IP:][HOST:]CONTAINER[/PROTOCOL] with ports 1-65535",
            "content/x.adoc:48: [compose] a port of service 'web' in long syntax needs 'target' (the container port)",
            "content/x.adoc:50: [compose] unknown port key 'publish' in service 'web'; the long syntax allows target, published, "
                + "host_ip, protocol, mode, name, app_protocol"), out);
    }

    @Test
    void portsMustBeAList() {
        assertEquals(List.of("content/x.adoc:43: [compose] ports of service 'web' must be a list"),
            run("services:\n  web:\n    image: nginx\n    ports: \"80:80\"\n"));
    }

    @Test
    void environmentShapes() {
        String text = """
            services:
              web:
                image: nginx
                environment:
                  GOOD: "1"
                  NESTED:
                    a: b
              job:
                image: busybox
                environment:
                  - =oops
                  - [x]
              other:
                image: busybox
                environment: 5
            """;
        assertEquals(List.of(
            "content/x.adoc:46: [compose] environment variable 'NESTED' of service 'web' must be a single value "
                + "(string, number, boolean or empty), not a list or mapping",
            "content/x.adoc:50: [compose] environment entry '=oops' of service 'job' has no variable name before '='",
            "content/x.adoc:51: [compose] each environment entry of service 'job' must be a string KEY=VALUE or KEY",
            "content/x.adoc:54: [compose] environment of service 'other' must be a mapping or a list of KEY=VALUE"), run(text));
    }

    @Test
    void profilesMustBeAListOfNames() {
        assertEquals(List.of(
            "content/x.adoc:43: [compose] profiles of service 'web' must be a list, e.g. [dashboard]",
            "content/x.adoc:46: [compose] profile 'bad name' of service 'job' is not a valid profile name ([a-zA-Z0-9][a-zA-Z0-9_.-]*)"),
            run("services:\n  web:\n    image: nginx\n    profiles: dashboard\n  job:\n    image: busybox\n    profiles: [\"bad name\"]\n"));
    }

    @Test
    void networkMode() {
        assertEquals(List.of(
            "content/x.adoc:43: [compose] network_mode 'hots' of service 'web' is not one of bridge, host, none or service:NAME / container:NAME",
            "content/x.adoc:47: [compose] service 'job' sets both network_mode and networks; Compose refuses the pair, keep one"),
            run("services:\n  web:\n    image: nginx\n    network_mode: hots\n  job:\n    image: busybox\n    network_mode: host\n"
                + "    networks: [default]\n"));
    }

    @Test
    void hostNetworkingWithPortsWarnsAtThePortsKey() {
        List<String> out = run("services:\n  web:\n    image: nginx\n    network_mode: host\n    ports:\n      - \"80:80\"\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:44: [compose] warning: service 'web' " + HOST_WARNING), out.get(0));
    }

    @Test
    void hostNetworkingIsInheritedByAnOverride() {
        List<String> out = run("services:\n  api:\n    ports:\n      - \"8003:8003\"\n");
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("content/x.adoc:42: [compose] warning: service 'api' uses network_mode: host "
            + "(inherited from upstream's compose)"), out.get(0));
    }

    @Test
    void dependsOnTargetsMustExist() {
        assertEquals(List.of("content/x.adoc:44: [compose] service 'web' depends on 'db', which is neither in this file nor "
            + "among upstream's compose services"),
            run("services:\n  web:\n    image: nginx\n    depends_on:\n      - db\n      - api\n"));
        assertEquals(List.of("content/x.adoc:44: [compose] service 'web' depends on 'cache', which is neither in this file nor "
            + "among upstream's compose services"),
            run("services:\n  web:\n    image: nginx\n    depends_on:\n      cache:\n        condition: service_started\n"));
    }

    @Test
    void namedVolumesMustBeDeclared() {
        assertEquals(List.of("content/x.adoc:44: [compose] named volume 'pgdata' of service 'db' is not declared under the "
            + "top-level 'volumes:'; Compose refuses undeclared named volumes"),
            run("services:\n  db:\n    image: postgres:16\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n"
                + "      - ./init:/docker-entrypoint-initdb.d\n      - /var/run:/var/run\n      - ${DATA}:/data\n      - /anon\n"));
    }

    // ---- agreement with deployment.yml -------------------------------------------------------------

    @Test
    void commandPortMustBeTheReferencePort() {
        String text = "services:\n  api:\n    command: [\"uv\", \"run\", \"uvicorn\", \"agentops.app:app\",\n"
            + "      \"--host\", \"0.0.0.0\", \"--port\", \"8000\"]\n";
        assertEquals(List.of("content/x.adoc:43: [compose] service 'api' listens on --port 8000 but deployment.yml gives its "
            + "reference port as 8003 (ports.api); if the block shows upstream's default on purpose, mark it ports=upstream"),
            run(text));
        assertEquals(List.of(), run(Map.of("check", "compose", "ports", "upstream"), text));
    }

    @Test
    void commandStringAndDashP() {
        assertEquals(List.of("content/x.adoc:42: [compose] service 'dashboard' listens on -p 3000 but deployment.yml gives its "
            + "reference port as 3006 (ports.dashboard); if the block shows upstream's default on purpose, mark it ports=upstream"),
            run("services:\n  dashboard:\n    command: npm run start -- -p 3000\n"));
        assertEquals(List.of(), run("services:\n  dashboard:\n    command: npm run start -- -p 3006\n"));
        assertEquals(List.of(), run("services:\n  api:\n    command: uvicorn agentops.app:app --port=8003\n"));
    }

    @Test
    void portVariableMustBeTheReferencePort() {
        assertEquals(List.of("content/x.adoc:43: [compose] service 'dashboard' listens on PORT= 3000 but deployment.yml gives its "
            + "reference port as 3006 (ports.dashboard); if the block shows upstream's default on purpose, mark it ports=upstream"),
            run("services:\n  dashboard:\n    environment:\n      - PORT=3000\n"));
    }

    @Test
    void publishedPortOfAKnownServiceMustAgree() {
        List<String> out = run("services:\n  clickhouse:\n    image: clickhouse/clickhouse-server:24.12\n    ports:\n"
            + "      - \"18123:8123\"\n  api:\n    command: [\"uvicorn\", \"--port\", \"8003\"]\n");
        assertEquals(List.of("content/x.adoc:44: [compose] service 'clickhouse' publishes port 18123 but deployment.yml gives its "
            + "reference port as 8123 (ports.clickhouse-http), 9000 (ports.clickhouse-native); if the block shows upstream's "
            + "default on purpose, mark it ports=upstream"), out);
    }

    @Test
    void imageTagMustMatchDeployment() {
        assertEquals(List.of("content/x.adoc:42: [compose] service 'clickhouse' uses image docker.io/clickhouse/clickhouse-server:25.1 "
            + "but deployment.yml pins clickhouse/clickhouse-server:24.12 (images.clickhouse); use the same tag"),
            run("services:\n  clickhouse:\n    image: docker.io/clickhouse/clickhouse-server:25.1\n  api:\n    environment: {}\n"));
    }

    @Test
    void anotherProjectsStackIsNotComparedWithOurDeployment() {
        // a clickhouse service in a stack without AgentOps services (like langfuse's) keeps its own tag and ports
        assertEquals(List.of(), run("services:\n  clickhouse:\n    image: clickhouse/clickhouse-server:25.12\n    ports:\n"
            + "      - 127.0.0.1:18123:8123\n  web:\n    image: langfuse/langfuse:3\n"));
    }

    @Test
    void splitsImageReferences() {
        assertEquals(List.of("nginx", "latest"), List.of(ComposeCheckTestAccess.split("docker.io/library/nginx")));
        assertEquals(List.of("registry:5000/app", "1.2"), List.of(ComposeCheckTestAccess.split("registry:5000/app:1.2")));
        assertEquals(List.of("app", "sha256:abc"), List.of(ComposeCheckTestAccess.split("app@sha256:abc")));
    }

    // ---- profiles -----------------------------------------------------------------------------------

    @Test
    void dashboardOverrideWarnsWhenNoCommandEnablesItsProfile() {
        String text = "services:\n  dashboard:\n    environment:\n      PORT: \"3006\"\n";
        List<String> out = run(text, bash("docker compose -f compose.yaml -f compose.ports.yaml up -d --build\n"));
        assertEquals(List.of("content/x.adoc:41: [compose] warning: service 'dashboard' is under profile dashboard (kept from "
            + "upstream's compose, since an override does not drop profiles), so a plain 'docker compose up' skips it, and no "
            + "shell block of the guide starts compose with --profile dashboard or COMPOSE_PROFILES"), out);
        assertEquals(List.of(), run(text, bash("docker compose -f compose.yaml -f compose.ports.yaml --profile dashboard up -d\n")));
        assertEquals(List.of(), run(text, bash("COMPOSE_PROFILES=dashboard docker compose up -d\n")));
        assertEquals(List.of(), run(text), "no compose command in the guide: nothing to judge");
    }

    // ---- corpus ----------------------------------------------------------------------------------------

    @Test
    void upstreamAgentopsComposeWarnsOnlyAboutHostNetworking() {
        Snippet s = corpusSnippet("agentops/compose.yaml", Map.of("check", "compose", "ports", "upstream"));
        List<Finding> findings = check.check(s, context(catalog));
        assertEquals(List.of(8, 58), findings.stream().map(Finding::line).toList(), findings.toString());
        assertTrue(findings.stream().noneMatch(Finding::isError));
        assertTrue(findings.stream().allMatch(f -> f.message().contains(HOST_WARNING)));
    }

    @Test
    void upstreamPortsWithoutTheMarkAreErrors() {
        Snippet s = corpusSnippet("agentops/compose.yaml", Map.of("check", "compose"));
        List<Finding> errors = check.check(s, context(catalog)).stream().filter(Finding::isError).toList();
        assertEquals(List.of(9, 59), errors.stream().map(Finding::line).toList(), errors.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"agentops/otel-compose.yaml", "compose/supabase-docker-compose.yml",
        "compose/langfuse-docker-compose.yml", "compose/mattermost-docker-compose.yml"})
    void validComposeFilesPassClean(String file) {
        Snippet s = corpusSnippet(file, Map.of("check", "compose"));
        assertEquals(List.of(), format(check.check(s, context(catalog))));
    }

    @Test
    void litellmComposeOnlyWarnsAboutObsoleteVersion() {
        Snippet s = corpusSnippet("compose/litellm-docker-compose.yml", Map.of("check", "compose"));
        List<Finding> findings = check.check(s, context(catalog));
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(1, findings.get(0).line());
        assertFalse(findings.get(0).isError());
        assertTrue(findings.get(0).message().contains("'version' is obsolete"));
    }

    @Test
    void worksWithoutADeploymentCatalog() {
        Snippet s = corpusSnippet("agentops/compose.yaml", Map.of("check", "compose"));
        Catalog real = realCatalog();
        Catalog withoutDeployment = Catalog.of(java.util.Map.of("compose", CheckTestSupport.rawFile("compose"),
            "litellm", CheckTestSupport.rawFile("litellm"), "otel-collector", CheckTestSupport.rawFile("otel-collector")));
        List<Finding> findings = check.check(s, context(withoutDeployment));
        assertTrue(findings.stream().noneMatch(Finding::isError), findings.toString());
    }

    @Test
    void neverThrows() {
        for (String text : List.of("", "[]", "services: 5", "services:\n  a: 5", "services:\n  a:\n    ports: {x: 1}",
            "services:\n  a:\n    image: x\n    depends_on: 5", "services:\n  a:\n    image: [x]\n    volumes: 3",
            "services:\n  a:\n    build: .\n    command: {a: b}\n    environment: [null]", "services: ~", "---\n---\n")) {
            check.check(snippet("yaml", Map.of(), text), context(catalog));
        }
    }
}

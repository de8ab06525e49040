package dev.selfhostguide.checks;

import static dev.selfhostguide.checks.TestCatalogs.formatted;
import static dev.selfhostguide.checks.TestCatalogs.snippet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsAgreementCheckTest {

    @TempDir
    Path scratch;

    private final PortsAgreementCheck check = new PortsAgreementCheck();

    private List<String> run(String language, Map<String, String> attrs, String text) {
        return formatted(check.check(snippet(language, attrs, text), TestCatalogs.context(scratch)));
    }

    private static final String API_8000 = "port 8000 is upstream's default for api; the reference deployment uses 8003"
        + " (content/data/deployment.yml ports.api); write 8003, or mark the block ports=upstream if it shows upstream's"
        + " default on purpose";

    @Test
    void appliesToEverySnippet() {
        assertTrue(check.appliesTo(snippet("text", Map.of(), "x")));
        assertTrue(check.appliesTo(snippet("yaml", Map.of(), "x")));
    }

    @Test
    void referencePortsPass() {
        String text = """
            services:
              api:
                command: ["uv", "run", "--no-sync", "uvicorn", "agentops.app:app", "--host", "0.0.0.0", "--port", "8003"]
              dashboard:
                environment:
                  PORT: "3006"
                  NEXT_PUBLIC_API_URL: "http://api.agentops.internal.example:8003"
              clickhouse:
                image: clickhouse/clickhouse-server:24.12
                ports:
                  - "8123:8123"
                  - 24224:24224/udp
            # started at 12:30:45 on 2025-09-10T12:30:00Z, also listening on ::1 and fe80::1
            """;
        assertEquals(List.of(), run("yaml", Map.of(), text));
        assertEquals(List.of(), run("bash", Map.of(), "docker pull python:3.12-slim-bookworm\ndocker run -p 8003:8000 node:20-alpine\n"
            + "export CLICKHOUSE_PORT=8123\nnpm run start -- -p 3006\nmkdir -p /tmp/x\n"));
        assertEquals(List.of(), run("nginx", Map.of(), "server {\n  listen 80;\n  listen [::]:80;\n"
            + "  location / { proxy_pass http://127.0.0.1:8003; }\n}\n"));
    }

    @Test
    void upstreamDefaultsAreErrorsUnlessMarked() {
        assertEquals(List.of("content/x.adoc:41: [ports] " + API_8000),
            run("dotenv", Map.of(), "PROTOCOL=http\nAPI_DOMAIN=localhost:8000\n"));
        assertEquals(List.of(), run("dotenv", Map.of("ports", "upstream"), "API_DOMAIN=localhost:8000\n"));
        assertEquals(List.of("content/x.adoc:40: [ports] port 3000 is upstream's default for dashboard; the reference deployment"
            + " uses 3006 (content/data/deployment.yml ports.dashboard); write 3006, or mark the block ports=upstream if it shows"
            + " upstream's default on purpose"), run("python", Map.of(), "agentops.init(app_url=\"http://127.0.0.1:3000\")"));
        for (String line : List.of("uvicorn agentops.app:app --port 8000", "uvicorn x --port=8000", "docker run -p 8000:8000 x",
            "  - '8000:8000'", "listen 8000;", "API_PORT=8000", "port: 8000", "proxy_pass http://api:8000;",
            "curl http://[::1]:8000/health")) {
            assertEquals(List.of("content/x.adoc:40: [ports] " + API_8000), run("text", Map.of(), line), line);
        }
    }

    @Test
    void unknownPortsAreErrorsOncePerLine() {
        assertEquals(List.of("content/x.adoc:40: [ports] port 9999 is not a port of the reference deployment"
            + " (content/data/deployment.yml ports); use one of its ports or add it there"),
            run("bash", Map.of(), "curl localhost:9999 && curl 127.0.0.1:9999"));
    }

    @Test
    void imageReferencesAreNotPorts() {
        assertEquals(List.of(), run("yaml", Map.of(), "image: redis:7\nimage: postgres:15\n  - image: kong:2.8.1\n"));
        assertEquals(List.of(), run("dockerfile", Map.of(), "FROM agentopsai/otelcontribcol:latest\nFROM node:20\n"));
    }

    @Test
    void corpusFilesWithoutPortsOfTheirOwn() {
        Assumptions.assumeTrue(TestCatalogs.corpusPresent(), "../shared/corpus not present: skipping corpus test");
        // upstream's root .env.example uses upstream's ports 8000 and 3000: flagged, and fine with ports=upstream
        Snippet env = Snippet.ofFile(Path.of("app/.env.example"), "dotenv", Map.of(), TestCatalogs.corpus("agentops/env.example"));
        List<String> out = formatted(check.check(env, TestCatalogs.context(scratch)));
        assertEquals(List.of(
            "app/.env.example:7: [ports] " + API_8000,
            "app/.env.example:8: [ports] port 3000 is upstream's default for dashboard; the reference deployment uses 3006"
                + " (content/data/deployment.yml ports.dashboard); write 3006, or mark the block ports=upstream if it shows"
                + " upstream's default on purpose",
            "app/.env.example:9: [ports] port 3000 is upstream's default for dashboard; the reference deployment uses 3006"
                + " (content/data/deployment.yml ports.dashboard); write 3006, or mark the block ports=upstream if it shows"
                + " upstream's default on purpose",
            "app/.env.example:29: [ports] " + API_8000,
            "app/.env.example:30: [ports] port 3000 is upstream's default for dashboard; the reference deployment uses 3006"
                + " (content/data/deployment.yml ports.dashboard); write 3006, or mark the block ports=upstream if it shows"
                + " upstream's default on purpose"), out);
        Snippet upstream = Snippet.ofFile(Path.of("app/.env.example"), "dotenv", Map.of("ports", "upstream"),
            TestCatalogs.corpus("agentops/env.example"));
        assertEquals(List.of(), check.check(upstream, TestCatalogs.context(scratch)));
        // the collector's compose file: images with tags, port mappings incl. /udp, ${VAR:-http://clickhouse:8123}
        Snippet otel = Snippet.ofFile(Path.of("otel-compose.yaml"), "yaml", Map.of(), TestCatalogs.corpus("agentops/otel-compose.yaml"));
        assertEquals(List.of(), formatted(check.check(otel, TestCatalogs.context(scratch))));
    }
}

package dev.selfhostguide.checks;

import static dev.selfhostguide.checks.TestCatalogs.formatted;
import static dev.selfhostguide.checks.TestCatalogs.snippet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpCheckTest {

    @TempDir
    Path scratch;

    private final HttpCheck check = new HttpCheck();

    private List<String> run(String text) {
        return run(Map.of(), text);
    }

    private List<String> run(Map<String, String> attrs, String text) {
        return formatted(check.check(snippet("bash", attrs, text), TestCatalogs.context(scratch)));
    }

    @Test
    void appliesToShellBlocksWithCurl() {
        assertTrue(check.appliesTo(snippet("bash", Map.of(), "curl http://localhost:8003/health")));
        assertTrue(check.appliesTo(snippet("sh", Map.of(), "curl -s x")));
        assertFalse(check.appliesTo(snippet("bash", Map.of(), "echo hi")));
        assertFalse(check.appliesTo(snippet("json", Map.of(), "curl")));
    }

    @Test
    void goodCallsPass() {
        String text = """
            curl -fsS http://localhost:8003/health
            curl -sS -X POST http://127.0.0.1:8003/v3/auth/token \\
              -H 'Content-Type: application/json' \\
              -d '{"api_key": "<your-api-key>"}'
            TOKEN=$(curl -s --json '{"api_key": "'"$AGENTOPS_API_KEY"'"}' http://api.agentops.internal.example:8003/v3/auth/token | jq -r .token)
            curl -s -H "Authorization: Bearer $TOKEN" http://localhost:8003/v3/auth/token
            curl -s http://<your-host>:13133/
            curl --data-binary @app/clickhouse/migrations/0000_init.sql 'http://localhost:8123/?query='
            curl -sI http://localhost:8003/docs
            curl http://localhost:8003/opsboard/projects/1234/regenerate-key -X POST
            """;
        assertEquals(List.of(), run(text));
    }

    @Test
    void upstreamPortIsAnErrorNamingTheReferencePortAtTheUrlLine() {
        String text = "curl -sS \\\n  -X GET \\\n  http://localhost:8000/health\n";
        assertEquals(List.of("content/x.adoc:42: [http] in http://localhost:8000/health: port 8000 is upstream's default for api;"
            + " the reference deployment uses 8003 (content/data/deployment.yml ports.api); write 8003, or mark the block"
            + " ports=upstream if it shows upstream's default on purpose"), run(text));
        assertEquals(List.of(), run(Map.of("ports", "upstream"), text));
    }

    @Test
    void unknownPortHostAndPath() {
        assertEquals(List.of("content/x.adoc:40: [http] in http://localhost:9999/health: port 9999 is not a port of the reference"
            + " deployment (content/data/deployment.yml ports); use one of its ports or add it there"),
            run("curl http://localhost:9999/health"));
        assertEquals(List.of("content/x.adoc:40: [http] host 'api.agentops.ai' in https://api.agentops.ai:8003/health is not loopback,"
            + " a host or service of the reference deployment (content/data/deployment.yml), or a placeholder such as <your-host>"),
            run("curl https://api.agentops.ai:8003/health"));
        List<String> out = run("curl http://localhost:8003/healthz");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:40: [http] path /healthz in http://localhost:8003/healthz is not an endpoint"
            + " of the api on port 8003 (content/data/endpoints.yml lists GET /health, POST /v3/auth/token"), out.get(0));
        assertEquals(List.of("content/x.adoc:40: [http] DELETE /health is not an endpoint of the api (content/data/endpoints.yml has"
            + " GET /health)"), run("curl -X DELETE http://localhost:8003/health"));
        assertEquals(List.of("content/x.adoc:40: [http] GET /v1/traces is not an endpoint of the collector (content/data/endpoints.yml"
            + " has POST /v1/traces)"), run("curl http://localhost:4318/v1/traces"));
    }

    @Test
    void jsonBodiesMustParseAtTheirLine() {
        String text = """
            curl -X POST http://localhost:8003/v3/auth/token \\
              -H 'Content-Type: application/json' \\
              -d '{
                "api_key": "<your-api-key>",
              }'
            """;
        assertEquals(List.of("content/x.adoc:44: [http] invalid JSON at column 3: trailing comma before '}'"), run(text));
    }

    @Test
    void otlpHeredocBodyIsChecked() {
        String good = "curl -sS -X POST http://localhost:4318/v1/traces \\\n"
            + "  -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n"
            + "  --data-binary @- <<EOF\n" + JsonCheckTest.GOOD_TRACE.replace("\"1760000000000000000\"", "\"$START\"") + "EOF\n";
        assertEquals(List.of(), run(good));
        String bad = good.replace("eee19b7ec3c1b174", "eee19b7e");
        // the heredoc starts at snippet line 4; spanId is its 8th line
        assertEquals(List.of("content/x.adoc:50: [http] OTLP trace: spanId \"eee19b7e\" must be 16 hex digits (OTLP/JSON writes ids"
            + " as hex, not base64)"), run(bad));
        String piped = "cat <<'JSON' | curl -X POST --data @- http://localhost:4318/v1/traces\n{\"resourceSpans\": [}\nJSON\n";
        assertEquals(List.of("content/x.adoc:41: [http] invalid JSON at column 20: unexpected '}': expected a value"), run(piped));
    }

    @Test
    void curlInsideCommentsAndOtherWordsIsIgnored() {
        assertEquals(List.of(), run("# curl http://localhost:8000/health\necho curl http://localhost:8000/x\n"));
    }

    @Test
    void neverThrows() {
        for (String s : List.of("curl", "curl -X", "curl '", "curl \"", "curl http://[::1", "curl -d", "curl <<EOF",
            "curl http://localhost:99999999/", "curl ://", "curl http://localhost:/x")) {
            check.check(snippet("bash", Map.of(), s), TestCatalogs.context(scratch));
        }
    }
}

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

class JsonCheckTest {

    @TempDir
    Path scratch;

    private final JsonCheck check = new JsonCheck();

    static final String GOOD_TRACE = """
        {
          "resourceSpans": [{
            "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "guide"}}]},
            "scopeSpans": [{
              "scope": {"name": "guide"},
              "spans": [{
                "traceId": "5b8efff798038103d269b633813fc60c",
                "spanId": "eee19b7ec3c1b174",
                "name": "hello",
                "kind": 1,
                "startTimeUnixNano": "1760000000000000000",
                "endTimeUnixNano": 1760000000500000000
              }]
            }]
          }]
        }
        """;

    private List<String> run(String text) {
        return formatted(check.check(snippet("json", Map.of(), text), TestCatalogs.context(scratch)));
    }

    @Test
    void appliesToJson() {
        assertTrue(check.appliesTo(snippet("json", Map.of(), "{}")));
        assertFalse(check.appliesTo(snippet("yaml", Map.of(), "{}")));
    }

    @Test
    void goodJsonPasses() {
        assertEquals(List.of(), run("{\"api_key\": \"<your-api-key>\", \"n\": [1, -2.5e3, true, null, {}], \"s\": \"a\\u00e9\\n\"}"));
        assertEquals(List.of(), run(GOOD_TRACE));
    }

    @Test
    void errorsAtLineAndColumn() {
        assertEquals(List.of("content/x.adoc:42: [json] invalid JSON at column 1: trailing comma before '}'"),
            run("{\n  \"a\": 1,\n}"));
        assertEquals(List.of("content/x.adoc:41: [json] invalid JSON at column 3: comment: JSON has no comments"),
            run("{\n  // note\n  \"a\": 1\n}"));
        assertEquals(List.of("content/x.adoc:40: [json] invalid JSON at column 2: single-quoted key: JSON keys use double quotes"),
            run("{'a': 1}"));
        assertEquals(List.of("content/x.adoc:42: [json] invalid JSON at column 3: duplicate key \"a\" (first at line 2): parsers keep"
            + " only one of them"), run("{\n  \"a\": 1,\n  \"a\": 2\n}"));
        assertEquals(List.of("content/x.adoc:40: [json] invalid JSON at column 5: trailing comma before ']'"), run("[1, ]"));
        assertEquals(List.of("content/x.adoc:40: [json] invalid JSON at column 1: empty input: expected a JSON value"), run(""));
        assertEquals(List.of("content/x.adoc:40: [json] invalid JSON at column 3: unexpected '2' after the end of the JSON value"),
            run("1 2"));
        assertEquals(List.of("content/x.adoc:40: [json] invalid JSON at column 9: unterminated string"), run("{\"a\": \"x"));
        assertEquals(List.of("content/x.adoc:40: [json] invalid JSON at column 7: leading zero in a number"), run("{\"a\": 01}"));
    }

    @Test
    void otlpStructureIsChecked() {
        String bad = GOOD_TRACE
            .replace("5b8efff798038103d269b633813fc60c", "W4779/eYA4hT0mm2M4P8YA==")
            .replace("\"name\": \"hello\",", "")
            .replace("\"1760000000000000000\"", "1760000000");
        List<String> out = run(bad);
        assertEquals(List.of(
            "content/x.adoc:46: [json] OTLP trace: traceId \"W4779/eYA4hT0mm2M4P8YA==\" must be 32 hex digits (OTLP/JSON writes ids as"
                + " hex, not base64)",
            "content/x.adoc:45: [json] OTLP trace: span eee19b7ec3c1b174 has no name: name is required",
            "content/x.adoc:50: [json] OTLP trace: startTimeUnixNano 1760000000 must be Unix time in nanoseconds: an integer or a"
                + " numeric string of 19 digits"), out);
        List<String> backwards = run(GOOD_TRACE.replace("1760000000500000000", "1750000000500000000"));
        assertEquals(List.of("content/x.adoc:51: [json] OTLP trace: span eee19b7ec3c1b174 ends before it starts: endTimeUnixNano"
            + " must be >= startTimeUnixNano"), backwards);
        assertEquals(List.of("content/x.adoc:40: [json] OTLP trace: a resourceSpans entry has no scopeSpans list"),
            run("{\"resourceSpans\": [{\"resource\": {}}]}"));
        assertEquals(List.of("content/x.adoc:40: [json] OTLP trace: resourceSpans is empty: the request carries no spans"),
            run("{\"resourceSpans\": []}"));
    }

    @Test
    void neverThrows() {
        for (String s : List.of("{", "[", "\"", "{\"a\"", "{\"a\":", "tru", "-", "1.", "1e", "\"\\u12\"", "[".repeat(500))) {
            check.check(snippet("json", Map.of(), s), TestCatalogs.context(scratch));
        }
    }
}

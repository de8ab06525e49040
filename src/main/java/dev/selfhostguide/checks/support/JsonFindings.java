package dev.selfhostguide.checks.support;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.ArrayList;
import java.util.List;

/** Strict JSON findings, and OTLP trace structure when the JSON is a trace request. */
public final class JsonFindings {

    private JsonFindings() {
    }

    /**
     * Checks {@code json} whose first line is line {@code firstLine} of the snippet; the json check uses
     * it for whole blocks, the http check for request bodies, each with its own id.
     */
    public static List<Finding> of(Snippet snippet, String json, int firstLine, String checkId) {
        List<Finding> findings = new ArrayList<>();
        StrictJson.Document doc;
        try {
            doc = StrictJson.parse(json);
        } catch (StrictJson.ParseError e) {
            findings.add(Finding.error(snippet, firstLine + e.line - 1, checkId,
                "invalid JSON at column " + e.column + ": " + e.getMessage()));
            return findings;
        }
        if (OtlpTraceRules.isTraceRequest(doc.root)) {
            for (OtlpTraceRules.Problem p : OtlpTraceRules.check(doc)) {
                findings.add(Finding.error(snippet, firstLine + p.line() - 1, checkId, "OTLP trace: " + p.message()));
            }
        }
        return findings;
    }
}

package dev.selfhostguide.checks.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The structure of an OTLP/JSON trace export request (ExportTraceServiceRequest in its JSON
 * mapping): resourceSpans[].scopeSpans[].spans[], each span with a 32-hex traceId, a 16-hex
 * spanId, a name, and start/end times in Unix nanoseconds. The OTLP JSON mapping writes 64-bit
 * integers as decimal strings or numbers, and ids as hex (not base64), so those are what pass.
 */
public final class OtlpTraceRules {

    /** A problem at a 1-based line of the JSON text. */
    public record Problem(int line, String message) { }

    private OtlpTraceRules() { }

    public static boolean isTraceRequest(Object root) {
        return root instanceof Map<?, ?> map && map.containsKey("resourceSpans");
    }

    public static List<Problem> check(StrictJson.Document doc) {
        List<Problem> problems = new ArrayList<>();
        Map<?, ?> root = (Map<?, ?>) doc.root;
        List<?> resourceSpans = list(doc, root, "resourceSpans", "the request", problems);
        if (resourceSpans == null) {
            return problems;
        }
        if (resourceSpans.isEmpty()) {
            problems.add(new Problem(doc.line(root, "resourceSpans"), "resourceSpans is empty: the request carries no spans"));
        }
        int spanCount = 0;
        for (Object rs : resourceSpans) {
            if (!(rs instanceof Map<?, ?> rsMap)) {
                problems.add(new Problem(doc.line(resourceSpans), "each resourceSpans entry must be an object"));
                continue;
            }
            if (rsMap.containsKey("instrumentationLibrarySpans") && !rsMap.containsKey("scopeSpans")) {
                problems.add(new Problem(doc.line(rsMap, "instrumentationLibrarySpans"),
                    "instrumentationLibrarySpans is the pre-1.0 OTLP name: current collectors read scopeSpans"));
                continue;
            }
            List<?> scopeSpans = list(doc, rsMap, "scopeSpans", "a resourceSpans entry", problems);
            if (scopeSpans == null) {
                continue;
            }
            for (Object ss : scopeSpans) {
                if (!(ss instanceof Map<?, ?> ssMap)) {
                    problems.add(new Problem(doc.line(scopeSpans), "each scopeSpans entry must be an object"));
                    continue;
                }
                List<?> spans = list(doc, ssMap, "spans", "a scopeSpans entry", problems);
                if (spans == null) {
                    continue;
                }
                for (Object span : spans) {
                    spanCount++;
                    if (span instanceof Map<?, ?> spanMap) {
                        checkSpan(doc, spanMap, problems);
                    } else {
                        problems.add(new Problem(doc.line(spans), "each span must be an object"));
                    }
                }
            }
        }
        if (spanCount == 0 && problems.isEmpty()) {
            problems.add(new Problem(doc.line(root), "the request has no spans"));
        }
        return problems;
    }

    private static void checkSpan(StrictJson.Document doc, Map<?, ?> span, List<Problem> problems) {
        hexId(doc, span, "traceId", 32, problems);
        hexId(doc, span, "spanId", 16, problems);
        if (span.containsKey("parentSpanId") && !"".equals(span.get("parentSpanId"))) {
            hexId(doc, span, "parentSpanId", 16, problems);
        }
        Object name = span.get("name");
        if (!(name instanceof String s) || s.isEmpty()) {
            problems.add(new Problem(doc.line(span, "name"), "span " + idOf(span) + "has no name: name is required"));
        }
        java.math.BigInteger start = nanos(doc, span, "startTimeUnixNano", problems);
        java.math.BigInteger end = nanos(doc, span, "endTimeUnixNano", problems);
        if (start != null && end != null && end.compareTo(start) < 0) {
            problems.add(new Problem(doc.line(span, "endTimeUnixNano"),
                "span " + idOf(span) + "ends before it starts: endTimeUnixNano must be >= startTimeUnixNano"));
        }
    }

    private static void hexId(StrictJson.Document doc, Map<?, ?> span, String key, int length, List<Problem> problems) {
        Object v = span.get(key);
        if (fromShell(v)) {
            return;
        }
        if (v == null) {
            problems.add(new Problem(doc.line(span), "span has no " + key + ": it needs " + length + " hex digits"));
        } else if (!(v instanceof String s) || !s.matches("[0-9a-fA-F]{" + length + "}")) {
            problems.add(new Problem(doc.line(span, key), key + " " + show(v) + " must be " + length
                + " hex digits (OTLP/JSON writes ids as hex, not base64)"));
        } else if (s.matches("0+")) {
            problems.add(new Problem(doc.line(span, key), key + " is all zeros, which OTLP treats as invalid"));
        }
    }

    private static java.math.BigInteger nanos(StrictJson.Document doc, Map<?, ?> span, String key, List<Problem> problems) {
        Object v = span.get(key);
        if (fromShell(v)) {
            return null;
        }
        String digits = null;
        if (v instanceof StrictJson.Num n && n.isInteger()) {
            digits = n.text();
        } else if (v instanceof String s && s.matches("\\d+")) {
            digits = s;
        }
        if (v == null) {
            problems.add(new Problem(doc.line(span), "span " + idOf(span) + "has no " + key));
            return null;
        }
        if (digits == null || digits.length() != 19) {
            problems.add(new Problem(doc.line(span, key), key + " " + show(v)
                + " must be Unix time in nanoseconds: an integer or a numeric string of 19 digits"));
            return null;
        }
        return new java.math.BigInteger(digits);
    }

    /** A value a shell expansion fills in when the command runs: it cannot be judged here. */
    private static boolean fromShell(Object v) {
        return v instanceof String s && s.contains(ShellWords.EXPANSION);
    }

    private static List<?> list(StrictJson.Document doc, Map<?, ?> parent, String key, String where, List<Problem> problems) {
        Object v = parent.get(key);
        if (v instanceof List<?> l) {
            return l;
        }
        problems.add(new Problem(doc.line(parent, key), v == null ? where + " has no " + key + " list"
            : key + " must be a list"));
        return null;
    }

    private static String idOf(Map<?, ?> span) {
        return span.get("spanId") instanceof String s ? s + " " : "";
    }

    private static String show(Object v) {
        if (v instanceof StrictJson.Num n) {
            return n.text();
        }
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }
}

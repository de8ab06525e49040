package dev.selfhostguide.doctor;

import dev.selfhostguide.json.JsonString;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How doctor's report is written: {@code text} (the decisions, then one line per finding, then
 * the summary), {@code json} (one object, for scripts), or {@code sarif} (SARIF 2.1.0, which GitHub
 * code scanning and IDEs read). Findings are already masked ({@link SecretMask}); file paths are
 * shown as the reader named them.
 */
public enum ReportFormat {
    TEXT, JSON, SARIF;

    public static Optional<ReportFormat> byName(String name) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static String names() {
        return "text, json, sarif";
    }

    /** The summary line of text output. */
    public static String summary(Doctor.Report report) {
        long errors = report.errors();
        long warnings = report.warnings();
        int files = report.files().size();
        return (errors == 0 ? "doctor: no problems" : "doctor: " + errors + " problem" + (errors == 1 ? "" : "s"))
            + (warnings > 0 ? ", " + warnings + " warning" + (warnings == 1 ? "" : "s") : "")
            + " in " + files + " file" + (files == 1 ? "" : "s");
    }

    /** The path of a finding's file as the reader named it. */
    static String shown(Doctor.Report report, Path file) {
        for (ReaderFile f : report.files()) {
            if (f.path().equals(file)) {
                return f.shown();
            }
        }
        return file.getFileName() == null ? file.toString() : file.toString();
    }

    public String write(Doctor.Report report, String version) {
        return switch (this) {
            case TEXT -> throw new IllegalStateException("text output is written line by line by the console");
            case JSON -> json(report);
            case SARIF -> sarif(report, version);
        };
    }

    private static String json(Doctor.Report report) {
        List<Object> files = new ArrayList<>();
        for (ReaderFile f : report.files()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("path", f.shown());
            o.put("kind", f.kind().id());
            o.put("component", f.component().isEmpty() ? null : f.component());
            o.put("decision", f.decision());
            files.add(o);
        }
        List<Object> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", shown(report, f.file()));
            o.put("line", f.line());
            o.put("check", f.check());
            o.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            o.put("message", f.message());
            findings.add(o);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("files", files);
        root.put("findings", findings);
        root.put("notes", new ArrayList<Object>(report.notes()));
        root.put("errors", report.errors());
        root.put("warnings", report.warnings());
        return encode(root) + "\n";
    }

    private static String sarif(Doctor.Report report, String version) {
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        List<Object> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            rules.computeIfAbsent(f.check(), id -> {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("id", id);
                rule.put("shortDescription", Map.of("text", "guide doctor check '" + id + "'"));
                return rule;
            });
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("startLine", Math.max(1, f.line()));
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", shown(report, f.file()).replace('\\', '/')));
            physical.put("region", region);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", f.check());
            result.put("level", f.isError() ? "error" : "warning");
            result.put("message", Map.of("text", f.message()));
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
            results.add(result);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "guide doctor");
        driver.put("version", version);
        driver.put("rules", new ArrayList<Object>(rules.values()));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return encode(root) + "\n";
    }

    /** Compact JSON of maps, lists, strings, numbers, booleans and null. */
    static String encode(Object value) {
        StringBuilder out = new StringBuilder();
        encode(value, out);
        return out.toString();
    }

    private static void encode(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            JsonString.write(out, s, JsonString.Escaping.UTF8);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                encode(String.valueOf(e.getKey()), out);
                out.append(':');
                encode(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                encode(list.get(i), out);
            }
            out.append(']');
        } else {
            encode(String.valueOf(value), out);
        }
    }
}

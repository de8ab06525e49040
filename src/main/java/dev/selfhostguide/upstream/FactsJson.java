package dev.selfhostguide.upstream;

import dev.selfhostguide.json.JsonString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The catalog as data: every fact with its file and line, its fields, its evidence (with the
 * repository and pinned commit each entry is read at) and its verification status. Written by
 * {@code guide facts --json} and into the offline bundle as {@code facts.json}; the same catalog
 * gives the same bytes, so the bundle stays reproducible.
 */
public final class FactsJson {

    public static final String FILE = "facts.json";

    private FactsJson() {
    }

    /** The JSON of {@code catalog}; {@code results} (from {@link Verifier}) or null when no clone was given. */
    public static String of(FactCatalog catalog, List<Verifier.Result> results) {
        StringBuilder out = new StringBuilder("{\n  \"sources\": {");
        boolean first = true;
        for (FactCatalog.Source s : catalog.sources().values()) {
            out.append(first ? "\n" : ",\n").append("    ");
            string(out, s.key());
            out.append(": {\"repo\": ");
            string(out, s.repo());
            out.append(", \"commit\": ");
            string(out, s.commit());
            out.append('}');
            first = false;
        }
        out.append("\n  },\n  \"facts\": [");
        Path root = catalog.dir().toAbsolutePath().getParent() == null ? catalog.dir() : catalog.dir().toAbsolutePath().getParent().getParent();
        List<Fact> facts = catalog.facts();
        for (int i = 0; i < facts.size(); i++) {
            Fact f = facts.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"kind\": ");
            string(out, f.kind());
            out.append(", \"id\": ");
            string(out, f.id());
            out.append(", \"name\": ");
            string(out, f.name());
            out.append(", \"file\": ");
            Path file = f.file().toAbsolutePath();
            string(out, root != null && file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : f.file().toString());
            out.append(", \"line\": ").append(f.line()).append(",\n      \"fields\": {");
            boolean firstField = true;
            for (Map.Entry<String, String> e : f.fields().entrySet()) {
                out.append(firstField ? "" : ", ");
                string(out, e.getKey());
                out.append(": ");
                string(out, e.getValue());
                firstField = false;
            }
            out.append("},\n      \"evidence\": [");
            for (int j = 0; j < f.evidence().size(); j++) {
                Evidence e = f.evidence().get(j);
                out.append(j == 0 ? "" : ", ").append("{\"repo\": ");
                string(out, e.repo());
                FactCatalog.Source source = catalog.sources().get(e.repo());
                out.append(", \"github\": ");
                string(out, source == null ? "" : source.repo());
                out.append(", \"commit\": ");
                string(out, source == null ? "" : source.commit());
                out.append(", \"path\": ");
                string(out, e.path());
                out.append(e.match() != null ? ", \"match\": " : ", \"regex\": ");
                string(out, e.match() != null ? e.match() : e.regex());
                out.append('}');
            }
            out.append("],\n      \"status\": ");
            Verifier.Result result = results == null ? null : results.get(i);
            string(out, result == null ? "not verified: no clone given" : result.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            if (result != null && !result.found().isEmpty()) {
                out.append(", \"found\": [");
                for (int j = 0; j < result.found().size(); j++) {
                    out.append(j == 0 ? "" : ", ");
                    string(out, result.found().get(j));
                }
                out.append(']');
            }
            out.append('}');
        }
        out.append("\n  ]\n}\n");
        return out.toString();
    }

    /** Writes facts.json for the data in {@code dataDir} into {@code folder} (the bundle's hook); nothing when there is no data. */
    public static void write(Path dataDir, Path folder) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        Files.writeString(folder.resolve(FILE), of(FactCatalog.load(dataDir), null), StandardCharsets.UTF_8);
    }

    /** A JSON string; non-ASCII is escaped so the file reads the same in any charset. */
    static void string(StringBuilder out, String s) {
        JsonString.write(out, s, JsonString.Escaping.ASCII);
    }
}

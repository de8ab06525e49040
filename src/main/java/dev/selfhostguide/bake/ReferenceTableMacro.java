package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.asciidoctor.ast.StructuralNode;
import org.asciidoctor.extension.BlockMacroProcessor;

/**
 * {@code guide-table::ports[]}, {@code guide-table::variables[component=api]} and
 * {@code guide-table::endpoints[]} and {@code guide-table::replace[]} (the values a reader changes): reference tables generated from the data files at bake time,
 * so a table can never disagree with a snippet that the checks hold to the same data.
 */
final class ReferenceTableMacro extends BlockMacroProcessor {

    static final String NAME = "guide-table";

    /** The kinds of deployment.yml replace: entries, as the Korean table names them. */
    private static final Map<String, String> KINDS_KO = Map.of(
        "host", "호스트 이름", "port", "포트", "secret", "비밀 값", "key", "키");

    private final Supplier<Catalog> catalog;
    private final Diagnostics diagnostics;

    ReferenceTableMacro(Supplier<Catalog> catalog, Diagnostics diagnostics) {
        super(NAME);
        this.catalog = catalog;
        this.diagnostics = diagnostics;
    }

    @Override
    public Object process(StructuralNode parent, String target, Map<String, Object> attributes) {
        try {
            Catalog data = catalog.get();
            // docdir is the content root (the converter's base_dir), so the edition comes from docfile.
            Object docdir = parent.getDocument().getAttribute("docdir", "");
            Object docfile = parent.getDocument().getAttribute("docfile", "");
            boolean korean = !String.valueOf(docfile).isEmpty()
                && "ko".equals(Editions.languageOf(java.nio.file.Path.of(String.valueOf(docdir)).toAbsolutePath(),
                    java.nio.file.Path.of(String.valueOf(docfile))));
            List<String> lines = switch (target) {
                case "ports" -> ports(data, korean);
                case "variables" -> variables(data, String.valueOf(attributes.getOrDefault("component", "")), korean);
                case "endpoints" -> endpoints(data, korean);
                case "replace" -> replace(data, korean);
                default -> throw new IllegalArgumentException(
                    "unknown table '" + target + "': use ports, variables, endpoints or replace");
            };
            parseContent(parent, lines);
        } catch (RuntimeException e) {
            // An exception would surface from JRuby as a stack trace; a finding names the line.
            Object component = attributes.get("component");
            diagnostics.reportAtReference(NAME + "::" + target, component == null ? null : "component=" + component,
                NAME, e.getMessage());
        }
        return null;
    }

    private static List<String> ports(Catalog data, boolean korean) {
        List<String> rows = korean
            ? header("25,10,10,10,45", "포트 ID", "참조 배포", "업스트림", "프로토콜", "구성 요소와 출처")
            : header("25,10,10,10,45", "Port id", "Reference", "Upstream", "Protocol", "Component and source");
        for (Catalog.Port p : data.ports()) {
            rows.add(row(code(p.id()), Integer.toString(p.reference()), Integer.toString(p.upstream()),
                p.protocol(), prose(p.component()) + (p.source().isEmpty() ? "" : " (" + code(p.source()) + ")")));
        }
        return close(rows);
    }

    private static List<String> variables(Catalog data, String component, boolean korean) {
        Map<String, Object> components = data.section("variables", "components");
        Object entry = components.get(component);
        if (!(entry instanceof Map<?, ?> comp) || !(comp.get("variables") instanceof Map<?, ?> vars)) {
            throw new IllegalArgumentException("guide-table::variables needs component= one of " + components.keySet());
        }
        List<String> rows = korean
            ? header("30,20,50", "변수", "기본값", "읽는 곳")
            : header("30,20,50", "Variable", "Default", "What reads it");
        vars.forEach((name, raw) -> {
            Map<?, ?> v = raw instanceof Map<?, ?> m ? m : Map.of();
            String where = text(v.get("read_at"));
            String description = text(v.get("description"));
            String dead = text(v.get("dead"));
            StringBuilder what = new StringBuilder();
            if (!description.isEmpty()) {
                what.append(prose(description));
            }
            if (!where.isEmpty()) {
                what.append(what.length() > 0 ? " " : "").append("Read in ").append(code(where)).append(".");
            }
            if (!dead.isEmpty()) {
                what.append(what.length() > 0 ? " " : "").append("*Not read:* ").append(prose(dead));
            }
            if (Boolean.TRUE.equals(v.get("secret"))) {
                what.append(what.length() > 0 ? " " : "").append("_Secret._");
            }
            String def = text(v.get("default"));
            rows.add(row(code(String.valueOf(name)), code(def), what.toString()));
        });
        return close(rows);
    }

    private static List<String> endpoints(Catalog data, boolean korean) {
        Object list = data.file("endpoints").get("endpoints");
        if (!(list instanceof List<?> endpoints)) {
            throw new IllegalArgumentException("content/data/endpoints.yml has no 'endpoints' list");
        }
        List<String> rows = korean
            ? header("10,30,20,40", "메서드", "경로", "구성 요소(포트)", "출처")
            : header("10,30,20,40", "Method", "Path", "Component (port)", "Source");
        for (Object raw : endpoints) {
            Map<?, ?> e = raw instanceof Map<?, ?> m ? m : Map.of();
            String port = text(e.get("port"));
            String portText = data.port(port).map(p -> p.reference() + "").orElse(port);
            rows.add(row(prose(text(e.get("method"))), code(text(e.get("path"))),
                prose(text(e.get("component"))) + (portText.isEmpty() ? "" : " (" + portText + ")"),
                code(text(e.get("source")))));
        }
        return close(rows);
    }

    /**
     * deployment.yml {@code replace:}. Each row's files are read so that the table fails the build
     * when an example file stops holding the value it says the reader must change there.
     */
    private static List<String> replace(Catalog data, boolean korean) {
        Object list = data.file("deployment").get("replace");
        if (!(list instanceof List<?> entries)) {
            throw new IllegalArgumentException("content/data/deployment.yml has no 'replace' list");
        }
        Map<String, String> attributes = data.attributes();
        java.nio.file.Path examples = data.dir().resolveSibling("examples");
        List<String> rows = korean
            ? header("25,10,25,40", "값", "종류", "들어 있는 예제 파일", "넣을 값")
            : header("25,10,25,40", "Value", "Kind", "Example files that hold it", "What to put there");
        for (Object raw : entries) {
            Map<?, ?> e = raw instanceof Map<?, ?> m ? m : Map.of();
            String attribute = text(e.get("attribute"));
            String variable = text(e.get("variable"));
            String shown;
            String needle;
            if (!attribute.isEmpty()) {
                needle = attributes.get(attribute);
                if (needle == null) {
                    throw new IllegalArgumentException("deployment.yml replace: no attribute '" + attribute + "'");
                }
                shown = needle;
            } else if (!variable.isEmpty()) {
                needle = variable;
                shown = variable;
            } else {
                throw new IllegalArgumentException("deployment.yml replace: each entry needs attribute or variable");
            }
            List<String> files = new ArrayList<>();
            if (e.get("files") instanceof List<?> names) {
                for (Object name : names) {
                    java.nio.file.Path file = examples.resolve(String.valueOf(name));
                    String content;
                    try {
                        content = java.nio.file.Files.readString(file);
                    } catch (java.io.IOException | RuntimeException ex) {
                        throw new IllegalArgumentException("deployment.yml replace: cannot read content/examples/" + name);
                    }
                    if (!content.contains(needle)) {
                        throw new IllegalArgumentException("deployment.yml replace: content/examples/" + name
                            + " no longer contains '" + needle + "'; update the file list or the example");
                    }
                    files.add(code(String.valueOf(name)));
                }
            }
            String what = text(e.get(korean ? "what_ko" : "what"));
            if (what.isEmpty()) {
                throw new IllegalArgumentException("deployment.yml replace: '" + shown + "' has no "
                    + (korean ? "what_ko" : "what") + " to tell the reader what to put there");
            }
            String kind = text(e.get("kind"));
            if (korean) {
                kind = KINDS_KO.getOrDefault(kind, kind);
            }
            rows.add(row(code(shown), prose(kind), String.join(", ", files), prose(what)));
        }
        return close(rows);
    }

    private static List<String> header(String cols, String... names) {
        List<String> rows = new ArrayList<>();
        rows.add("[%header,cols=\"" + cols + "\",role=reference-table]");
        rows.add("|===");
        rows.add(row(names));
        rows.add("");
        return rows;
    }

    private static List<String> close(List<String> rows) {
        rows.add("|===");
        return rows;
    }

    private static String row(String... cells) {
        StringBuilder line = new StringBuilder();
        for (String cell : cells) {
            line.append("|").append(cell.replace("|", "\\|")).append(' ');
        }
        return line.toString().stripTrailing();
    }

    /** Monospace without substitutions, so a value like ${VAR} is shown as it is. */
    private static String code(String value) {
        return value.isEmpty() ? "" : "`+" + value.replace("+", "{plus}") + "+`";
    }

    /** Prose from the data files, with attribute references and passthrough marks made inert. */
    private static String prose(String value) {
        return value.replace("{", "&#123;").replace("}", "&#125;").replace("+", "&#43;");
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).strip();
    }
}

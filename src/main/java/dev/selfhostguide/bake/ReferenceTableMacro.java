package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.facts.Endpoints;
import dev.selfhostguide.facts.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.asciidoctor.ast.StructuralNode;
import org.asciidoctor.extension.BlockMacroProcessor;

/**
 * {@code guide-table::ports[]}, {@code guide-table::variables[component=api]} and
 * {@code guide-table::endpoints[]}: reference tables generated from the data files at bake time,
 * so a table can never disagree with a snippet that the checks hold to the same data.
 */
final class ReferenceTableMacro extends BlockMacroProcessor {

    static final String NAME = "guide-table";

    /** The run converting on the calling thread: its data, and where its findings go. */
    private final Supplier<Diagnostics> run;

    ReferenceTableMacro(Supplier<Diagnostics> run) {
        super(NAME);
        this.run = run;
    }

    @Override
    public Object process(StructuralNode parent, String target, Map<String, Object> attributes) {
        Diagnostics diagnostics = run.get();
        if (diagnostics == null) {
            throw new IllegalStateException(NAME + " used outside a conversion run");
        }
        try {
            Catalog data = diagnostics.catalog();
            boolean korean = String.valueOf(parent.getDocument().getAttribute("docdir", "")).replace('\\', '/').endsWith("/ko");
            List<String> lines = switch (target) {
                case "ports" -> ports(data, korean);
                case "variables" -> variables(data, String.valueOf(attributes.getOrDefault("component", "")), korean);
                case "endpoints" -> endpoints(data, korean);
                default -> throw new IllegalArgumentException(
                    "unknown table '" + target + "': use ports, variables or endpoints");
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
        Variables.Component comp = data.variables().components().get(component);
        if (comp == null) {
            throw new IllegalArgumentException("guide-table::variables needs component= one of "
                + data.variables().components().keySet());
        }
        List<String> rows = korean
            ? header("30,20,50", "변수", "기본값", "읽는 곳")
            : header("30,20,50", "Variable", "Default", "What reads it");
        comp.variables().forEach((name, v) -> {
            String description = text(v.description());
            String where = text(v.readAt());
            String dead = text(v.dead());
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
            if (v.secret().orElse(false)) {
                what.append(what.length() > 0 ? " " : "").append("_Secret._");
            }
            rows.add(row(code(name), code(text(v.defaultValue())), what.toString()));
        });
        return close(rows);
    }

    private static List<String> endpoints(Catalog data, boolean korean) {
        List<String> rows = korean
            ? header("10,30,20,40", "메서드", "경로", "구성 요소(포트)", "출처")
            : header("10,30,20,40", "Method", "Path", "Component (port)", "Source");
        for (Endpoints.Endpoint e : data.endpoints().endpoints()) {
            String portText = data.port(e.port()).map(p -> p.reference() + "").orElse(e.port());
            rows.add(row(prose(text(e.method())), code(text(e.path())),
                prose(text(e.component())) + (portText.isEmpty() ? "" : " (" + portText + ")"),
                code(text(e.source()))));
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

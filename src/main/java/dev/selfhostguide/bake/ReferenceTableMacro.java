package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.facts.Endpoints;
import dev.selfhostguide.facts.Replacements;
import dev.selfhostguide.facts.Variables;
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
            boolean korean = isKorean(parent.getDocument());
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

    /** A page of content/ko/: its :lang: says so, or where Asciidoctor loaded it from. */
    private static boolean isKorean(org.asciidoctor.ast.Document document) {
        if ("ko".equals(String.valueOf(document.getAttribute("lang", "")))) {
            return true;
        }
        String dir = String.valueOf(document.getAttribute("docdir", "")).replace('\\', '/');
        String file = String.valueOf(document.getAttribute("docfile", "")).replace('\\', '/');
        return dir.endsWith("/ko") || file.contains("/ko/");
    }

    private static List<String> ports(Catalog data, boolean korean) {
        List<String> rows = korean
            ? header("25,10,10,10,45", "포트 ID", "참조 배포", "업스트림", "프로토콜", "구성 요소와 출처")
            : header("25,10,10,10,45", "Port id", "Reference", "Upstream", "Protocol", "Component and source");
        for (Catalog.Port p : data.ports()) {
            String note = korean ? firstOf(p.noteKo(), p.note()) : text(p.note());
            rows.add(row(code(p.id()), Integer.toString(p.reference()), Integer.toString(p.upstream()),
                p.protocol(), prose(p.component()) + (p.source().isEmpty() ? "" : " (" + code(p.source()) + ")")
                    + (note.isEmpty() ? "" : " " + prose(note))));
        }
        return close(rows);
    }

    private static final Variables.Descriptions NO_DESCRIPTIONS = new Variables.Descriptions("", "", Map.of());
    private static final Variables.Description NO_DESCRIPTION = new Variables.Description("", "", "", "", "");

    private static List<String> variables(Catalog data, String component, boolean korean) {
        Map<String, Variables.Component> components = data.variables().components();
        Variables.Component comp = components.get(component);
        if (comp == null) {
            throw new IllegalArgumentException("guide-table::variables needs component= one of " + components.keySet());
        }
        // What each variable does lives beside the facts, per component, in both languages.
        Variables.Descriptions described = data.variables().descriptions().getOrDefault(component, NO_DESCRIPTIONS);
        String unset = text(korean ? described.unsetKo() : described.unsetEn());
        List<String> rows = korean
            ? header("30,20,50", "변수", "기본값", "하는 일과 읽는 곳")
            : header("30,20,50", "Variable", "Default", "What it does and what reads it");
        comp.variables().forEach((name, v) -> {
            Variables.Description d = described.variables().getOrDefault(name, NO_DESCRIPTION);
            List<String> parts = new ArrayList<>();
            String description = text(korean ? d.ko() : d.en());
            if (description.isEmpty()) {
                description = korean ? firstOf(v.descriptionKo(), v.description()) : text(v.description());
            }
            if (!description.isEmpty()) {
                parts.add(prose(description));
            }
            String passes = passesTo(v.passesTo(), korean);
            if (!passes.isEmpty()) {
                parts.add(passes);
            }
            String where = text(v.readAt());
            if (!where.isEmpty()) {
                parts.add(korean ? "읽는 곳: " + code(where) + "." : "Read in " + code(where) + ".");
            }
            String note = korean ? firstOf(d.noteKo(), v.noteKo(), v.note()) : text(v.note());
            if (!note.isEmpty()) {
                parts.add(prose(note) + (note.endsWith(".") ? "" : "."));
            }
            String dead = korean ? firstOf(d.deadKo(), v.dead()) : text(v.dead());
            if (!dead.isEmpty()) {
                parts.add((korean ? "*효과 없음:* " : "*Not read:* ") + prose(dead));
            }
            if (v.secret().orElse(false)) {
                parts.add(korean ? "_시크릿입니다._" : "_Secret._");
            }
            String def = text(v.defaultGiven() ? v.defaultValue() : d.defaultValue());
            String defCell = !def.isEmpty() ? code(def)
                : v.defaultGiven() ? prose(korean ? "빈 문자열" : "empty string")
                : !v.dead().isEmpty() || unset.isEmpty() ? "" : prose(unset);
            rows.add(row(code(name), defCell, String.join(" ", parts)));
        });
        return close(rows);
    }

    /** "Compose passes it to api as X, dashboard as Y." from a compose variable's passes_to. */
    private static String passesTo(List<Variables.PassTo> targets, boolean korean) {
        if (targets.isEmpty()) {
            return "";
        }
        List<String> each = new ArrayList<>();
        for (Variables.PassTo target : targets) {
            String to = text(target.component().isEmpty() ? target.service() : target.component());
            String as = text(target.as());
            each.add(korean ? prose(to) + "(" + code(as) + ")" : prose(to) + " as " + code(as));
        }
        return korean ? "Compose가 넘기는 곳: " + String.join(", ", each) + "."
            : "Compose passes it to " + String.join(", ", each) + ".";
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            String t = text(value);
            if (!t.isEmpty()) {
                return t;
            }
        }
        return "";
    }

    private static List<String> endpoints(Catalog data, boolean korean) {
        if (!data.has("endpoints")) {
            throw new IllegalArgumentException("content/data/endpoints.yml has no 'endpoints' list");
        }
        List<String> rows = korean
            ? header("10,30,20,40", "메서드", "경로", "구성 요소(포트)", "출처")
            : header("10,30,20,40", "Method", "Path", "Component (port)", "Source");
        for (Endpoints.Endpoint e : data.endpoints().endpoints()) {
            String port = text(e.port());
            String portText = data.port(port).map(p -> p.reference() + "").orElse(port);
            rows.add(row(prose(text(e.method())), code(text(e.path())),
                prose(text(e.component())) + (portText.isEmpty() ? "" : " (" + portText + ")"),
                code(text(e.source()))));
        }
        return close(rows);
    }

    /**
     * deployment.yml {@code replace:}. Each row's files are read so that the table fails the build
     * when an example file stops holding the value it says the reader must change there.
     */
    private static List<String> replace(Catalog data, boolean korean) {
        List<Replacements.Entry> entries = data.replacements().entries();
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("content/data/deployment.yml has no 'replace' list");
        }
        Map<String, String> attributes = data.attributes();
        java.nio.file.Path examples = data.dir().resolveSibling("examples");
        List<String> rows = korean
            ? header("25,10,25,40", "값", "종류", "들어 있는 예제 파일", "넣을 값")
            : header("25,10,25,40", "Value", "Kind", "Example files that hold it", "What to put there");
        for (Replacements.Entry e : entries) {
            String attribute = text(e.attribute());
            String variable = text(e.variable());
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
            for (String name : e.files()) {
                java.nio.file.Path file = examples.resolve(name);
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
                files.add(code(name));
            }
            String what = text(korean ? e.whatKo() : e.what());
            if (what.isEmpty()) {
                throw new IllegalArgumentException("deployment.yml replace: '" + shown + "' has no "
                    + (korean ? "what_ko" : "what") + " to tell the reader what to put there");
            }
            String kind = text(e.kind());
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

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}

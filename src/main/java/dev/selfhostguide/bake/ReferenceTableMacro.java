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
        Map<String, Object> raw = data.section("deployment", "ports");
        for (Catalog.Port p : data.ports()) {
            Map<?, ?> entry = raw.get(p.id()) instanceof Map<?, ?> m ? m : Map.of();
            String note = localized(entry, "note", korean);
            rows.add(row(code(p.id()), Integer.toString(p.reference()), Integer.toString(p.upstream()),
                p.protocol(), prose(p.component()) + (p.source().isEmpty() ? "" : " (" + code(p.source()) + ")")
                    + (note.isEmpty() ? "" : " " + prose(note))));
        }
        return close(rows);
    }

    private static List<String> variables(Catalog data, String component, boolean korean) {
        Map<String, Object> components = data.section("variables", "components");
        Object entry = components.get(component);
        if (!(entry instanceof Map<?, ?> comp) || !(comp.get("variables") instanceof Map<?, ?> vars)) {
            throw new IllegalArgumentException("guide-table::variables needs component= one of " + components.keySet());
        }
        // What each variable does lives beside the facts, per component, in both languages.
        Map<?, ?> described = data.section("variables", "descriptions").get(component) instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> descriptions = described.get("variables") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> unsetTexts = described.get("unset") instanceof Map<?, ?> m ? m : Map.of();
        String unset = text(unsetTexts.get(korean ? "ko" : "en"));
        List<String> rows = korean
            ? header("30,20,50", "변수", "기본값", "하는 일과 읽는 곳")
            : header("30,20,50", "Variable", "Default", "What it does and what reads it");
        vars.forEach((name, raw) -> {
            Map<?, ?> v = raw instanceof Map<?, ?> m ? m : Map.of();
            Map<?, ?> d = descriptions.get(name) instanceof Map<?, ?> m ? m : Map.of();
            List<String> parts = new ArrayList<>();
            String description = text(d.get(korean ? "ko" : "en"));
            if (description.isEmpty()) {
                description = localized(v, "description", korean);
            }
            if (!description.isEmpty()) {
                parts.add(prose(description));
            }
            String passes = passesTo(v.get("passes_to"), korean);
            if (!passes.isEmpty()) {
                parts.add(passes);
            }
            String where = text(v.get("read_at"));
            if (!where.isEmpty()) {
                parts.add(korean ? "읽는 곳: " + code(where) + "." : "Read in " + code(where) + ".");
            }
            String note = korean ? firstOf(d.get("note_ko"), v.get("note_ko"), v.get("note")) : text(v.get("note"));
            if (!note.isEmpty()) {
                parts.add(prose(note) + (note.endsWith(".") ? "" : "."));
            }
            String dead = korean ? firstOf(d.get("dead_ko"), v.get("dead_ko"), v.get("dead")) : text(v.get("dead"));
            if (!dead.isEmpty()) {
                parts.add((korean ? "*효과 없음:* " : "*Not read:* ") + prose(dead));
            }
            if (Boolean.TRUE.equals(v.get("secret"))) {
                parts.add(korean ? "_시크릿입니다._" : "_Secret._");
            }
            String def = v.containsKey("default") ? text(v.get("default")) : text(d.get("default"));
            String defCell = !def.isEmpty() ? code(def)
                : v.containsKey("default") ? prose(korean ? "빈 문자열" : "empty string")
                : v.containsKey("dead") || unset.isEmpty() ? "" : prose(unset);
            rows.add(row(code(String.valueOf(name)), defCell, String.join(" ", parts)));
        });
        return close(rows);
    }

    /** "Compose passes it to api as X, dashboard as Y." from a compose variable's passes_to. */
    private static String passesTo(Object raw, boolean korean) {
        if (!(raw instanceof List<?> targets) || targets.isEmpty()) {
            return "";
        }
        List<String> each = new ArrayList<>();
        for (Object t : targets) {
            Map<?, ?> target = t instanceof Map<?, ?> m ? m : Map.of();
            String to = text(target.containsKey("component") ? target.get("component") : target.get("service"));
            String as = text(target.get("as"));
            each.add(korean ? prose(to) + "(" + code(as) + ")" : prose(to) + " as " + code(as));
        }
        return korean ? "Compose가 넘기는 곳: " + String.join(", ", each) + "."
            : "Compose passes it to " + String.join(", ", each) + ".";
    }

    /** {@code key_ko} on Korean pages when the data has it, else {@code key}. */
    private static String localized(Map<?, ?> entry, String key, boolean korean) {
        return korean ? firstOf(entry.get(key + "_ko"), entry.get(key)) : text(entry.get(key));
    }

    private static String firstOf(Object... values) {
        for (Object value : values) {
            String t = text(value);
            if (!t.isEmpty()) {
                return t;
            }
        }
        return "";
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

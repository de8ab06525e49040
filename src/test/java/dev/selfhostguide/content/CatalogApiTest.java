package dev.selfhostguide.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Raw YAML maps stay inside the loading code: the catalog and the typed facts hand out nothing
 * shaped {@code Object} (a {@code Map<String, Object>}, a {@code List<?>}), so a reader cannot go
 * around the shapes again, and no source outside content/ and facts/ reads a data file's YAML.
 */
class CatalogApiTest {

    private static final Path ROOT = Path.of(System.getProperty("guide.root", ".")).toAbsolutePath().normalize();
    private static final Path MAIN = ROOT.resolve("src/main/java/dev/selfhostguide");
    /** A type that lets its holder read whatever the YAML had: Object itself, or a wildcard. */
    private static final Pattern UNTYPED = Pattern.compile("\\bjava\\.lang\\.Object\\b|\\?");
    /** A data file parsed by hand: the loaders' own YAML readers, named outside them. */
    private static final Pattern RAW_READ = Pattern.compile("\\bcatalog\\.(?:file|section)\\s*\\(|\\bCatalog\\.read\\s*\\("
        + "|\\.(?:file|section)\\s*\\(\\s*\"(?:deployment|upstream|nav|secrets|neighbours|downloads|endpoints|sdk|variables|compose|litellm|otel-collector)\"");

    @Test
    void theCatalogAndTheFactsHandOutNoRawMaps() throws Exception {
        List<String> violations = new ArrayList<>();
        violations.addAll(untyped(Catalog.class));
        for (Class<?> type : factsClasses()) {
            violations.addAll(untyped(type));
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void noSourceOutsideTheLoadersReadsADataFilesYaml() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(MAIN)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Path pkg = MAIN.relativize(file.getParent());
                if (pkg.toString().equals("content") || pkg.toString().equals("facts")) {
                    continue;
                }
                violations.addAll(rawReads(MAIN.relativize(file).toString(), Files.readString(file)));
            }
        }
        assertEquals(List.of(), violations);
    }

    /** Both rules see what they are for: a getter of Map<String, Object>, a call to file("variables"). */
    @Test
    void theRulesSeeAViolation() {
        record Leaky(Map<String, Object> raw, List<String> fine) {
            public List<?> items() {
                return List.of();
            }
        }
        assertEquals(List.of(
                "Leaky.items() returns java.util.List<?>",
                "Leaky.raw() returns java.util.Map<java.lang.String, java.lang.Object>"),
            untyped(Leaky.class).stream().sorted().toList());
        assertEquals(List.of("X.java:2 reads YAML: catalog.file(", "X.java:3 reads YAML: .section(\"compose\""),
            rawReads("X.java", "class X {\n Object a = catalog.file(\"variables\");\n Object b = data.section(\"compose\", \"services\");\n"
                + " // catalog.file(\"x\") in a comment is prose\n String s = \"catalog.file(\";\n}\n"));
    }

    /** Public methods and record components of {@code type} whose generic type is untyped. */
    private static List<String> untyped(Class<?> type) {
        List<String> result = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()
                    && UNTYPED.matcher(m.getGenericReturnType().getTypeName()).find()) {
                result.add(type.getSimpleName() + "." + m.getName() + "() returns " + m.getGenericReturnType().getTypeName());
            }
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                String name = c.getGenericType().getTypeName();
                if (UNTYPED.matcher(name).find() && result.stream().noneMatch(r -> r.contains("." + c.getName() + "()"))) {
                    result.add(type.getSimpleName() + "." + c.getName() + "() returns " + name);
                }
            }
        }
        return result;
    }

    /** Every top-level and nested type of the facts package. */
    private static List<Class<?>> factsClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> result = new ArrayList<>();
        try (Stream<Path> list = Files.list(MAIN.resolve("facts"))) {
            for (Path file : list.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".java") && !name.equals("package-info.java")) {
                    Class<?> top = Class.forName("dev.selfhostguide.facts." + name.replace(".java", ""));
                    result.add(top);
                    result.addAll(List.of(top.getDeclaredClasses()));
                }
            }
        }
        return result;
    }

    private static List<String> rawReads(String file, String source) {
        // Blank comments and string literals but keep the line breaks, so a hit keeps its line number.
        String code = blank(source, "(?s)/\\*.*?\\*/");
        code = blank(code, "//[^\\n]*");
        code = blankStrings(code);
        List<String> result = new ArrayList<>();
        Matcher m = RAW_READ.matcher(code);
        while (m.find()) {
            int line = (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            result.add(file + ":" + line + " reads YAML: " + source.split("\n", -1)[line - 1].substring(
                m.start() - code.lastIndexOf('\n', m.start()) - 1, m.end() - code.lastIndexOf('\n', m.start()) - 1));
        }
        return result;
    }

    private static String blank(String code, String regex) {
        Matcher m = Pattern.compile(regex).matcher(code);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group().replaceAll("[^\\n]", " ")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** String literals blanked, except the data file names a raw read would pass. */
    private static String blankStrings(String code) {
        Matcher m = Pattern.compile("\"(?:\\\\.|[^\"\\\\\\n])*\"").matcher(code);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String literal = m.group();
            boolean dataFile = literal.matches("\"(?:deployment|upstream|nav|secrets|neighbours|downloads|endpoints|sdk|variables|compose|litellm|otel-collector)\"");
            m.appendReplacement(out, Matcher.quoteReplacement(dataFile ? literal : "\"" + " ".repeat(literal.length() - 2) + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }
}

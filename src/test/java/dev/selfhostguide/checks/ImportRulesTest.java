package dev.selfhostguide.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries, read from the sources: checks and bundle reach the bake only through its
 * public face, and a check never depends on another check, only on {@code checks.support}.
 */
class ImportRulesTest {

    private static final Path MAIN = TestCatalogs.ROOT.resolve("src/main/java/dev/selfhostguide");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+?)(?:\\.\\*)?;", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.selfhostguide\\.bake\\.([A-Z]\\w*)");
    /**
     * What of bake others may name: the edition layout of content/, the site folder helpers and
     * the bake's own entry point. Everything else there (runtime, converter, JBake glue) is internal.
     */
    private static final Set<String> BAKE_FACE = Set.of("Editions", "SiteOutput", "Bake");

    @Test
    void checksAndBundleUseOnlyTheBakesPublicFace() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : List.of("checks", "bundle")) {
            for (Path file : javaFiles(MAIN.resolve(pkg))) {
                String code = withoutComments(Files.readString(file));
                Matcher m = IMPORT.matcher(code);
                while (m.find()) {
                    String name = m.group(1);
                    if (name.startsWith("dev.selfhostguide.bake.") && !BAKE_FACE.contains(topClass(name, "dev.selfhostguide.bake."))) {
                        violations.add(MAIN.relativize(file) + " imports " + name);
                    }
                    if (name.startsWith("dev.selfhostguide.cli")) {
                        violations.add(MAIN.relativize(file) + " imports " + name);
                    }
                }
                Matcher q = QUALIFIED.matcher(code);
                while (q.find()) {
                    if (!BAKE_FACE.contains(q.group(1))) {
                        violations.add(MAIN.relativize(file) + " uses dev.selfhostguide.bake." + q.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void checksNeverNameAnotherCheck() throws IOException {
        Set<String> checks = new TreeSet<>();
        for (Check check : CheckRegistry.standard().all()) {
            checks.add(check.getClass().getSimpleName());
        }
        List<String> violations = new ArrayList<>();
        List<Path> files = new ArrayList<>(javaFiles(MAIN.resolve("checks")));
        for (Path file : files) {
            String self = file.getFileName().toString().replace(".java", "");
            boolean isCheck = checks.contains(self);
            boolean isSupport = file.getParent().endsWith("support");
            if (!isCheck && !isSupport) {
                continue; // the runner and the registry know every check by design
            }
            String code = withoutComments(Files.readString(file));
            for (String other : checks) {
                if (!other.equals(self) && Pattern.compile("\\b" + other + "\\b").matcher(code).find()) {
                    violations.add(MAIN.relativize(file) + " names " + other);
                }
            }
            if (isSupport && code.contains("import dev.selfhostguide.checks.") && !code.contains("import dev.selfhostguide.checks.support")) {
                violations.add(MAIN.relativize(file) + " (support) imports from checks");
            }
        }
        assertEquals(List.of(), violations);
    }

    /**
     * The process environment is read in one place, {@code cli.Environment.of}; every command and
     * everything below it gets PATH, CI and the rest from the command's environment, so a test can
     * run a command with other variables in the same JVM.
     */
    @Test
    void onlyTheCommandEnvironmentReadsTheProcessEnvironment() throws IOException {
        List<String> readers = new ArrayList<>();
        for (Path file : javaFiles(MAIN)) {
            Matcher m = GETENV.matcher(withoutComments(Files.readString(file)));
            while (m.find()) {
                readers.add(MAIN.relativize(file).toString());
            }
        }
        assertEquals(List.of("cli/Environment.java"), readers);
        assertEquals(2, GETENV.matcher(withoutComments("/* System.getenv() */ a = System.getenv(\"CI\"); b = System . getenv();"))
            .results().count());
    }

    private static final Pattern GETENV = Pattern.compile("\\bSystem\\s*\\.\\s*getenv\\b");

    @Test
    void theRuleSeesAViolation() {
        // The rule reads code, not comments: a check mentioned in prose is fine, in code it is not.
        String code = withoutComments("/** see {@link DotenvCheck} */\nclass X { Object o = new DotenvCheck(); }\n");
        assertEquals(1, Pattern.compile("\\bDotenvCheck\\b").matcher(code).results().count());
        Matcher m = IMPORT.matcher("import dev.selfhostguide.bake.PageConverter;\n");
        m.find();
        assertEquals("PageConverter", topClass(m.group(1), "dev.selfhostguide.bake."));
    }

    private static String topClass(String name, String prefix) {
        String rest = name.substring(prefix.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The code without comments and string literals, so prose and messages do not count as use. */
    static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
            .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"");
    }
}

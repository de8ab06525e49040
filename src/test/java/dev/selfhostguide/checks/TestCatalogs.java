package dev.selfhostguide.checks;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The real catalogs of content/data, plus a fixture deployment.yml while the real one is absent. */
final class TestCatalogs {

    static final Path ROOT = Path.of(System.getProperty("guide.root", ".")).toAbsolutePath().normalize();
    static final Path CORPUS = ROOT.resolve("../shared/corpus").normalize();

    private static Catalog catalog;

    private TestCatalogs() { }

    static synchronized Catalog catalog() {
        if (catalog == null) {
            Catalog real = Catalog.load(ROOT.resolve("content/data"));
            Map<String, Map<String, Object>> files = new HashMap<>();
            for (String name : List.of("variables", "endpoints", "sdk", "upstream", "nav")) {
                if (real.has(name)) {
                    files.put(name, CheckTestSupport.rawFile(name));
                }
            }
            files.put("deployment", real.has("deployment") ? CheckTestSupport.rawFile("deployment") : fixture("deployment.yml"));
            catalog = Catalog.of(files);
        }
        return catalog;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixture(String name) {
        try (var in = TestCatalogs.class.getResourceAsStream("/fixtures/" + name)) {
            return (Map<String, Object>) new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * This machine's programs, one Tools for the test run, as a command has one: what it learns
     * (the interpreter behind pyenv's python3 shim) serves every test after the first.
     */
    static final Tools TOOLS = Tools.onPath(System.getenv("PATH"));

    static CheckContext context(Path scratch) {
        return new CheckContext(catalog(), List.of(), TOOLS, scratch);
    }

    /** A snippet at content/x.adoc whose first line is file line 40. */
    static Snippet snippet(String language, Map<String, String> attributes, String text) {
        return new Snippet(ROOT.resolve("content/x.adoc"), ROOT.resolve("content/x.adoc"), 40, language, "", attributes, text);
    }

    static List<String> formatted(List<Finding> findings) {
        return findings.stream().map(f -> f.format(ROOT)).toList();
    }

    static String corpus(String path) {
        try {
            return Files.readString(CORPUS.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean corpusPresent() {
        return Files.isDirectory(CORPUS);
    }

    /** External tools must exist on CI; locally a missing one skips the test. */
    static boolean toolPresent(String tool) {
        boolean present = Tools.onPath(System.getenv("PATH")).find(tool).isPresent();
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(tool + " is required on CI but is not installed");
        }
        return present;
    }
}

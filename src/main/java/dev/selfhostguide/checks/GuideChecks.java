package dev.selfhostguide.checks;

import dev.selfhostguide.bake.Editions;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.PageOutline;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the guide is checked for once it is converted: each snippet by the checks it selects,
 * and each translation against the English edition. One entry point for build, check and serve.
 */
public final class GuideChecks {

    private final CheckRegistry registry;
    private final CheckRunner runner;

    /** Checks for which a missing program is a warning. */
    public GuideChecks(CheckRegistry registry) {
        this(registry, false);
    }

    private GuideChecks(CheckRegistry registry, boolean strict) {
        this.registry = registry;
        this.runner = new CheckRunner(registry, strict);
    }

    public static GuideChecks standard() {
        return new GuideChecks(CheckRegistry.standard());
    }

    /**
     * The same checks, where a block left unchecked because a program is missing fails the run
     * ({@code --strict}, or CI=true in the command's environment).
     */
    public GuideChecks strict(boolean strict) {
        return new GuideChecks(registry, strict);
    }

    /** Checks {@code snippets} with the programs {@code tools} finds, and each translation against English. */
    public CheckRunner.Report run(Path contentRoot, Catalog catalog, List<PageOutline> pages, List<Snippet> snippets, Tools tools) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("guide-checks-");
        } catch (IOException e) {
            scratch = Path.of(System.getProperty("java.io.tmpdir"));
        }
        try {
            CheckRunner.Report report = runner.run(snippets, catalog, tools, scratch);
            List<Finding> findings = new ArrayList<>(report.findings());
            for (String language : Editions.TRANSLATIONS) {
                findings.addAll(new EditionParity(contentRoot, language).compare(pages, snippets));
            }
            findings.sort(CheckRunner.ORDER);
            return new CheckRunner.Report(findings, report.tallies(), report.snippets(), report.optedOut());
        } finally {
            delete(scratch);
        }
    }

    /** Removes the scratch folder; what cannot be removed stays in the temp folder, never fails a run. */
    private static void delete(Path dir) {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a tool left a file it still holds open; the OS cleans the temp folder
        }
    }
}

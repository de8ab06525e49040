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

    private final CheckRunner runner;

    public GuideChecks(CheckRegistry registry) {
        this.runner = new CheckRunner(registry);
    }

    public static GuideChecks standard() {
        return new GuideChecks(CheckRegistry.standard());
    }

    public CheckRunner.Report run(Path contentRoot, Catalog catalog, List<PageOutline> pages, List<Snippet> snippets) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("guide-checks-");
        } catch (IOException e) {
            scratch = Path.of(System.getProperty("java.io.tmpdir"));
        }
        try {
            CheckRunner.Report report = runner.run(snippets, catalog, Tools.fromEnvironment(), scratch);
            List<Finding> findings = new ArrayList<>(report.findings());
            for (String language : Editions.TRANSLATIONS) {
                findings.addAll(new EditionParity(contentRoot, language).compare(pages, snippets));
            }
            findings.sort(Comparator.comparing((Finding f) -> f.file().toString()).thenComparingInt(Finding::line));
            return new CheckRunner.Report(findings, report.tallies(), report.snippets(), report.optedOut());
        } finally {
            dev.selfhostguide.bake.SiteOutput.delete(scratch);
        }
    }
}

package dev.selfhostguide.pipeline;

import dev.selfhostguide.checks.CheckRegistry;
import dev.selfhostguide.checks.CheckRunner;
import dev.selfhostguide.checks.GuideChecks;
import dev.selfhostguide.checks.Tools;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 3: every snippet by the checks it selects, always with every other snippet of the site in
 * view (the checks that compare snippets need them all), and each translation against English.
 * A warm run whose snippets, pages and data are those of the last run takes that run's verdicts.
 */
public final class CheckSnippets {

    private final Tools tools;
    private final boolean strict;

    /** @param tools the programs of the command's environment; @param strict whether a missing one fails every run */
    CheckSnippets(Tools tools, boolean strict) {
        this.tools = tools;
        this.strict = strict;
    }

    /** {@code report} is null when the checks did not run. */
    record Checked(ConvertPages.Converted converted, CheckRunner.Report report, List<Finding> findings) { }

    Checked apply(ConvertPages.Converted converted) {
        LoadSources.Sources sources = converted.sources();
        Request request = sources.request();
        if (!request.checks() || sources.catalog() == null) {
            return new Checked(converted, null, converted.findings());
        }
        List<Snippet> snippets = converted.snippets();
        WarmState warm = request.warm();
        CheckRunner.Report report = warm == null ? null : warm.verdicts(snippets, converted.outlines(), sources.catalog());
        if (report == null) {
            report = GuideChecks.standard().strict(strict)
                .run(request.project().content(), sources.catalog(), converted.outlines(), snippets, tools);
            if (warm != null) {
                warm.keepVerdicts(snippets, converted.outlines(), sources.catalog(), report);
            }
        }
        List<Finding> findings = new ArrayList<>(converted.findings());
        findings.addAll(report.findings());
        return new Checked(converted, report, findings);
    }

    /**
     * The check stage alone, for files that are not pages ({@code guide doctor}): {@code registry}'s
     * checks on {@code snippets}, each seeing the others.
     */
    public static CheckRunner.Report files(CheckRegistry registry, List<Snippet> snippets, Catalog catalog, Tools tools)
            throws IOException {
        Path scratch = Files.createTempDirectory("guide-doctor-");
        try {
            return new CheckRunner(registry).run(snippets, catalog, tools, scratch);
        } finally {
            dev.selfhostguide.bake.SiteOutput.delete(scratch);
        }
    }
}

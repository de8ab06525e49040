package dev.selfhostguide.cli;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.bake.Bake;
import dev.selfhostguide.bundle.BlockStamps;
import dev.selfhostguide.bundle.SiteFinish;
import dev.selfhostguide.checks.Check;
import dev.selfhostguide.checks.CheckRegistry;
import dev.selfhostguide.checks.CheckRunner;
import dev.selfhostguide.checks.GuideChecks;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code build} and {@code bundle} share: bake into a staging folder, finish it (external
 * links, search index), check every snippet, and report. Publishing stays with the caller, which
 * does it only when {@link Outcome#errors()} is zero.
 */
final class SiteBuild {

    record Outcome(Bake.Result baked, CheckRunner.Report report, long errors) { }

    private SiteBuild() {
    }

    /** Each code block's "checked: ..." line, from the checks each snippet selected (all of them passed). */
    private static List<Finding> stampBlocks(Project project, Path staging, Bake.Result baked) {
        CheckRunner runner = new CheckRunner(CheckRegistry.standard());
        try {
            return BlockStamps.apply(staging, project.content(), baked.snippets(), snippet -> {
                CheckRunner.Selection selection = runner.select(snippet);
                return selection.optedOut()
                    ? BlockStamps.Verdict.notChecked(snippet.attribute("reason").orElse("").strip())
                    : BlockStamps.Verdict.checked(selection.checks().stream().map(Check::id).toList());
            });
        } catch (java.io.IOException e) {
            return List.of(new Finding(staging, 0, "stamp", Finding.Severity.ERROR, "cannot stamp the code blocks: " + e.getMessage()));
        }
    }

    static Outcome run(Project project, AsciidoctorRuntime runtime, Path staging, boolean checks, Console console) {
        Bake.Result baked = new Bake(project, runtime).bake(staging,
            page -> console.info("baked " + project.show(page)), new SiteFinish());
        List<Finding> findings = new ArrayList<>(baked.findings());
        CheckRunner.Report report = null;
        if (checks && baked.catalog() != null) {
            report = GuideChecks.standard().run(project.content(), baked.catalog(), baked.pages(), baked.snippets());
            findings.addAll(report.findings());
        }
        if (report != null && findings.stream().noneMatch(Finding::isError)) {
            findings.addAll(stampBlocks(project, staging, baked));
        }
        console.findings(findings, project);
        return new Outcome(baked, report, findings.stream().filter(Finding::isError).count());
    }
}

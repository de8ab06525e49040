package dev.selfhostguide.cli;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.bake.Bake;
import dev.selfhostguide.bundle.SiteFinish;
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

    static Outcome run(Project project, AsciidoctorRuntime runtime, Path staging, boolean checks, Console console) {
        Bake.Result baked = new Bake(project, runtime).bake(staging,
            page -> console.info("baked " + project.show(page)), new SiteFinish());
        List<Finding> findings = new ArrayList<>(baked.findings());
        if (!baked.failed() && baked.site() != null) {
            try {
                findings.addAll(dev.selfhostguide.bundle.ExternalReferenceScan.findings(project, baked.site()));
            } catch (java.io.IOException e) {
                findings.add(new Finding(baked.site(), 0, "offline", Finding.Severity.ERROR, "cannot read the site: " + e.getMessage()));
            }
        }
        CheckRunner.Report report = null;
        if (checks && baked.catalog() != null) {
            report = GuideChecks.standard().run(project.content(), baked.catalog(), baked.pages(), baked.snippets());
            findings.addAll(report.findings());
        }
        // The secrets check and the scan of published text report a secret in a code block alike: once.
        findings = new ArrayList<>(findings.stream().distinct().toList());
        console.findings(findings, project);
        return new Outcome(baked, report, findings.stream().filter(Finding::isError).count());
    }
}

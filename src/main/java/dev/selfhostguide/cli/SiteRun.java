package dev.selfhostguide.cli;

import dev.selfhostguide.bake.PublishedSecrets;
import dev.selfhostguide.bake.RenderedTextCheck;
import dev.selfhostguide.bundle.BlockStamps;
import dev.selfhostguide.bundle.ExternalReferenceScan;
import dev.selfhostguide.bundle.SiteFinish;
import dev.selfhostguide.content.ContentException;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.pipeline.Request;
import dev.selfhostguide.pipeline.SiteScan;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The whole-site run {@code build} and {@code bundle} share, and the site-wide scans it carries. */
public final class SiteRun {

    private SiteRun() {
    }

    /**
     * Site-wide scans of the rendered site; build, bundle and serve all run these. A new scan
     * (secrets, external references, rendered text) is one entry here.
     */
    public static List<SiteScan> scans(Project project) {
        // serve keeps these scans for the session: a page rebuild then scans only the texts that changed.
        PublishedSecrets.Memo secrets = new PublishedSecrets.Memo();
        ExternalReferenceScan.Memo offline = new ExternalReferenceScan.Memo();
        return List.of(
            // Every text a reader can see or download: pages, search index, examples, data values.
            (site, catalog, changed) -> scan(site, "secrets",
                () -> PublishedSecrets.scan(project, catalog, site, secrets)),
            // What would need a network from a closed network, in build as well as in the bundle.
            (site, catalog, changed) -> scan(site, "offline", () -> ExternalReferenceScan.findings(project, site, offline)),
            // Raw backticks and auto-linked placeholder hosts in what a reader sees outside code.
            (site, catalog, changed) -> scan(site, "text", () -> {
                RenderedTextCheck text = new RenderedTextCheck(project, catalog.attributes());
                return changed.isEmpty() ? text.run(site) : text.check(site, changed);
            }));
    }

    private interface Scan {
        List<Finding> run() throws IOException;
    }

    private static List<Finding> scan(Path site, String check, Scan scan) {
        try {
            return scan.run();
        } catch (ContentException e) {
            return List.of();               // a data file that does not load is reported by the load stage, once
        } catch (IOException | RuntimeException e) {
            return List.of(new Finding(site, 0, check, Finding.Severity.ERROR, "cannot read the site: " + e.getMessage()));
        }
    }

    /**
     * The whole site into {@code staging}, finished and checked, with its findings printed;
     * {@code strict}: a block left unchecked for want of a program fails the run.
     */
    static Pipeline.Outcome run(Environment env, Console console, Project project, Path staging, boolean checks, boolean strict) {
        Pipeline.Outcome outcome = new Pipeline(env.runtime().get(), env.tools(), strict).run(Request.site(project, staging, checks,
            new SiteFinish(env.variables()), scans(project), page -> console.info("baked " + project.show(page))));
        if (outcome.report() != null && !outcome.failed()) {
            List<Finding> stamped = stampBlocks(project, staging, outcome);
            if (!stamped.isEmpty()) {
                List<Finding> all = new ArrayList<>(outcome.findings());
                all.addAll(stamped);
                outcome = new Pipeline.Outcome(outcome.catalog(), outcome.pages(), outcome.snippets(), outcome.report(), all,
                    outcome.converted(), outcome.written(), outcome.needsFull());
            }
        }
        console.findings(outcome.findings(), project);
        return outcome;
    }

    /** Each code block's "checked: ..." line, from the checks each snippet selected (all of them passed). */
    private static List<Finding> stampBlocks(Project project, Path staging, Pipeline.Outcome outcome) {
        try {
            return BlockStamps.stamp(staging, project.content(), outcome.snippets());
        } catch (IOException e) {
            return List.of(new Finding(staging, 0, "stamp", Finding.Severity.ERROR, "cannot stamp the code blocks: " + e.getMessage()));
        }
    }
}

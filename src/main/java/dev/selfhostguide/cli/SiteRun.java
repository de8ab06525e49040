package dev.selfhostguide.cli;

import dev.selfhostguide.bundle.SiteFinish;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.pipeline.Request;
import dev.selfhostguide.pipeline.SiteScan;
import java.nio.file.Path;
import java.util.List;

/** The whole-site run {@code build} and {@code bundle} share, and the site-wide scans it carries. */
final class SiteRun {

    private SiteRun() {
    }

    /**
     * Site-wide scans of the rendered site; build, bundle and serve all run these. A new scan
     * (secrets, external references, rendered text) is one entry here.
     */
    static List<SiteScan> scans() {
        return List.of();
    }

    /** The whole site into {@code staging}, finished and checked, with its findings printed. */
    static Pipeline.Outcome run(Environment env, Console console, Project project, Path staging, boolean checks) {
        Pipeline.Outcome outcome = new Pipeline(env.runtime().get()).run(Request.site(project, staging, checks, new SiteFinish(),
            scans(), page -> console.info("baked " + project.show(page))));
        console.findings(outcome.findings(), project);
        return outcome;
    }
}

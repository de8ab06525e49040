package dev.selfhostguide.pipeline;

import dev.selfhostguide.checks.CheckRunner;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.PageOutline;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Stage 6: what the run found, once each, in file and line order, with what it converted. */
final class Report {

    Pipeline.Outcome apply(FinishSite.Finished finished) {
        RenderSite.Rendered rendered = finished.rendered();
        ConvertPages.Converted converted = rendered.checked().converted();
        List<Finding> findings = new ArrayList<>(new LinkedHashSet<>(finished.findings()));
        findings.sort(Comparator.comparing((Finding f) -> f.file().toString()).thenComparingInt(Finding::line)
            .thenComparing(Finding::check).thenComparing(Finding::message));
        List<PageOutline> pages = converted.outlines();
        List<Snippet> snippets = converted.snippets();
        CheckRunner.Report report = rendered.checked().report();
        Set<Path> fresh = converted.fresh();
        return new Pipeline.Outcome(converted.sources().catalog(), pages, snippets, report, List.copyOf(findings),
            fresh.stream().sorted().toList(), rendered.written(), rendered.needsFull());
    }

}

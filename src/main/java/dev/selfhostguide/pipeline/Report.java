package dev.selfhostguide.pipeline;

import dev.selfhostguide.checks.CheckRunner;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.PageOutline;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Files;
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
        Request request = converted.sources().request();
        List<Finding> findings = new ArrayList<>(new LinkedHashSet<>(finished.findings().stream()
            .map(f -> outsideScratch(f, request, rendered.bodies())).toList()));
        findings.sort(Comparator.comparing((Finding f) -> f.file().toString()).thenComparingInt(Finding::line)
            .thenComparing(Finding::check).thenComparing(Finding::message));
        List<PageOutline> pages = converted.outlines();
        List<Snippet> snippets = converted.snippets();
        CheckRunner.Report report = rendered.checked().report();
        Set<Path> fresh = converted.fresh();
        return new Pipeline.Outcome(converted.sources().catalog(), pages, snippets, report, List.copyOf(findings),
            fresh.stream().sorted().toList(), rendered.written(), rendered.needsFull());
    }

    /**
     * A finding inside a folder the run deletes (a build's staging folder, a check's scratch
     * bodies) names, after the run, a file that is gone: it names the source of that file
     * instead (content/x.adoc for x.html, the asset or example it was copied from), or where the
     * file would have been published, saying it was not.
     */
    static Finding outsideScratch(Finding finding, Request request, Path bodies) {
        Project project = request.project();
        Path file = finding.file() == null ? null : finding.file().toAbsolutePath().normalize();
        Path scratch = null;
        for (Path folder : java.util.Arrays.asList(request.site(), bodies)) {
            if (folder != null && file != null && !folder.toAbsolutePath().normalize().equals(project.site().toAbsolutePath().normalize())
                    && file.startsWith(folder.toAbsolutePath().normalize())) {
                scratch = folder.toAbsolutePath().normalize();
            }
        }
        if (scratch == null) {
            return finding;
        }
        String relative = scratch.relativize(file).toString().replace('\\', '/');
        List<Path> sources = new ArrayList<>();
        if (relative.endsWith(".html")) {
            sources.add(project.content().resolve(relative.substring(0, relative.length() - 5) + ".adoc"));
        }
        if (!relative.isEmpty()) {
            sources.add(project.content().resolve(relative));
            sources.add(project.templates().resolve("assets").resolve(relative));
        }
        for (Path source : sources) {
            if (Files.isRegularFile(source)) {
                // A copied file keeps its lines; a page's HTML has other lines than its source.
                int line = source.toString().endsWith(".adoc") ? 0 : finding.line();
                return new Finding(source, line, finding.check(), finding.severity(), finding.message() + " (on the baked " + relative + ")");
            }
        }
        Path published = relative.isEmpty() ? project.site() : project.site().resolve(relative);
        return new Finding(published, 0, finding.check(), finding.severity(), finding.message()
            + " (in the site this run built, which was not published)");
    }

}

package dev.selfhostguide.pipeline;

import dev.selfhostguide.bake.LinkCheck;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stage 5: the rendered site made whole, then checked as a whole: the finish (search index,
 * external-link marking), the site-wide scans, then the link check. A whole site is finished only
 * when nothing failed so far; a warm page run updates what the rewritten pages changed.
 */
final class FinishSite {

    record Finished(RenderSite.Rendered rendered, List<Finding> findings) { }

    Finished apply(RenderSite.Rendered rendered) {
        Request request = rendered.checked().converted().sources().request();
        dev.selfhostguide.content.Catalog catalog = rendered.checked().converted().sources().catalog();
        // Without data (it failed to load, and the load stage said so) no scan has its facts.
        List<SiteScan> scans = catalog == null ? List.of() : request.scans();
        List<Finding> findings = new ArrayList<>(rendered.findings());
        Path site = request.site();
        if (rendered.bodies() != null) {
            try {
                if (!brokenBake(findings, rendered)) {
                    findings.addAll(new LinkCheck(request.project(), rendered.bodies()).run());
                }
            } finally {
                dev.selfhostguide.bake.SiteOutput.delete(rendered.bodies());
            }
            return new Finished(rendered, findings);
        }
        if (request.render() == Request.Render.NONE || rendered.needsFull() || site == null || !Files.isDirectory(site)) {
            return new Finished(rendered, findings);
        }
        boolean whole = request.render() == Request.Render.SITE;
        // A bake with errors of its own is not worth finishing; failed snippet checks leave sound HTML.
        // The scans still run over what was written, so a secret is reported whatever else failed.
        if (whole && brokenBake(findings, rendered)) {
            for (SiteScan scan : scans) {
                findings.addAll(scan.scan(site, catalog, List.of()));
            }
            return new Finished(rendered, findings);
        }
        boolean broken = brokenBake(findings, rendered);
        try {
            if (whole) {
                request.finish().apply(site);
            } else {
                request.finish().update(site, rendered.written());
            }
        } catch (IOException e) {
            findings.add(new Finding(site, 0, "bake", Finding.Severity.ERROR, "cannot finish the site: " + e.getMessage()));
        }
        // The scans and the link check only read the finished site: they run side by side on both cores.
        List<Callable<List<Finding>>> reads = new ArrayList<>();
        for (SiteScan scan : scans) {
            reads.add(() -> scan.scan(site, catalog, whole ? List.of() : rendered.written()));
        }
        if (!whole || !broken) {
            WarmState warm = request.warm();
            if (whole || warm == null || warm.links() == null) {
                reads.add(() -> {
                    LinkCheck links = new LinkCheck(request.project(), site);
                    List<Finding> found = links.run();
                    if (warm != null) {
                        warm.keepLinks(links);
                    }
                    return found;
                });
            } else {
                reads.add(() -> warm.links().update(site, rendered.written()));
            }
        }
        findings.addAll(sideBySide(reads));
        return new Finished(rendered, findings);
    }

    /** Every task's findings, in the tasks' order, with the tasks run on as many threads as there are cores. */
    private static List<Finding> sideBySide(List<Callable<List<Finding>>> tasks) {
        int threads = Math.max(1, Math.min(tasks.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "guide-finish");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Finding> findings = new ArrayList<>();
            for (Future<List<Finding>> done : pool.invokeAll(tasks)) {
                findings.addAll(done.get());
            }
            return findings;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the finished site", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean brokenBake(List<Finding> findings, RenderSite.Rendered rendered) {
        var report = rendered.checked().report();
        java.util.Set<Finding> checks = report == null ? java.util.Set.of() : new java.util.HashSet<>(report.findings());
        return findings.stream().anyMatch(f -> f.isError() && !checks.contains(f));
    }
}

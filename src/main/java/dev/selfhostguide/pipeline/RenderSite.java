package dev.selfhostguide.pipeline;

import dev.selfhostguide.bake.ConvertedPage;
import dev.selfhostguide.bake.PageRenderer;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Stage 4: the HTML. The whole site goes through JBake's Oven into a staging folder; a warm page
 * run writes only the pages it converted again, each through the same adapter
 * ({@link PageRenderer}), and only when that page has no error: a broken page keeps its last good
 * HTML. Pages that are gone lose theirs.
 */
final class RenderSite {

    /**
     * @param written   HTML files this run wrote or deleted (empty after a whole-site render)
     * @param needsFull a page template needs what only a whole-site render gives; bake it all
     * @param bodies    for a run that writes no site: a scratch folder with each page's body at its
     *                  place in the site, so the link check sees every link the pages make; or null
     */
    record Rendered(CheckSnippets.Checked checked, List<Path> written, boolean needsFull, Path bodies, List<Finding> findings) {

        Rendered(CheckSnippets.Checked checked, List<Path> written, boolean needsFull, List<Finding> findings) {
            this(checked, written, needsFull, null, findings);
        }
    }

    Rendered apply(CheckSnippets.Checked checked) {
        LoadSources.Sources sources = checked.converted().sources();
        Request request = sources.request();
        List<Finding> findings = new ArrayList<>(checked.findings());
        if (!sources.sound()) {
            return new Rendered(checked, List.of(), false, findings);
        }
        if (request.render() == Request.Render.NONE) {
            // Links between pages are only known once they are HTML; with every page converted,
            // their bodies are enough for the link check to find what a build's finds.
            return new Rendered(checked, List.of(), false, request.pages().isEmpty() ? bodies(checked, findings) : null, findings);
        }
        if (request.render() == Request.Render.SITE) {
            findings.addAll(sources.bake().render(request.site(), sources.catalog(), checked.converted().pages()));
            return new Rendered(checked, List.of(), false, findings);
        }
        WarmState warm = request.warm();
        Path site = request.site();
        PageRenderer renderer = sources.bake().pageRenderer(site, sources.catalog());
        List<Path> written = new ArrayList<>();
        for (Path gone : warm.removedPages()) {
            Path html = site.resolve(renderer.uri(gone));
            try {
                Files.deleteIfExists(html);
                written.add(html);
            } catch (IOException e) {
                findings.add(new Finding(gone, 0, "bake", Finding.Severity.ERROR, "cannot remove its page: " + e.getMessage()));
            }
        }
        for (Path page : checked.converted().fresh()) {
            ConvertedPage converted = checked.converted().pages().get(page);
            Set<Path> own = warm.sourcesOf(page);
            boolean broken = converted == null || checked.findings().stream()
                .anyMatch(f -> f.isError() && own.contains(f.file().toAbsolutePath().normalize()));
            if (broken) {
                continue;
            }
            try {
                if (renderer.write(site, converted)) {
                    written.add(site.resolve(renderer.uri(page)));
                }
            } catch (IOException e) {
                findings.add(new Finding(page, 0, "bake", Finding.Severity.ERROR,
                    "cannot write " + renderer.uri(page) + ": " + e.getMessage()));
            } catch (Exception e) {
                // The templates passed the last whole-site render, so this page needs what only
                // that gives (JBake's store, say): render it all, which also reports a real error.
                return new Rendered(checked, written, true, findings);
            }
        }
        return new Rendered(checked, written, false, findings);
    }

    private static Path bodies(CheckSnippets.Checked checked, List<Finding> findings) {
        LoadSources.Sources sources = checked.converted().sources();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("guide-check-");
            PageRenderer renderer = sources.bake().pageRenderer(scratch, sources.catalog());
            for (ConvertedPage page : checked.converted().pages().values()) {
                Path html = scratch.resolve(renderer.uri(page.source()));
                Files.createDirectories(html.getParent());
                Files.writeString(html, "<!DOCTYPE html><html><body>" + page.html() + "</body></html>\n");
            }
            findings.addAll(sources.bake().copyExamples(scratch, sources.catalog()));
            return scratch;
        } catch (IOException e) {
            dev.selfhostguide.bake.SiteOutput.delete(scratch);
            findings.add(new Finding(sources.request().project().content(), 0, "link", Finding.Severity.ERROR,
                "cannot lay out the pages to check their links: " + e.getMessage()));
            return null;
        }
    }
}

package dev.selfhostguide.pipeline;

import dev.selfhostguide.bake.Bake;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.ContentException;
import dev.selfhostguide.content.ContentScan;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1: the sources as files. Every file under content/ must be sound (no symlink out, UTF-8,
 * LF line ends, not too large) before anything is converted from it; then the data files become
 * the catalog, and, when the run renders the site, the templates must parse.
 */
final class LoadSources {

    /** The pages to convert and the data to convert them with; {@code catalog} is null when the sources are not sound. */
    record Sources(Request request, Bake bake, Catalog catalog, List<Path> pages, List<Finding> findings) {

        boolean sound() {
            return catalog != null && findings.stream().noneMatch(Finding::isError);
        }
    }

    private final Bake bake;

    LoadSources(Bake bake) {
        this.bake = bake;
    }

    Sources apply(Request request) {
        List<Finding> findings = new ArrayList<>();
        ContentScan.Memo seen = request.warm() == null ? null : request.warm().contentScan();
        for (ContentScan.Problem problem : ContentScan.scan(request.project().content(), seen)) {
            findings.add(new Finding(problem.file(), problem.line(), "content", Finding.Severity.ERROR, problem.message()));
        }
        if (!findings.isEmpty()) {
            return new Sources(request, bake, null, List.of(), findings);   // nothing is converted from unsound files
        }
        Catalog catalog;
        try {
            WarmState warm = request.warm();
            catalog = warm != null ? warm.catalog(request.project()) : load(request);
        } catch (ContentException e) {
            findings.add(new Finding(e.file(), e.line(), "data", Finding.Severity.ERROR, e.getMessage()));
            return new Sources(request, bake, null, List.of(), findings);
        }
        // Asciidoctor inserts {attributes} into prose unescaped, so markup in a data value would reach the page raw.
        findings.addAll(dev.selfhostguide.bake.DataAttributes.problems(catalog));
        if (!findings.isEmpty()) {
            return new Sources(request, bake, null, List.of(), findings);
        }
        if (request.render() == Request.Render.SITE) {
            findings.addAll(bake.templateErrors());
        }
        List<Path> pages = request.pages().isEmpty() ? bake.pages() : request.pages();
        List<Finding> names = new ArrayList<>();
        for (Path page : pages) {
            bake.nameProblem(page).ifPresent(why -> names.add(new Finding(page, 0, "content", Finding.Severity.ERROR, why)));
        }
        if (!names.isEmpty()) {
            findings.addAll(names);
            return new Sources(request, bake, null, List.of(), findings);     // its HTML would land under another name
        }
        return new Sources(request, bake, catalog, pages, findings);
    }

    /** The catalog of the project's data files; type errors in the data surface here, once. */
    static Catalog load(Request request) {
        Catalog catalog = Catalog.load(request.project().data());
        catalog.attributes();
        return catalog;
    }
}

package dev.selfhostguide.pipeline;

import dev.selfhostguide.bake.Bake;
import dev.selfhostguide.bake.ConvertedPage;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.PageOutline;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 2: every page converted once, on every core, with its snippets and outline. A warm run
 * takes the pages whose sources, settings and data are unchanged from its cache, with what
 * converting them gave, so it finds exactly what converting everything would.
 */
final class ConvertPages {

    /**
     * @param pages  the converted pages in path order
     * @param fresh  the pages this run converted (the others came from the cache)
     */
    record Converted(LoadSources.Sources sources, Map<Path, ConvertedPage> pages, Set<Path> fresh, List<Finding> findings) {

        /** Every snippet, grouped by page in path order; each page's blocks in document order (the parity gate relies on it). */
        List<Snippet> snippets() {
            List<Snippet> all = new ArrayList<>();
            pages.values().forEach(page -> all.addAll(page.snippets()));
            return all;
        }

        List<PageOutline> outlines() {
            return pages.values().stream().map(ConvertedPage::outline).toList();
        }
    }

    Converted apply(LoadSources.Sources sources) {
        if (!sources.sound()) {
            return new Converted(sources, Map.of(), Set.of(), sources.findings());
        }
        Request request = sources.request();
        WarmState warm = request.warm();
        Bake bake = sources.bake();
        Bake.Conversion conversion = warm == null
            ? bake.convert(sources.pages(), sources.catalog(), page -> null)
            : bake.convert(sources.pages(), sources.catalog(), page -> warm.reusable(page, bake.settings(), sources.catalog()),
                warm::findingsOf);
        Map<Path, ConvertedPage> ordered = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>(sources.findings());
        findings.addAll(conversion.findings());
        Set<Path> fresh = new java.util.HashSet<>();
        for (Path page : sources.pages().stream().sorted(Comparator.comparing(Path::toString)).toList()) {
            ConvertedPage converted = conversion.pages().get(page);
            if (converted != null) {
                ordered.put(page, converted);
            }
            findings.addAll(conversion.pageFindings().getOrDefault(page, List.of()));
            if (warm == null || warm.isFresh(page, converted)) {
                fresh.add(page);
            }
            request.progress().accept(page);
        }
        if (warm != null) {
            warm.keep(sources.catalog(), bake.settings(), conversion);
        }
        return new Converted(sources, ordered, Set.copyOf(fresh), findings);
    }
}

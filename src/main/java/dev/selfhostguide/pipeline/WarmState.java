package dev.selfhostguide.pipeline;

import dev.selfhostguide.bake.Bake;
import dev.selfhostguide.bake.ConvertedPage;
import dev.selfhostguide.bake.IncludeGraph;
import dev.selfhostguide.bake.LinkCheck;
import dev.selfhostguide.checks.CheckRunner;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.PageOutline;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What one serve session keeps between runs of the pipeline, so that a run after an edit does the
 * work of what changed only and still finds what a cold run finds: each page's conversion and
 * what converting it gave (valid while the page, what it includes, Asciidoctor's settings and the
 * data are unchanged, by size and modification time), which files each page includes, the
 * catalog (while content/data is unchanged), the checks' verdicts (while every snippet, every
 * page outline and the data are unchanged), and the link check's tables. One session, one thread
 * at a time.
 */
public final class WarmState {

    private record Entry(ConvertedPage converted, List<Finding> findings, List<String> settings,
                         Map<String, String> attributes, Map<Path, List<Long>> stamps) { }

    private record Verdicts(List<Snippet> snippets, List<PageOutline> pages, Catalog catalog, CheckRunner.Report report) { }

    private final IncludeGraph graph;
    private final Map<Path, Entry> entries = new HashMap<>();
    private Set<Path> known = Set.of();
    private Set<Path> removed = Set.of();
    private Catalog catalog;
    private Map<Path, List<Long>> dataStamps = Map.of();
    private Verdicts verdicts;
    private LinkCheck links;
    private final dev.selfhostguide.content.ContentScan.Memo contentScan = new dev.selfhostguide.content.ContentScan.Memo();

    public WarmState(Project project) {
        this.graph = new IncludeGraph(project.content());
    }

    /** What the content scan found in each file, for the scans before and in each rebuild. */
    dev.selfhostguide.content.ContentScan.Memo contentScan() {
        return contentScan;
    }

    /** The catalog, loaded again only when a data file changed. */
    Catalog catalog(Project project) {
        Map<Path, List<Long>> now = stamps(dataFiles(project));
        if (catalog == null || !now.equals(dataStamps)) {
            Catalog loaded = Catalog.load(project.data());
            loaded.attributes();
            catalog = loaded;
            dataStamps = now;
        }
        return catalog;
    }

    /** The kept conversion of {@code page}, if converting it again would give the same. */
    ConvertedPage reusable(Path page, List<String> settings, Catalog catalog) {
        Entry entry = entries.get(page);
        if (entry == null || !entry.settings().equals(settings) || !entry.attributes().equals(catalog.attributes())
                || !entry.stamps().equals(stamps(entry.stamps().keySet()))) {
            return null;
        }
        return entry.converted();
    }

    List<Finding> findingsOf(Path page) {
        Entry entry = entries.get(page);
        return entry == null ? List.of() : entry.findings();
    }

    /** Whether {@code converted} is not what was kept for {@code page}: this run converted it. */
    boolean isFresh(Path page, ConvertedPage converted) {
        Entry entry = entries.get(page);
        return entry == null || entry.converted() != converted;
    }

    /** Keeps what this run converted. */
    void keep(Catalog catalog, List<String> settings, Bake.Conversion conversion) {
        Map<String, String> attributes = catalog.attributes();
        Set<Path> now = new TreeSet<>(conversion.pages().keySet());
        removed = new TreeSet<>(known);
        removed.removeAll(now);
        for (Path gone : removed) {
            entries.remove(gone);
            graph.remove(gone);
        }
        conversion.pages().forEach((page, converted) -> {
            Entry entry = entries.get(page);
            if (entry != null && entry.converted() == converted) {
                return;
            }
            graph.scan(page, attributes);
            entries.put(page, new Entry(converted, conversion.pageFindings().getOrDefault(page, List.of()), settings,
                attributes, stamps(sourcesOf(page))));
        });
        known = now;
    }

    /** The pages the last kept run no longer had. */
    Set<Path> removedPages() {
        return removed;
    }

    /** Converts {@code file} again if it is a page, and every page that includes it. */
    void forget(Path file) {
        entries.remove(file);
        graph.pagesIncluding(file).forEach(entries::remove);
        // A data file written twice within one clock tick can keep its time and size: what the
        // watcher reports as changed is loaded again, whatever its stamp says.
        Path changed = file.toAbsolutePath().normalize();
        if (dataStamps.keySet().stream().anyMatch(p -> p.toAbsolutePath().normalize().equals(changed))) {
            catalog = null;
        }
    }

    /** The page and every file it includes. */
    Set<Path> sourcesOf(Path page) {
        Set<Path> sources = new TreeSet<>(graph.includes(page));
        sources.add(page);
        return sources;
    }

    /** The pages that include {@code file}. */
    public Set<Path> pagesIncluding(Path file) {
        return graph.pagesIncluding(file);
    }

    CheckRunner.Report verdicts(List<Snippet> snippets, List<PageOutline> pages, Catalog catalog) {
        Verdicts v = verdicts;
        return v != null && v.catalog() == catalog && v.snippets().equals(snippets) && v.pages().equals(pages) ? v.report() : null;
    }

    void keepVerdicts(List<Snippet> snippets, List<PageOutline> pages, Catalog catalog, CheckRunner.Report report) {
        verdicts = new Verdicts(List.copyOf(snippets), List.copyOf(pages), catalog, report);
    }

    LinkCheck links() {
        return links;
    }

    void keepLinks(LinkCheck links) {
        this.links = links;
    }

    /** Forget the link tables: the site they describe was not published. */
    public void dropLinks() {
        links = null;
    }

    private static List<Path> dataFiles(Project project) {
        if (!Files.isDirectory(project.data())) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(project.data())) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Map<Path, List<Long>> stamps(Collection<Path> files) {
        Map<Path, List<Long>> stamps = new TreeMap<>();
        for (Path file : files) {
            try {
                stamps.put(file, List.of(Files.getLastModifiedTime(file).toMillis(), Files.size(file)));
            } catch (IOException e) {
                stamps.put(file, List.of());
            }
        }
        return stamps;
    }
}

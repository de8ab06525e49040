package dev.selfhostguide.bundle;

import dev.selfhostguide.bake.Bake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The stage between the bake and publishing, the same for the hosted site and the bundle: mark
 * external links, wrap tables so they scroll in their own box ({@link TableScroll}), fill the
 * page stamp ({@link PageStamp}), then write the search index (from the pages as finished).
 *
 * <p>An instance keeps each page's search-index entry, so that after a few pages were rebuilt
 * ({@link #update}) only those are read again; the index it writes is the one {@link #apply}
 * would write for the same site.
 */
public final class SiteFinish implements Bake.Finish {

    /** Page path relative to the site (sorted as a walk of the site sorts them) to its entry. */
    private final Map<Path, SearchIndex.Entry> entries = new TreeMap<>();
    private boolean applied;
    private PageStamp stamp;
    /** The command's environment variables: SOURCE_DATE_EPOCH, when set, is the pages' date. */
    private final Map<String, String> variables;

    /** Stamps pages with the guide version and the source date of the checkout that holds the site. */
    public SiteFinish() {
        this(Map.of());
    }

    /** The same, with the command's environment variables (SOURCE_DATE_EPOCH). */
    public SiteFinish(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** Stamps pages with this stamp (tests, and callers that already know the date). */
    public SiteFinish(PageStamp stamp) {
        this(Map.of());
        this.stamp = stamp;
    }

    @Override
    public synchronized void apply(Path site) throws IOException {
        entries.clear();
        PageStamp stamp = stamp(site);
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(site)) {
            pages = walk.filter(SiteFinish::isPage).sorted().toList();
        }
        // Pages are independent: mark and read them on every core.
        Map<Path, SearchIndex.Entry> found = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            pages.parallelStream().forEach(html -> {
                try {
                    found.put(site.relativize(html), finish(site, html, stamp));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        entries.putAll(found);
        writeIndex(site);
        applied = true;
    }

    @Override
    public synchronized void update(Path site, Collection<Path> pages) throws IOException {
        if (!applied) {
            apply(site);
            return;
        }
        for (Path html : pages) {
            Path page = site.resolve(site.relativize(html.toAbsolutePath().normalize()));
            if (Files.isRegularFile(page) && isPage(page)) {
                entries.put(site.relativize(page), finish(site, page, stamp(site)));
            } else {
                entries.remove(site.relativize(page));
            }
        }
        writeIndex(site);
    }

    private PageStamp stamp(Path site) {
        if (stamp == null) {
            stamp = PageStamp.of(site, variables);
        }
        return stamp;
    }

    /** Finishes one page (rewriting it only if anything changed) and returns its search entry. */
    private static SearchIndex.Entry finish(Path site, Path html, PageStamp stamp) throws IOException {
        Document doc = Jsoup.parse(html.toFile(), "UTF-8");
        int marked = ExternalLinks.mark(doc);
        int wrapped = TableScroll.wrap(doc);
        if (stamp.apply(doc) | marked > 0 | wrapped > 0) {
            // No pretty printing: <pre> blocks and inline spacing must stay exactly as baked.
            doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
            Files.writeString(html, doc.outerHtml(), StandardCharsets.UTF_8);
        }
        return SearchIndex.entry(site.relativize(html).toString().replace('\\', '/'), doc);
    }

    private void writeIndex(Path site) throws IOException {
        Files.writeString(site.resolve(SearchIndex.FILE), SearchIndex.script(new ArrayList<>(entries.values())),
            StandardCharsets.UTF_8);
    }

    private static boolean isPage(Path p) {
        return p.toString().endsWith(".html");
    }
}

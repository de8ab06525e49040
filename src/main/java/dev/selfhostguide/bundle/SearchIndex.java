package dev.selfhostguide.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The search index of a baked site: one input (the site folder), one output ({@value #FILE} at its
 * root). It is a script that sets {@code window.GUIDE_SEARCH}, because pages opened from file://
 * may load scripts but may not fetch files; search.js reads it.
 *
 * <p>Each entry is a section: the text under an h2 or h3 that has an id (so a result can link to
 * it), or the part of a page before its first such heading. Terms (see {@link Tokens}) are kept
 * sorted so search.js can find every term starting with what the reader typed by binary search.
 */
public final class SearchIndex {

    public static final String FILE = "search-index.js";
    static final String VARIABLE = "window.GUIDE_SEARCH";

    /** Where the text of a page is; the first that exists wins. */
    private static final List<String> MAIN = List.of("main", "#content", "body");
    /** Page furniture that is not the page's content. */
    private static final String FURNITURE = "script, style, nav, form, #toc, .toc, #guide-search-results, [hidden], "
        + ".page-stamp, .back-to-top, .block-checked";
    private static final int TITLE_WEIGHT = 10;

    record Page(String url, String title, String lang) { }

    record Section(int page, String anchor, String title, String text) { }

    /**
     * What one page contributes to the index, extracted once and kept by a caller that rebuilds
     * the index often (its sections' page number is 0 until {@link #script(Collection)} numbers it).
     *
     * @param terms    the page's terms (each once, in no particular order)
     * @param postings for each of {@code terms}, its sections (numbered from the page's first) and
     *                 scores there, in section order: section, score, section, score, ...
     */
    record Entry(Page page, List<Section> sections, List<String> rows, String[] terms, int[][] postings) {

        /** With each section's JSON row (after its page number) and the page's postings, worked out once. */
        static Entry of(Page page, List<Section> sections) {
            List<String> rows = new ArrayList<>();
            Map<String, List<Integer>> byTerm = new java.util.HashMap<>();
            for (int j = 0; j < sections.size(); j++) {
                Section section = sections.get(j);
                StringBuilder row = new StringBuilder();
                Json.string(row, section.anchor());
                row.append(',');
                Json.string(row, section.title());
                row.append(',');
                Json.string(row, section.text());
                rows.add(row.append(']').toString());
                Map<String, Integer> terms = new java.util.HashMap<>();
                for (String term : Tokens.terms(section.text())) {
                    terms.merge(term, 1, Integer::sum);
                }
                String heading = section.title() + (section.anchor().isEmpty() ? "" : " " + page.title());
                for (String term : Tokens.terms(heading)) {
                    terms.merge(term, TITLE_WEIGHT, Integer::sum);
                }
                int at = j;
                terms.forEach((term, score) -> {
                    List<Integer> list = byTerm.computeIfAbsent(term, t -> new ArrayList<>());
                    list.add(at);
                    list.add(score);
                });
            }
            String[] terms = byTerm.keySet().toArray(new String[0]);
            int[][] postings = byTerm.values().stream().map(list -> list.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
            return new Entry(page, List.copyOf(sections), List.copyOf(rows), terms, postings);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Reads every page of {@code site} and writes {@code site/search-index.js}; returns that file. */
    public static Path write(Path site) throws IOException {
        SearchIndex index = new SearchIndex();
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path html : walk.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                index.add(site.relativize(html).toString().replace('\\', '/'), Jsoup.parse(html.toFile(), "UTF-8"));
            }
        }
        Path out = site.resolve(FILE);
        Files.writeString(out, index.script(), StandardCharsets.UTF_8);
        return out;
    }

    void add(String url, Document doc) {
        add(entry(url, doc));
    }

    private void add(Entry entry) {
        entries.add(entry);
    }

    /** The index of these page entries, in this order: the text {@link #write(Path)} writes for them. */
    static String script(Collection<Entry> entries) {
        SearchIndex index = new SearchIndex();
        entries.forEach(index::add);
        return index.script();
    }

    /** One page's entry; {@code url} is its path relative to the site root. */
    static Entry entry(String url, Document doc) {
        Element main = MAIN.stream().map(doc::selectFirst).filter(e -> e != null).findFirst().orElse(doc.body());
        main = main.clone();
        main.select(FURNITURE).remove();
        Element h1 = main.selectFirst("h1");
        String pageTitle = h1 != null ? h1.text() : doc.title();
        if (h1 != null) {
            h1.remove();
        }
        String lang = doc.selectFirst("html") == null ? "" : doc.selectFirst("html").attr("lang");
        List<Section> found = new ArrayList<>();
        SectionCollector collector = new SectionCollector(found, pageTitle);
        NodeTraversor.traverse(collector, main);
        collector.close();
        return Entry.of(new Page(url, pageTitle, lang), found);
    }

    /** Walks a page in document order, cutting it at each linkable h2/h3. */
    private static final class SectionCollector implements NodeVisitor {
        private final List<Section> sections;
        private String anchor = "";
        private String title;
        private final StringBuilder text = new StringBuilder();
        private Element heading;

        SectionCollector(List<Section> sections, String pageTitle) {
            this.sections = sections;
            this.title = pageTitle;
        }

        @Override
        public void head(Node node, int depth) {
            if (heading != null) {
                return;                                   // inside a heading: its text is the title
            }
            if (node instanceof Element el && (el.nameIs("h2") || el.nameIs("h3")) && !el.id().isEmpty()) {
                close();
                anchor = el.id();
                title = el.text();
                heading = el;
            } else if (node instanceof TextNode t) {
                text.append(t.getWholeText());
            } else if (node instanceof Element el && el.isBlock()) {
                text.append(' ');
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node == heading) {
                heading = null;
            } else if (node instanceof Element el && el.isBlock()) {
                text.append(' ');
            }
        }

        void close() {
            String body = text.toString().replaceAll("\\s+", " ").strip();
            if (!body.isEmpty() || !anchor.isEmpty()) {
                sections.add(new Section(0, anchor, title, body));
            }
            text.setLength(0);
        }
    }

    String script() {
        StringBuilder out = new StringBuilder(VARIABLE).append(" = {\"version\":1,\n\"pages\":[");
        for (int i = 0; i < entries.size(); i++) {
            Page p = entries.get(i).page();
            out.append(i == 0 ? "\n" : ",\n").append('[');
            Json.string(out, p.url());
            out.append(',');
            Json.string(out, p.title());
            out.append(',');
            Json.string(out, p.lang());
            out.append(']');
        }
        out.append("],\n\"sections\":[");
        int[] firstSection = new int[entries.size()];
        int section = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            firstSection[i] = section;
            for (int j = 0; j < entry.rows().size(); j++, section++) {
                out.append(section == 0 ? "\n" : ",\n").append('[').append(i).append(',').append(entry.rows().get(j));
            }
        }
        // Terms sorted by UTF-16 units, as JS compares; each term's postings in section order. Only
        // the distinct terms are sorted; the postings are put in place by the terms' ranks, in page
        // order (serve writes the index at every page rebuild; sorting every posting was the
        // largest part of that).
        Map<String, Integer> rank = new java.util.HashMap<>();
        for (Entry entry : entries) {
            for (String term : entry.terms()) {
                rank.putIfAbsent(term, 0);
            }
        }
        String[] sorted = rank.keySet().toArray(new String[0]);
        java.util.Arrays.sort(sorted);
        for (int r = 0; r < sorted.length; r++) {
            rank.put(sorted[r], r);
        }
        int[] size = new int[sorted.length + 1];
        int[][] ranks = new int[entries.size()][];
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            ranks[i] = new int[entry.terms().length];
            for (int k = 0; k < ranks[i].length; k++) {
                ranks[i][k] = rank.get(entry.terms()[k]);
                size[ranks[i][k] + 1] += entry.postings()[k].length;
            }
        }
        int[] start = size;                              // prefix sums: where each term's pairs begin
        for (int r = 1; r < start.length; r++) {
            start[r] += start[r - 1];
        }
        int[] flat = new int[start[sorted.length]];
        int[] fill = java.util.Arrays.copyOf(start, sorted.length);
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            for (int k = 0; k < ranks[i].length; k++) {
                int[] pairs = entry.postings()[k];
                int at = fill[ranks[i][k]];
                for (int p = 0; p < pairs.length; p += 2) {
                    flat[at + p] = firstSection[i] + pairs[p];
                    flat[at + p + 1] = pairs[p + 1];
                }
                fill[ranks[i][k]] += pairs.length;
            }
        }
        StringBuilder terms = new StringBuilder();
        StringBuilder postings = new StringBuilder();
        for (int r = 0; r < sorted.length; r++) {
            terms.append(r == 0 ? "" : ",");
            Json.string(terms, sorted[r]);
            postings.append(r == 0 ? "[" : ",\n[");
            for (int p = start[r]; p < start[r + 1]; p++) {
                postings.append(p == start[r] ? "" : ",").append(flat[p]);
            }
            postings.append(']');
        }
        out.append("],\n\"terms\":[").append(terms).append("],\n\"postings\":[").append(postings);
        return out.append("]};\n").toString();
    }

    List<Section> sections() {
        List<Section> all = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            for (Section section : entries.get(i).sections()) {
                all.add(new Section(i, section.anchor(), section.title(), section.text()));
            }
        }
        return all;
    }
}

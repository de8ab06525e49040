package dev.selfhostguide.bundle;

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
    private static final String FURNITURE = "script, style, nav, form, #toc, .toc, #guide-search-results, [hidden]";
    private static final int TITLE_WEIGHT = 10;

    record Page(String url, String title, String lang) { }

    record Section(int page, String anchor, String title, String text) { }

    /**
     * What one page contributes to the index, extracted once and kept by a caller that rebuilds
     * the index often (its sections' page number is 0 until {@link #script(Collection)} numbers it).
     */
    record Entry(Page page, List<Section> sections) { }

    private final List<Page> pages = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    /** Reads every page of {@code site} and writes {@code site/search-index.js}; returns that file. */
    public static Path write(Path site) throws IOException {
        SearchIndex index = new SearchIndex();
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path html : walk.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                index.add(site.relativize(html).toString().replace('\\', '/'), Jsoup.parse(html.toFile(), "UTF-8"));
            }
        }
        Path out = site.resolve(FILE);
        Files.writeString(out, index.script(), StandardCharsets.US_ASCII);
        return out;
    }

    void add(String url, Document doc) {
        add(entry(url, doc));
    }

    private void add(Entry entry) {
        int page = pages.size();
        pages.add(entry.page());
        for (Section s : entry.sections()) {
            sections.add(new Section(page, s.anchor(), s.title(), s.text()));
        }
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
        return new Entry(new Page(url, pageTitle, lang), List.copyOf(found));
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

    /** term -> section index -> score; TreeMap so terms come out sorted (by UTF-16 units, as JS compares). */
    private Map<String, TreeMap<Integer, Integer>> postings() {
        Map<String, TreeMap<Integer, Integer>> terms = new TreeMap<>();
        for (int s = 0; s < sections.size(); s++) {
            Section section = sections.get(s);
            for (String term : Tokens.terms(section.text())) {
                terms.computeIfAbsent(term, t -> new TreeMap<>()).merge(s, 1, Integer::sum);
            }
            String heading = section.title() + (section.anchor().isEmpty() ? "" : " " + pages.get(section.page()).title());
            for (String term : Tokens.terms(heading)) {
                terms.computeIfAbsent(term, t -> new TreeMap<>()).merge(s, TITLE_WEIGHT, Integer::sum);
            }
        }
        return terms;
    }

    String script() {
        StringBuilder out = new StringBuilder(VARIABLE).append(" = {\"version\":1,\n\"pages\":[");
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            out.append(i == 0 ? "\n" : ",\n").append('[');
            Json.string(out, p.url());
            out.append(',');
            Json.string(out, p.title());
            out.append(',');
            Json.string(out, p.lang());
            out.append(']');
        }
        out.append("],\n\"sections\":[");
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            out.append(i == 0 ? "\n" : ",\n").append('[').append(s.page()).append(',');
            Json.string(out, s.anchor());
            out.append(',');
            Json.string(out, s.title());
            out.append(',');
            Json.string(out, s.text());
            out.append(']');
        }
        Map<String, TreeMap<Integer, Integer>> postings = postings();
        out.append("],\n\"terms\":[");
        boolean first = true;
        for (String term : postings.keySet()) {
            out.append(first ? "" : ",");
            Json.string(out, term);
            first = false;
        }
        out.append("],\n\"postings\":[");
        first = true;
        for (TreeMap<Integer, Integer> list : postings.values()) {
            out.append(first ? "[" : ",\n[");
            first = false;
            boolean firstPair = true;
            for (Map.Entry<Integer, Integer> e : list.entrySet()) {
                out.append(firstPair ? "" : ",").append(e.getKey()).append(',').append(e.getValue());
                firstPair = false;
            }
            out.append(']');
        }
        return out.append("]};\n").toString();
    }

    List<Section> sections() {
        return List.copyOf(sections);
    }
}

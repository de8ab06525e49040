package dev.selfhostguide.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Marks every hyperlink that leaves the guide with {@code rel="external"}, so templates can show it
 * and readers in a closed network know before they click that it will not open. Pages that already
 * mark all their links are left byte for byte as they are.
 */
public final class ExternalLinks {

    private ExternalLinks() {
    }

    /** Marks the links of every page of {@code site}; returns how many links it marked. */
    public static int mark(Path site) throws IOException {
        int marked = 0;
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(site)) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        for (Path html : pages) {
            Document doc = Jsoup.parse(html.toFile(), "UTF-8");
            int n = mark(doc);
            if (n > 0) {
                // No pretty printing: <pre> blocks and inline spacing must stay exactly as baked.
                doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
                Files.writeString(html, doc.outerHtml(), StandardCharsets.UTF_8);
                marked += n;
            }
        }
        return marked;
    }

    static int mark(Document doc) {
        int n = 0;
        for (Element a : doc.select("a[href]")) {
            if (!isExternal(a.attr("href"))) {
                continue;
            }
            Set<String> rel = new LinkedHashSet<>(List.of(a.attr("rel").trim().split("\\s+")));
            rel.remove("");
            if (rel.add("external")) {
                a.attr("rel", String.join(" ", new ArrayList<>(rel)));
                n++;
            }
        }
        return n;
    }

    /** An absolute URL with a scheme that needs a network (or a protocol-relative one). */
    static boolean isExternal(String ref) {
        String r = ref.strip().toLowerCase(java.util.Locale.ROOT);
        return r.startsWith("http:") || r.startsWith("https:") || r.startsWith("//") || r.startsWith("ftp:");
    }
}

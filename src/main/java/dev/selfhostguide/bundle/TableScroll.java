package dev.selfhostguide.bundle;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Wraps each top-level content table in {@code <div class="table-scroll">}, so a table wider than
 * the text column scrolls inside its own box instead of running under the table of contents. A
 * table cannot scroll itself without losing its table layout (display: block shrinks it), and
 * Asciidoctor writes no wrapper, hence this step. Tables inside tables are left alone.
 */
final class TableScroll {

    static final String CLASS = "table-scroll";

    private TableScroll() {
    }

    /** Wraps the tables not yet wrapped; returns how many it wrapped. */
    static int wrap(Document doc) {
        int wrapped = 0;
        for (Element table : doc.select("table.tableblock")) {
            Element parent = table.parent();
            if (parent == null || parent.hasClass(CLASS) || table.parents().is("table")) {
                continue;
            }
            table.wrap("<div class=\"" + CLASS + "\"></div>");
            // A keyboard user must be able to reach and scroll a box that may overflow.
            Element caption = table.selectFirst("caption");
            boolean korean = doc.selectFirst("html[lang^=ko]") != null;
            table.parent().attr("tabindex", "0").attr("role", "region")
                .attr("aria-label", caption != null ? caption.text() : korean ? "표" : "Table");
            wrapped++;
        }
        return wrapped;
    }
}

package dev.selfhostguide.bundle;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Fills the stamp the page template leaves on every page ({@code data-guide-version},
 * {@code data-guide-pins} and {@code data-guide-built}) with the guide version, the upstream
 * commits the facts are pinned to and the build date. The date is the source
 * date ({@link SourceDate}: SOURCE_DATE_EPOCH or the last commit), never the clock, so two
 * builds of one commit stay byte-identical. Templates own the words around the two values.
 */
public record PageStamp(String version, long epochSeconds, List<Pin> pins) {

    static final String VERSION = "data-guide-version";
    static final String BUILT = "data-guide-built";
    static final String PINS = "data-guide-pins";

    /** An upstream repository and the commit the guide's facts about it were read at. */
    public record Pin(String repo, String commit) {
        String shortCommit() {
            return commit.length() > 7 ? commit.substring(0, 7) : commit;
        }
    }

    public PageStamp {
        pins = List.copyOf(pins);
    }

    /**
     * The stamp of the checkout that holds {@code site}: git answers from any folder inside it, and
     * the pins are the commits of content/data/upstream.yml (each repository and commit once).
     */
    public static PageStamp of(Path site, Map<String, String> variables) {
        Project project = Project.find(site);
        List<Pin> pins = new ArrayList<>();
        Catalog catalog = Catalog.load(project.data());
        if (catalog.has("upstream")) {
            for (Map<String, String> source : catalog.sources().values()) {
                String repo = source.getOrDefault("repo", "");
                String commit = source.getOrDefault("commit", "");
                Pin pin = new Pin(repo, commit);
                if (!repo.isEmpty() && !commit.isEmpty() && !pins.contains(pin)) {
                    pins.add(pin);
                }
            }
        }
        return new PageStamp(GuideVersion.current(), SourceDate.resolve(variables, project.root()), pins);
    }

    public String date() {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.ofEpochSecond(epochSeconds).atOffset(ZoneOffset.UTC));
    }

    /** Fills the page's stamp; returns whether anything changed. */
    boolean apply(Document doc) {
        boolean changed = false;
        for (Element el : doc.select("[" + VERSION + "]")) {
            changed |= set(el, version);
        }
        for (Element el : doc.select("[" + PINS + "]")) {
            changed |= setPins(el);
        }
        String date = date();
        for (Element el : doc.select("[" + BUILT + "]")) {
            changed |= set(el, date);
            if (el.tagName().equals("time") && !date.equals(el.attr("datetime"))) {
                el.attr("datetime", date);
                changed = true;
            }
        }
        return changed;
    }

    private boolean setPins(Element el) {
        Element filled = el.shallowClone();
        for (int i = 0; i < pins.size(); i++) {
            Pin pin = pins.get(i);
            if (i > 0) {
                filled.appendText(", ");
            }
            Element span = filled.appendElement("span").addClass("stamp-pin").attr("title", pin.repo() + " " + pin.commit());
            span.appendText(pin.repo() + " ").appendElement("code").text(pin.shortCommit());
        }
        if (pins.isEmpty()) {
            filled.text("—");
        }
        if (filled.html().equals(el.html())) {
            return false;
        }
        el.empty();
        for (org.jsoup.nodes.Node child : new ArrayList<>(filled.childNodes())) {
            el.appendChild(child);
        }
        return true;
    }

    private static boolean set(Element el, String text) {
        if (el.text().equals(text) && el.childrenSize() == 0) {
            return false;
        }
        el.text(text);
        return true;
    }
}

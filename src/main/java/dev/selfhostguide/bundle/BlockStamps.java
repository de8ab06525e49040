package dev.selfhostguide.bundle;

import dev.selfhostguide.checks.Check;
import dev.selfhostguide.checks.CheckRegistry;
import dev.selfhostguide.checks.CheckRunner;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Writes under each code block of the finished site how it was checked ("checked: yaml · compose"),
 * or why not ("not checked: <reason>"), once the checks passed. The line sits inside the block but
 * outside its {@code <pre>}, so copying the block does not copy it, and print hides it.
 *
 * <p>Snippets are matched to the page's blocks by position: the bake collects them in document
 * order from the same listing and literal blocks the page shows. A count that differs is reported,
 * never guessed around.
 */
public final class BlockStamps {

    /** What a block's line says: checked by these checks, or not checked for this reason. */
    public record Verdict(List<String> checks, String reason) {
        public static Verdict checked(List<String> checks) {
            return new Verdict(List.copyOf(checks), null);
        }

        public static Verdict notChecked(String reason) {
            return new Verdict(List.of(), reason);
        }
    }

    static final String CLASS = "block-checked";
    static final String BLOCKS = "div.listingblock > div.content, div.literalblock > div.content";

    private BlockStamps() {
    }

    /**
     * Stamps the pages of {@code site} with what the standard checks selected for each snippet, or
     * the reason a snippet opted out: the one stamp build, bundle and serve write, so a page
     * rebuilt by serve has the bytes {@code guide build} gives it. Only for snippets whose checks
     * all passed.
     */
    public static List<Finding> stamp(Path site, Path contentRoot, List<Snippet> snippets) throws IOException {
        CheckRunner runner = new CheckRunner(CheckRegistry.standard());
        return apply(site, contentRoot, snippets, snippet -> {
            CheckRunner.Selection selection = runner.select(snippet);
            return selection.optedOut()
                ? Verdict.notChecked(snippet.attribute("reason").orElse("").strip())
                : Verdict.checked(selection.checks().stream().map(Check::id).toList());
        });
    }

    /**
     * Stamps the pages of {@code site} built from {@code contentRoot}; returns a finding for each
     * page whose blocks do not line up with the snippets the bake saw.
     */
    public static List<Finding> apply(Path site, Path contentRoot, List<Snippet> snippets, Function<Snippet, Verdict> verdicts)
            throws IOException {
        Map<Path, List<Snippet>> byPage = new LinkedHashMap<>();
        for (Snippet snippet : snippets) {
            byPage.computeIfAbsent(snippet.page(), p -> new ArrayList<>()).add(snippet);
        }
        List<Finding> problems = new ArrayList<>();
        for (Map.Entry<Path, List<Snippet>> page : byPage.entrySet()) {
            String relative = contentRoot.relativize(page.getKey()).toString().replaceAll("\\.[^.]+$", ".html");
            Path html = site.resolve(relative);
            if (!Files.isRegularFile(html)) {
                continue;
            }
            Document doc = Jsoup.parse(html.toFile(), "UTF-8");
            Element main = doc.selectFirst("main .doc");
            List<Element> blocks = main == null ? List.of() : main.select(BLOCKS);
            List<Snippet> list = page.getValue();
            if (blocks.size() != list.size()) {
                problems.add(new Finding(page.getKey(), 0, "stamp", Finding.Severity.ERROR, relative + " shows " + blocks.size()
                    + " code blocks but the bake saw " + list.size() + "; cannot say which check covered which"));
                continue;
            }
            boolean korean = doc.selectFirst("html[lang^=ko]") != null;
            boolean changed = false;
            for (int i = 0; i < blocks.size(); i++) {
                Element content = blocks.get(i);
                Element next = content.nextElementSibling();
                String text = line(verdicts.apply(list.get(i)), korean);
                boolean checked = verdicts.apply(list.get(i)).reason() == null;
                if (next != null && next.hasClass(CLASS)) {
                    if (next.text().equals(text)) {
                        continue;
                    }
                    next.remove();
                }
                Element line = content.after("<div></div>").nextElementSibling();
                line.addClass(CLASS).text(text);
                if (!checked) {
                    line.addClass("not-checked");
                }
                changed = true;
            }
            if (changed) {
                doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
                Files.writeString(html, doc.outerHtml(), StandardCharsets.UTF_8);
            }
        }
        return problems;
    }

    static String line(Verdict verdict, boolean korean) {
        if (verdict.reason() != null) {
            return (korean ? "검증하지 않음: " : "not checked: ") + verdict.reason();
        }
        return (korean ? "검증: " : "checked: ") + String.join(" · ", verdict.checks());
    }
}

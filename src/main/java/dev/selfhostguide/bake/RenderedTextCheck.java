package dev.selfhostguide.bake;

import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Checks what a reader sees in the baked HTML, where Asciidoctor gives no warning: a backtick
 * left in the text (a constrained monospace pair that did not close, typically before a Korean
 * particle or a letter, as in {@code `include:`d}), and a link to a host that only means something
 * on the reader's own machine or is a placeholder ({@code 0.0.0.0}, {@code localhost},
 * {@code 127.x.x.x}, {@code ::1}, {@code *.example}): Asciidoctor turns every bare URL into a link,
 * and clicking one goes nowhere or somewhere wrong. Text inside code blocks is what the reader
 * copies, so it is left alone. Each finding lands on the page source line that wrote the text.
 */
public final class RenderedTextCheck {

    static final String ID = "rendered-text";

    /** Where text is meant literally (code, scripts) or is not rendered (head). */
    private static final String LITERAL = "pre, code, kbd, samp, script, style, textarea, head";

    private final Project project;
    /** Attribute values and names, longest value first, to find the source of substituted text. */
    private final List<Map.Entry<String, String>> attributes;

    public RenderedTextCheck(Project project, Map<String, String> attributes) {
        this.project = project;
        this.attributes = attributes.entrySet().stream()
            .filter(e -> e.getValue() != null && e.getValue().length() >= 4)
            .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed())
            .toList();
    }

    /** Checks every page of the site. */
    public List<Finding> run(Path site) {
        try (Stream<Path> walk = Files.walk(site)) {
            return check(site, walk.filter(p -> p.toString().endsWith(".html")).sorted().toList());
        } catch (IOException | UncheckedIOException e) {
            return List.of(new Finding(site, 0, ID, Finding.Severity.ERROR, "cannot read the baked site: " + e.getMessage()));
        }
    }

    /** Checks the given pages of {@code site}; pages that no longer exist have nothing to report. */
    public List<Finding> check(Path site, Collection<Path> pages) {
        List<Finding> findings = new ArrayList<>();
        for (Path html : pages) {
            if (!Files.isRegularFile(html)) {
                continue;
            }
            try {
                findings.addAll(checkPage(site, html));
            } catch (IOException e) {
                findings.add(new Finding(html, 0, ID, Finding.Severity.ERROR, "cannot read " + html + ": " + e.getMessage()));
            }
        }
        return findings;
    }

    private List<Finding> checkPage(Path site, Path html) throws IOException {
        Document doc = Jsoup.parse(html.toFile(), "UTF-8");
        Path relative = site.relativize(html);
        Path source = project.content().resolve(relative.toString().replaceAll("\\.html$", ".adoc"));
        List<String> lines = Files.isRegularFile(source) ? Files.readAllLines(source) : List.of();
        List<Finding> findings = new ArrayList<>();
        for (Element body : doc.select("body")) {
            for (Node node : textNodes(body)) {
                String text = ((TextNode) node).getWholeText();
                int tick = text.indexOf('`');
                if (tick >= 0) {
                    String word = wordAt(text, tick);
                    findings.add(at(html, relative, source, lines, word,
                        "a backtick shows in the rendered text near '" + word.strip() + "': the monospace pair did not "
                            + "close; use ``double backticks`` next to letters or Korean particles, or `+literal+`"));
                }
            }
        }
        for (Element a : doc.select("a[href]")) {
            if (a.parents().stream().anyMatch(p -> p.is("pre"))) {
                continue;
            }
            String href = a.attr("href").strip();
            String host = host(href);
            if (host != null && isPlaceholderHost(host)) {
                findings.add(at(html, relative, source, lines, href,
                    "'" + href + "' is a link to " + host + ", which only means something on the reader's own machine "
                        + "or is a placeholder; write it as `+" + href + "+` so it stays text"));
            }
        }
        return findings;
    }

    private static List<Node> textNodes(Element root) {
        List<Node> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node node, List<Node> out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode) {
                out.add(child);
            } else if (child instanceof Element el && !el.is(LITERAL)) {
                collect(el, out);
            }
        }
    }

    /** The whitespace-delimited word around {@code index}, which is how the source most likely spells it. */
    private static String wordAt(String text, int index) {
        int from = index;
        while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
            from--;
        }
        int to = index + 1;
        while (to < text.length() && !Character.isWhitespace(text.charAt(to))) {
            to++;
        }
        return text.substring(from, to);
    }

    static String host(String href) {
        try {
            URI uri = new URI(href);
            if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
                return null;
            }
            String host = uri.getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static boolean isPlaceholderHost(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equals("0.0.0.0") || h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.\\d{1,3}){3}")
            || h.equals("::1") || h.equals("example") || h.endsWith(".example");
    }

    /** The finding at the first source line that holds {@code needle}, directly or as attribute references. */
    private Finding at(Path html, Path relative, Path source, List<String> lines, String needle, String message) {
        int line = lineOf(lines, needle.strip());
        if (line > 0) {
            return new Finding(source, line, ID, Finding.Severity.ERROR, message);
        }
        if (!lines.isEmpty()) {
            return new Finding(source, 0, ID, Finding.Severity.ERROR, message + " (no source line found; it may come from an include)");
        }
        return new Finding(html, 0, ID, Finding.Severity.ERROR, message + " (in the baked " + relative
            + "; no page source, so look at the templates)");
    }

    private int lineOf(List<String> lines, String needle) {
        if (needle.isEmpty()) {
            return 0;
        }
        List<Pattern> candidates = new ArrayList<>();
        candidates.add(withReferences(needle));
        // A word glued to punctuation or particles: its core is what the source surely has.
        String core = needle.replaceAll("^[\\p{Punct}]+|[\\p{Punct}]+$", "");
        if (core.length() >= 3 && !core.equals(needle)) {
            candidates.add(withReferences(core));
        }
        for (Pattern candidate : candidates) {
            for (int i = 0; i < lines.size(); i++) {
                if (candidate.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /**
     * {@code text} as the source may have written it: every attribute value in it may also be a
     * reference to any attribute with that value ({@code {dashboard-host}} and {@code {server-host}}
     * render alike).
     */
    private Pattern withReferences(String text) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            String value = null;
            for (Map.Entry<String, String> e : attributes) {
                if (text.startsWith(e.getValue(), i)) {
                    value = e.getValue();
                    break;
                }
            }
            if (value == null) {
                regex.append(Pattern.quote(String.valueOf(text.charAt(i))));
                i++;
                continue;
            }
            regex.append("(?:").append(Pattern.quote(value));
            for (Map.Entry<String, String> e : attributes) {
                if (e.getValue().equals(value)) {
                    regex.append("|").append(Pattern.quote("{" + e.getKey() + "}"));
                }
            }
            regex.append(")");
            i += value.length();
        }
        return Pattern.compile(regex.toString());
    }
}

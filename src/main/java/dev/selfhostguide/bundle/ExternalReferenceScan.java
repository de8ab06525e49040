package dev.selfhostguide.bundle;

import dev.selfhostguide.content.FileMemo;
import dev.selfhostguide.content.ScanMemory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Proves a folder of HTML, CSS and JS works from disk with no network: nothing is loaded from an
 * absolute URL (src, href, srcset, url(), @import, and the network calls of scripts), every
 * relative reference resolves to a file in the folder (a folder means its index.html), nothing is
 * root-relative (file:// has no site root), and hyperlinks that leave the guide carry
 * rel="external". Fragments are the bake's LinkCheck's business, not this scan's.
 *
 * <p>It also refuses what runs or embeds content the guide's checks never saw: {@code javascript:}
 * URLs, inline event handlers ({@code onclick=}...), {@code iframe srcdoc}, and {@code data:} URIs
 * except the ones the single-page edition inlines on purpose: images (img, CSS), fonts (CSS) and
 * example downloads (a[download] with a text/plain or octet-stream body). {@code guide build} runs
 * it on the site as well as {@code guide bundle} on the bundle.
 */
public final class ExternalReferenceScan {

    /** One reference that would break offline. */
    public record Problem(Path file, String reference, String reason) {
        @Override
        public String toString() {
            return file + ": '" + reference + "' " + reason;
        }
    }

    /** Attributes that make a browser load something (a[href] is a link, handled apart). */
    private static final List<String> LOADING = List.of("src", "href", "poster", "data", "action", "background",
        "xlink:href", "formaction", "manifest", "ping");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*(['\"]?)([^'\")]*)\\1\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSS_IMPORT = Pattern.compile("@import\\s+(['\"])([^'\"]*)\\1", Pattern.CASE_INSENSITIVE);
    /** image-set() names images by bare strings as well as url(); each string is a load. */
    private static final Pattern CSS_IMAGE_SET = Pattern.compile("image-set\\(([^()]*(?:\\([^()]*\\)[^()]*)*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSS_STRING = Pattern.compile("(?<!url\\()(['\"])([^'\"]*)\\1");
    private static final Pattern DATA_IMAGE = Pattern.compile("(?i)^data:image/(?:png|jpeg|gif|webp|svg\\+xml)[;,].*", Pattern.DOTALL);
    private static final Pattern DATA_FONT = Pattern.compile("(?i)^data:(?:font/[a-z0-9.+-]+|application/(?:x-)?font-[a-z0-9.+-]+)[;,].*", Pattern.DOTALL);
    private static final Pattern DATA_DOWNLOAD = Pattern.compile("(?i)^data:(?:text/plain|application/octet-stream)[;,].*", Pattern.DOTALL);

    /** What a reference loads, which decides the data: URIs it may use. */
    private enum Kind { IMAGE, STYLE, OTHER }
    /** Script constructs that reach a network; the guide's scripts need none of them. */
    private static final Pattern JS_NETWORK = Pattern.compile(
        "\\bfetch\\s*\\(|\\bXMLHttpRequest\\b|\\bnew\\s+WebSocket\\b|\\bEventSource\\b|\\bimportScripts\\s*\\(|\\bsendBeacon\\b");
    private static final Pattern JS_ABSOLUTE = Pattern.compile(
        "(?:\\bimport\\b[^;'\"]*|\\bimport\\s*\\(\\s*|\\b(?:src|href)\\s*[=:]\\s*)['\"`]((?:https?:|ftp:)?//[^'\"`]*)");

    private final Path root;
    private final List<Problem> problems = new ArrayList<>();

    private ExternalReferenceScan(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private static final String UNRESOLVED = "does not resolve to a file";

    /** Scans every .html, .svg, .css and .js file under {@code root}. */
    public static List<Problem> scan(Path root) throws IOException {
        ExternalReferenceScan scan = new ExternalReferenceScan(root);
        for (Path file : files(scan.root)) {
            scan.file(file);
        }
        return List.copyOf(scan.problems);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** How {@link #file} reads a file of the site; NONE: not at all. */
    private enum Reading { MARKUP, SVG, CSS, SCRIPT, NONE }

    private static Reading reading(Path root, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Reading.MARKUP;
        } else if (name.endsWith(".svg")) {
            return Reading.SVG;
        } else if (name.endsWith(".css")) {
            return Reading.CSS;
        } else if (name.endsWith(".js") && !file.equals(root.resolve(SearchIndex.FILE))) {
            // The search index is data (page text, which may quote URLs), not code; SearchIndexTest pins its shape.
            return Reading.SCRIPT;
        }
        return Reading.NONE;
    }

    private void file(Path file) throws IOException {
        switch (reading(root, file)) {
            case MARKUP -> elements(file, Jsoup.parse(file.toFile(), "UTF-8"));
            // An image, but a browser opening it (or an <object>/<iframe> holding it) loads what it names and runs its script.
            case SVG -> elements(file, Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8), "", Parser.xmlParser()));
            case CSS -> css(file, Files.readString(file, StandardCharsets.UTF_8));
            case SCRIPT -> js(file, Files.readString(file, StandardCharsets.UTF_8));
            case NONE -> { }
        }
    }

    /**
     * The problems of each file of the last scan, by its path and bytes, so serve's page rebuild
     * parses the pages it rewrote, not the whole site. Only for {@link #findings}: it leaves out
     * unresolved local references, the one verdict that depends on other files than the one read.
     */
    public static final class Memo {
        private final ScanMemory<String, List<Problem>> files = new ScanMemory<>();
        /** Each file's digest, computed again only when the file changed. */
        private final FileMemo<String> digests = new FileMemo<>(Checksums::sha256);

        private synchronized List<Problem> scan(Path root) throws IOException {
            files.next();
            List<Problem> problems = new ArrayList<>();
            try {
                for (Path file : files(root)) {
                    if (reading(root, file) == Reading.NONE) {
                        continue;               // nothing to parse, so nothing to digest (the search index is most of the site's bytes)
                    }
                    String key = root.relativize(file) + "\u0000" + digests.get(file);
                    problems.addAll(files.get(key, k -> {
                        ExternalReferenceScan one = new ExternalReferenceScan(root);
                        try {
                            one.file(file);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return List.copyOf(one.problems);
                    }));
                }
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            return problems;
        }
    }

    /**
     * The scan of a built site as findings at the source to edit: the page's .adoc (or the
     * template, or the asset under templates/) at the first line that holds the reference, else
     * the whole page. For {@code guide build}, so the hosted site gets what the bundle gets.
     */
    public static List<dev.selfhostguide.snippets.Finding> findings(dev.selfhostguide.content.Project project, Path site)
            throws IOException {
        return findings(project, site, new Memo());
    }

    /** {@link #findings(dev.selfhostguide.content.Project, Path)}, parsing only the files that changed since {@code memo}'s last scan. */
    public static List<dev.selfhostguide.snippets.Finding> findings(dev.selfhostguide.content.Project project, Path site, Memo memo)
            throws IOException {
        List<dev.selfhostguide.snippets.Finding> findings = new ArrayList<>();
        Path root = site.toAbsolutePath().normalize();
        for (Problem p : memo.scan(root)) {
            if (p.reason().startsWith(UNRESOLVED)) {
                continue;                   // the link check reports these, at the link's own line
            }
            String relative = root.relativize(p.file()).toString();
            List<Path> sources = new ArrayList<>();
            if (relative.endsWith(".html")) {
                sources.add(project.content().resolve(relative.substring(0, relative.length() - 5) + ".adoc"));
                sources.add(project.templates().resolve("page.ftl"));
            }
            sources.add(project.content().resolve(relative));                         // copied as it is (images/x.svg)
            sources.add(project.templates().resolve("assets").resolve(relative));   // JBake copies assets/ to the root
            sources.add(project.templates().resolve(relative));
            String needle = p.reference().replaceAll("=\".*$", "=").replaceAll("\\.\\.\\.$", "");
            if (needle.startsWith("<") && needle.endsWith(" srcdoc>")) {
                needle = "srcdoc";
            }
            Path where = null;
            int line = 0;
            for (Path source : sources) {
                if (!Files.isRegularFile(source)) {
                    continue;
                }
                String[] lines = Files.readString(source, StandardCharsets.UTF_8).split("\n", -1);
                for (int i = 0; i < lines.length && where == null; i++) {
                    if (lines[i].contains(needle)) {
                        where = source;
                        line = i + 1;
                    }
                }
                if (where != null) {
                    break;
                }
            }
            if (where == null) {
                where = sources.stream().filter(Files::isRegularFile).findFirst().orElse(p.file());
            }
            findings.add(new dev.selfhostguide.snippets.Finding(where, line, "offline", dev.selfhostguide.snippets.Finding.Severity.ERROR,
                "'" + p.reference() + "' " + p.reason() + (where.equals(p.file()) ? "" : " (in the published " + relative + ")")));
        }
        return findings;
    }

    private void elements(Path file, Document doc) {
        for (Element el : doc.getAllElements()) {
            boolean image = el.nameIs("img") || el.nameIs("image") || el.nameIs("source") && el.parent() != null && el.parent().nameIs("picture");
            for (Attribute attr : el.attributes()) {
                String name = attr.getKey().toLowerCase(Locale.ROOT);
                String value = attr.getValue().strip();
                if (name.startsWith("on") && name.length() > 2) {
                    problems.add(new Problem(file, name + "=\"" + abbreviate(value) + "\"",
                        "is an inline event handler: script in an attribute runs unchecked, and a page needs none"));
                } else if (name.equals("srcdoc")) {
                    problems.add(new Problem(file, "<" + el.tagName() + " srcdoc>",
                        "embeds a whole document no check has seen; the guide embeds none"));
                } else if ((name.equals("href") || name.equals("xlink:href")) && el.nameIs("a")) {
                    link(file, el, value);
                } else if (LOADING.contains(name)) {
                    boolean picture = name.equals("src") || el.nameIs("image") && !name.equals("src");   // SVG's <image href>
                    loads(file, value, image && picture ? Kind.IMAGE : Kind.OTHER);
                } else if (name.equals("srcset")) {
                    for (String candidate : value.split(",")) {
                        String url = candidate.strip().split("\\s+")[0];
                        if (!url.isEmpty()) {
                            loads(file, url, image ? Kind.IMAGE : Kind.OTHER);
                        }
                    }
                } else if (name.equals("style")) {
                    css(file, value);
                } else if (name.equals("content") && el.nameIs("meta") && el.attr("http-equiv").equalsIgnoreCase("refresh")) {
                    int at = value.toLowerCase(Locale.ROOT).indexOf("url=");
                    if (at >= 0) {
                        loads(file, value.substring(at + 4).replaceAll("^['\"]|['\"]$", ""), Kind.OTHER);
                    }
                }
            }
            // HTML keeps a style's or script's text as data; the XML parser (SVG) as plain text.
            String text = el.data().isEmpty() ? el.wholeText() : el.data();
            if (el.nameIs("style")) {
                css(file, text);
            } else if (el.nameIs("script") && !el.hasAttr("src")) {
                js(file, text);
            }
        }
    }

    /** A hyperlink: may leave the guide if it says so; otherwise must resolve like anything else. */
    private void link(Path file, Element a, String ref) {
        String lower = ref.toLowerCase(Locale.ROOT).replaceAll("[\\s\\x00-\\x1f]", "");
        if (lower.startsWith("data:")) {
            if (!a.hasAttr("download") || !DATA_DOWNLOAD.matcher(lower).matches()) {
                problems.add(new Problem(file, abbreviate(ref), "is a data: link; only downloads (a[download], text/plain) "
                    + "may be inlined, anything else opens content no check has seen"));
            }
            return;
        }
        if (ExternalLinks.isExternal(ref)) {
            if (!List.of(a.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")).contains("external")) {
                problems.add(new Problem(file, ref, "leaves the guide but is not marked rel=\"external\""));
            }
            return;
        }
        loads(file, ref, Kind.OTHER);
    }

    private void loads(Path file, String ref, Kind kind) {
        // Browsers drop whitespace and control characters inside a scheme: "java\tscript:" runs.
        String lower = ref.toLowerCase(Locale.ROOT).replaceAll("[\\s\\x00-\\x1f]", "");
        if (lower.startsWith("javascript:") || lower.startsWith("vbscript:")) {
            problems.add(new Problem(file, abbreviate(ref), "is a script URL: it runs code no check has seen"));
            return;
        }
        if (lower.startsWith("data:")) {
            boolean inlined = kind == Kind.IMAGE && DATA_IMAGE.matcher(lower).matches()
                || kind == Kind.STYLE && (DATA_IMAGE.matcher(lower).matches() || DATA_FONT.matcher(lower).matches());
            if (!inlined) {
                problems.add(new Problem(file, abbreviate(ref), "is a data: URI; only images (img, CSS) and fonts (CSS) "
                    + "may be inlined"));
            }
            return;
        }
        if (ref.isEmpty() || ref.startsWith("#") || lower.startsWith("mailto:") || lower.startsWith("about:blank")) {
            return;
        }
        if (ExternalLinks.isExternal(ref) || lower.matches("^[a-z][a-z0-9+.-]*:.*")) {
            problems.add(new Problem(file, ref, "is loaded from outside the guide; it fails without a network"));
            return;
        }
        if (ref.startsWith("/")) {
            problems.add(new Problem(file, ref, "is root-relative; from file:// it points at the disk's root"));
            return;
        }
        String path;
        try {
            String raw = new URI(ref.replace(" ", "%20")).getRawPath();
            path = raw == null ? "" : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (URISyntaxException | IllegalArgumentException e) {
            problems.add(new Problem(file, ref, "is not a valid URL"));
            return;
        }
        if (path.isEmpty()) {
            return;
        }
        Path target = file.getParent().resolve(path).normalize();
        if (Files.isDirectory(target)) {
            target = target.resolve("index.html");
        }
        if (!target.startsWith(root)) {
            problems.add(new Problem(file, ref, "points outside the folder"));
        } else if (!Files.isRegularFile(target)) {
            problems.add(new Problem(file, ref, UNRESOLVED + " (" + root.relativize(target) + ")"));
        }
    }

    private void css(Path file, String css) {
        for (Pattern p : List.of(CSS_URL, CSS_IMPORT)) {
            Matcher m = p.matcher(css);
            while (m.find()) {
                loads(file, m.group(2).strip(), p == CSS_URL ? Kind.STYLE : Kind.OTHER);
            }
        }
        Matcher set = CSS_IMAGE_SET.matcher(css);
        while (set.find()) {
            Matcher string = CSS_STRING.matcher(set.group(1));
            while (string.find()) {
                loads(file, string.group(2).strip(), Kind.STYLE);
            }
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }

    private void js(Path file, String js) {
        Matcher network = JS_NETWORK.matcher(js);
        while (network.find()) {
            problems.add(new Problem(file, network.group(), "is a network call; pages opened from disk cannot use one"));
        }
        Matcher absolute = JS_ABSOLUTE.matcher(js);
        while (absolute.find()) {
            problems.add(new Problem(file, absolute.group(1), "is loaded from outside the guide; it fails without a network"));
        }
    }
}

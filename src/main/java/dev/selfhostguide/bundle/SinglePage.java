package dev.selfhostguide.bundle;

import dev.selfhostguide.content.Catalog;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One edition of the guide as a single self-contained HTML file: the stamp, a table of contents
 * (chapters and their sections), every chapter in navigation order, the site's stylesheets and
 * its copy-button script inline, images and downloads as data: URIs, nothing linked. Ids are
 * prefixed with the chapter's page name ({@code plan--plan-ports}) because two chapters may use
 * the same id (footnotes, generated ones); links between chapters become links to those anchors.
 */
public final class SinglePage {

    /** A language edition: its pages live in {@code dir} of the site ("" for the root). */
    public record Edition(String lang, String dir, String file, String title) { }

    private static final List<String> MAIN = List.of("main", "#content", "body");
    private static final String FURNITURE = "script, noscript, nav, form.guide-search, #guide-search-results, #toc, .page-stamp";
    /** Scripts that work on a page with no index and no other pages: inlined, so nothing is linked. */
    private static final List<String> SCRIPTS = List.of("js/copy.js");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*(['\"]?)([^'\")]*)\\1\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSS_IMPORT = Pattern.compile("@import\\s+(?:url\\()?\\s*['\"]([^'\"]+)['\"]\\s*\\)?\\s*[^;]*;",
        Pattern.CASE_INSENSITIVE);

    private final Path site;
    private final Edition edition;
    /** Chapter file (absolute, normalized) to its page name, in navigation order. */
    private final Map<Path, String> chapters = new LinkedHashMap<>();
    private final Map<String, String> titles = new LinkedHashMap<>();

    public SinglePage(Path site, Edition edition, List<Catalog.NavEntry> nav) {
        this.site = site.toAbsolutePath().normalize();
        this.edition = edition;
        for (Catalog.NavEntry entry : nav) {
            Path file = this.site.resolve(edition.dir()).resolve(entry.page() + ".html").normalize();
            if (Files.isRegularFile(file)) {
                chapters.put(file, entry.page());
                titles.put(entry.page(), entry.title());
            }
        }
    }

    /** Writes the edition to {@code dir/edition.file()}; the file sits at the site root's level. */
    public Path write(Path dir) throws IOException {
        Path out = dir.resolve(edition.file());
        Files.writeString(out, html(), StandardCharsets.UTF_8);
        return out;
    }

    String html() throws IOException {
        Document single = Document.createShell("");
        single.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
        single.selectFirst("html").attr("lang", edition.lang());
        Element head = single.head();
        head.appendElement("meta").attr("charset", "utf-8");
        head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        head.appendElement("title").text(edition.title());
        Element body = single.body().addClass("guide-single-page");
        body.appendElement("h1").addClass("guide-single-title").text(edition.title());
        Element contents = body.appendElement("nav").addClass("guide-single-contents").attr("aria-label", "Contents");
        Element list = contents.appendElement("ol");
        Element main = body.appendElement("main");
        boolean styled = false;
        Element stamp = null;
        for (Map.Entry<Path, String> chapter : chapters.entrySet()) {
            String page = chapter.getValue();
            Document doc = Jsoup.parse(chapter.getKey().toFile(), "UTF-8");
            if (!styled) {
                head.appendElement("style").appendChild(new org.jsoup.nodes.DataNode(stylesheets(doc, chapter.getKey())));
                styled = true;
            }
            Element item = list.appendElement("li");
            item.appendElement("a").attr("href", "#" + chapterId(page)).text(titles.get(page));
            Element section = main.appendElement("section").addClass("guide-chapter").id(chapterId(page));
            Element content = MAIN.stream().map(doc::selectFirst).filter(e -> e != null).findFirst().orElse(doc.body()).clone();
            if (stamp == null && content.selectFirst(".page-stamp") != null) {
                stamp = content.selectFirst(".page-stamp").clone();
            }
            content.select(FURNITURE).remove();
            Element sections = null;
            for (Element h2 : content.select(".doc h2[id]")) {
                if (sections == null) {
                    sections = item.appendElement("ol");
                }
                sections.appendElement("li").appendElement("a").attr("href", "#" + anchor(page, h2.id())).text(h2.text());
            }
            if (content.selectFirst("h1") == null) {
                section.appendElement("h1").text(titles.get(page));
            }
            rewrite(content, chapter.getKey(), page);
            for (org.jsoup.nodes.Node child : new ArrayList<>(content.childNodes())) {
                section.appendChild(child);
            }
        }
        if (stamp != null) {
            contents.before(stamp);
        }
        for (String script : SCRIPTS) {
            Path file = site.resolve(script);
            if (Files.isRegularFile(file)) {
                body.appendElement("script").appendChild(new org.jsoup.nodes.DataNode(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return single.outerHtml() + "\n";
    }

    static String chapterId(String page) {
        return "chapter-" + page;
    }

    static String anchor(String page, String id) {
        return page + "--" + id;
    }

    /** Prefixes every id of a chapter and points every reference at the single page or a data: URI. */
    private void rewrite(Element content, Path file, String page) throws IOException {
        for (Element el : content.select("[id]")) {
            el.id(anchor(page, el.id()));
        }
        for (Element el : content.select("a[name]")) {
            el.attr("name", anchor(page, el.attr("name")));
        }
        for (Element el : content.select("label[for]")) {
            el.attr("for", anchor(page, el.attr("for")));
        }
        for (String attr : List.of("aria-labelledby", "aria-describedby", "aria-controls")) {
            for (Element el : content.select("[" + attr + "]")) {
                List<String> ids = new ArrayList<>();
                for (String id : el.attr(attr).trim().split("\\s+")) {
                    ids.add(anchor(page, id));
                }
                el.attr(attr, String.join(" ", ids));
            }
        }
        for (Element a : content.select("a[href]")) {
            a.attr("href", link(a, file, page));
        }
        for (Element img : content.select("img[src]")) {
            Path target = local(file, img.attr("src"));
            if (target != null && Files.isRegularFile(target)) {
                img.attr("src", dataUri(target));
            }
            img.removeAttr("srcset");
        }
    }

    private String link(Element a, Path file, String page) throws IOException {
        String href = a.attr("href").strip();
        if (href.startsWith("#")) {
            return href.length() == 1 ? "#" + chapterId(page) : "#" + anchor(page, href.substring(1));
        }
        Path target = local(file, href);
        if (target == null) {
            return href;                                  // external or mailto: stays as it is
        }
        String fragment = href.contains("#") ? href.substring(href.indexOf('#') + 1) : "";
        if (Files.isDirectory(target)) {
            target = target.resolve("index.html");
        }
        String other = chapters.get(target);
        if (other != null) {
            return "#" + (fragment.isEmpty() ? chapterId(other) : anchor(other, fragment));
        }
        if (target.toString().endsWith(".html") || !Files.isRegularFile(target)) {
            // A page outside this edition (another language): the bundle has it beside this file.
            return site.relativize(target).toString().replace('\\', '/') + (fragment.isEmpty() ? "" : "#" + fragment);
        }
        a.attr("download", target.getFileName().toString());
        return dataUri(target);
    }

    /** The site file a relative reference points at, or null for external and special ones. */
    private Path local(Path from, String ref) {
        String lower = ref.toLowerCase(Locale.ROOT);
        if (ref.isEmpty() || ref.startsWith("/") || lower.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return null;
        }
        try {
            String raw = new URI(ref.replace(" ", "%20")).getRawPath();
            if (raw == null || raw.isEmpty()) {
                return null;
            }
            Path target = from.getParent().resolve(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8)).normalize();
            return target.startsWith(site) ? target : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The stylesheets a chapter links, inlined in order, with their url()s as data: URIs. */
    private String stylesheets(Document doc, Path page) throws IOException {
        StringBuilder css = new StringBuilder();
        for (Element link : doc.select("link[rel~=(?i)stylesheet][href]")) {
            Path file = local(page, link.attr("href"));
            if (file != null && Files.isRegularFile(file)) {
                css.append(inlineCss(file, 0)).append('\n');
            }
        }
        return css.toString();
    }

    private String inlineCss(Path file, int depth) throws IOException {
        String css = Files.readString(file, StandardCharsets.UTF_8);
        Matcher imports = CSS_IMPORT.matcher(css);
        StringBuilder out = new StringBuilder();
        while (imports.find()) {
            Path imported = local(file, imports.group(1));
            String replacement = imported != null && Files.isRegularFile(imported) && depth < 5 ? inlineCss(imported, depth + 1) : "";
            imports.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        imports.appendTail(out);
        Matcher urls = CSS_URL.matcher(out.toString());
        StringBuilder result = new StringBuilder();
        while (urls.find()) {
            Path target = local(file, urls.group(2).strip());
            String replacement = target != null && Files.isRegularFile(target) ? "url(\"" + dataUri(target) + "\")" : urls.group();
            urls.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        urls.appendTail(result);
        return result.toString();
    }

    static String dataUri(Path file) throws IOException {
        return "data:" + mediaType(file.getFileName().toString()) + ";base64,"
            + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    /** By extension, not by probing: the result must not depend on the machine's MIME database. */
    static String mediaType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String ext = n.contains(".") ? n.substring(n.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "svg" -> "image/svg+xml";
            case "webp" -> "image/webp";
            case "woff2" -> "font/woff2";
            case "woff" -> "font/woff";
            case "css" -> "text/css";
            case "env", "sh", "py", "yaml", "yml", "conf", "txt", "json", "toml", "production" -> "text/plain;charset=utf-8";
            default -> n.startsWith(".") || ext.isEmpty() ? "text/plain;charset=utf-8" : "application/octet-stream";
        };
    }
}

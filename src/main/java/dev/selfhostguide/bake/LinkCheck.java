package dev.selfhostguide.bake;

import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Checks the baked HTML, which Asciidoctor cannot: every cross-page link and anchor resolves to a
 * file and an id of the site, and nothing is loaded from outside it. Plain hyperlinks to upstream
 * sources are allowed. A broken link is reported at the line of the page source that wrote it.
 *
 * <p>An instance keeps, per page, what it found, which pages it links to and which anchors it
 * has, so that after some pages changed ({@link #update}) only the links from them and the links
 * to them are checked again.
 */
public final class LinkCheck {

    public static final String ID = "link";

    private final Project project;
    private Path site;
    /** Keyed by page path relative to the site; concurrent because {@link #run} checks pages on every core. */
    private final Map<Path, Set<String>> ids = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Path, List<Finding>> found = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<Path, Set<Path>> linksTo = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Path, Set<Path>> anchorsTo = new java.util.concurrent.ConcurrentHashMap<>();

    public LinkCheck(Project project, Path site) {
        this.project = project;
        this.site = site;
    }

    /** Checks every page of the site. */
    public List<Finding> run() {
        ids.clear();
        found.clear();
        linksTo.clear();
        anchorsTo.clear();
        try (Stream<Path> walk = Files.walk(site)) {
            List<Path> pages = walk.filter(LinkCheck::isPage).sorted().toList();
            // Pages are checked independently (what they found is kept per page, in page order).
            pages.parallelStream().forEach(html -> {
                try {
                    check(html);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            return List.of(new Finding(site, 0, ID, Finding.Severity.ERROR, "cannot read the baked site: " + e.getCause().getMessage()));
        } catch (IOException e) {
            return List.of(new Finding(site, 0, ID, Finding.Severity.ERROR, "cannot read the baked site: " + e.getMessage()));
        }
        return all();
    }

    /**
     * After {@code pages} (HTML files, rewritten or deleted) changed in {@code site} (the site the
     * last run checked, or where it was moved to): checks the links from them and the links of
     * other pages to them, and returns what the whole site has now, as {@link #run} would.
     */
    public List<Finding> update(Path site, Collection<Path> pages) {
        this.site = site;
        Set<Path> changed = new HashSet<>();
        Set<Path> appearedOrGone = new HashSet<>();
        Set<Path> newAnchors = new HashSet<>();
        try {
            for (Path page : pages) {
                Path relative = site.relativize(page.toAbsolutePath().normalize());
                changed.add(relative);
                Set<String> before = ids.remove(relative);
                boolean exists = Files.isRegularFile(site.resolve(relative));
                if (exists != found.containsKey(relative)) {
                    appearedOrGone.add(relative);
                } else if (exists && before != null && !before.equals(idsOf(site.resolve(relative)))) {
                    newAnchors.add(relative);
                }
            }
        } catch (IOException e) {
            return List.of(new Finding(site, 0, ID, Finding.Severity.ERROR, "cannot read the baked site: " + e.getMessage()));
        }
        // A link to a page that is still there can only change its verdict through the anchors.
        Set<Path> recheck = new TreeSet<>(changed);
        linksTo.forEach((from, to) -> {
            if (!java.util.Collections.disjoint(to, appearedOrGone)) {
                recheck.add(from);
            }
        });
        anchorsTo.forEach((from, to) -> {
            if (!java.util.Collections.disjoint(to, newAnchors)) {
                recheck.add(from);
            }
        });
        try {
            for (Path relative : recheck) {
                Path html = site.resolve(relative);
                if (Files.isRegularFile(html) && isPage(html)) {
                    check(html);
                } else {
                    found.remove(relative);
                    linksTo.remove(relative);
                    anchorsTo.remove(relative);
                }
            }
        } catch (IOException e) {
            return List.of(new Finding(site, 0, ID, Finding.Severity.ERROR, "cannot read the baked site: " + e.getMessage()));
        }
        return all();
    }

    private List<Finding> all() {
        List<Finding> all = new ArrayList<>();
        found.values().forEach(all::addAll);
        return all;
    }

    private static boolean isPage(Path p) {
        return p.toString().endsWith(".html");
    }

    private void check(Path html) throws IOException {
        Path relative = site.relativize(html);
        List<Finding> findings = new ArrayList<>();
        Set<Path> targets = new HashSet<>();
        Set<Path> anchored = new HashSet<>();
        found.put(relative, findings);
        linksTo.put(relative, targets);
        anchorsTo.put(relative, anchored);
        Document doc = Jsoup.parse(html.toFile(), "UTF-8");
        ids.put(relative, idsIn(doc));
        Map<String, Integer> broken = new HashMap<>();      // the nth broken link to a reference is its nth line          // what links into this page need; no second parse
        for (Element el : doc.select("a[href], link[href], script[src], img[src], iframe[src], source[src], object[data]")) {
            String attr = el.hasAttr("href") ? "href" : el.hasAttr("src") ? "src" : "data";
            String ref = el.attr(attr).strip();
            if (ref.isEmpty() || ref.startsWith("mailto:") || ref.startsWith("data:")) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(ref);
            } catch (URISyntaxException e) {
                findings.add(at(html, ref, broken, "malformed link '" + ref + "'"));
                continue;
            }
            if (uri.isAbsolute() || ref.startsWith("//")) {
                if (!el.tagName().equals("a")) {
                    findings.add(at(html, ref, broken, "<" + el.tagName() + "> loads '" + ref
                        + "' from outside the site; closed-network readers cannot reach it"));
                }
                continue;
            }
            if (ref.startsWith("/")) {
                findings.add(at(html, ref, broken, "'" + ref + "' is root-relative; links must be relative so the site "
                    + "works under any prefix and from file://"));
                continue;
            }
            Path target = html.getParent();
            String path = uri.getRawPath() == null ? "" : URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
            if (!path.isEmpty()) {
                target = target.resolve(path).normalize();
                if (target.startsWith(site)) {
                    targets.add(site.relativize(target));       // also when it is not there (yet)
                }
                if (Files.isDirectory(target)) {
                    target = target.resolve("index.html");
                    if (target.startsWith(site)) {
                        targets.add(site.relativize(target));
                    }
                }
                if (!target.startsWith(site) || !Files.isRegularFile(target)) {
                    findings.add(at(html, ref, broken, "link to '" + ref + "', which is not in the site"));
                    continue;
                }
            } else {
                target = html;
            }
            String fragment = uri.getFragment();
            if (fragment != null && !fragment.isEmpty() && target.toString().endsWith(".html")) {
                anchored.add(site.relativize(target));
            }
            if (fragment != null && !fragment.isEmpty() && target.toString().endsWith(".html")
                    && !idsOf(target).contains(fragment)) {
                findings.add(at(html, ref, broken, "link to '" + ref + "': " + site.relativize(target)
                    + " has no anchor '" + fragment + "'"));
            }
        }
    }

    private Set<String> idsOf(Path html) throws IOException {
        Path relative = site.relativize(html);
        Set<String> known = ids.get(relative);
        if (known == null) {
            known = idsIn(Jsoup.parse(html.toFile(), "UTF-8"));
            ids.put(relative, known);
        }
        return known;
    }

    private static Set<String> idsIn(Document doc) {
        Set<String> known = new HashSet<>();
        for (Element el : doc.select("[id], a[name]")) {
            known.add(el.hasAttr("id") ? el.id() : el.attr("name"));
        }
        return known;
    }

    /**
     * The finding at the source line that wrote the link: the page or a file it includes (the
     * {@code occurrence}th line that writes the same reference, for the same link broken twice);
     * else the template or data file that names it; never the baked file, which is deleted when
     * the build fails.
     */
    private Finding at(Path html, String ref, Map<String, Integer> broken, String message) {
        return at(html, ref, message, broken.merge(ref, 1, Integer::sum) - 1);
    }

    private Finding at(Path html, String ref, String message, int occurrence) {
        String relative = site.relativize(html).toString().replace('\\', '/');
        Path source = project.content().resolve(relative.replaceAll("\\.html$", ".adoc"));
        List<Pattern> needles = needles(ref);
        if (Files.isRegularFile(source)) {
            List<SourceLines.Line> lines = SourceLines.of(source, project.content());
            for (Pattern needle : needles) {
                List<SourceLines.Line> hits = lines.stream().filter(l -> needle.matcher(l.text()).find()).toList();
                if (!hits.isEmpty()) {
                    SourceLines.Line hit = hits.get(Math.min(occurrence, hits.size() - 1));
                    return new Finding(hit.file(), hit.number(), ID, Finding.Severity.ERROR, message
                        + (hit.file().equals(source.toAbsolutePath().normalize()) ? "" : " (included in " + project.show(source) + ")"));
                }
            }
        }
        for (Path file : furniture()) {
            List<SourceLines.Line> lines = SourceLines.of(file, file.getParent());
            for (Pattern needle : needles) {
                for (SourceLines.Line line : lines) {
                    if (needle.matcher(line.text()).find()) {
                        return new Finding(file, line.number(), ID, Finding.Severity.ERROR, message + " (on the baked " + relative + ")");
                    }
                }
            }
        }
        if (Files.isRegularFile(source)) {
            return new Finding(source, 0, ID, Finding.Severity.ERROR, message + " (no line of this page, its includes or the"
                + " templates writes it as such; an attribute may hold it)");
        }
        return new Finding(project.templates(), 0, ID, Finding.Severity.ERROR, message + " (on the baked " + relative
            + ", which no page wrote; no template or data file names it)");
    }

    /** The templates and data files, which write the links every page shares (navigation, assets). */
    private List<Path> furniture() {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(project.templates(), project.data())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".ftl") || p.toString().endsWith(".yml")).sorted().forEach(files::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // unreadable: the finding names the page instead
            }
        }
        return files;
    }

    /**
     * How a source may have written {@code ref}, most specific first: an xref to the page and
     * anchor, the reference as written (link:, a bare URL), an in-page cross reference; last the
     * anchor or page name as a whole word.
     */
    static List<Pattern> needles(String ref) {
        List<Pattern> needles = new ArrayList<>();
        for (String form : variants(ref)) {
            int hash = form.indexOf('#');
            String path = hash < 0 ? form : form.substring(0, hash);
            String fragment = hash < 0 ? "" : form.substring(hash + 1);
            String stem = path.replaceAll("\\.html$", "");
            if (!path.isEmpty() && !fragment.isEmpty()) {
                needles.add(Pattern.compile(Pattern.quote(stem + ".adoc#" + fragment) + "(?![\\w-])"));
                needles.add(Pattern.compile(Pattern.quote(form) + "(?![\\w-])"));
                needles.add(Pattern.compile("(?:xref:|<<)" + Pattern.quote(stem + "#" + fragment) + "(?![\\w-])"));
            } else if (!path.isEmpty()) {
                needles.add(Pattern.compile(Pattern.quote(stem + ".adoc") + "(?![#\\w-])"));
                needles.add(Pattern.compile(Pattern.quote(form) + "(?![\\w-])"));
            } else if (!fragment.isEmpty()) {
                needles.add(Pattern.compile("<<\\s*" + Pattern.quote(fragment) + "\\s*(?:,|>>)|xref:#?" + Pattern.quote(fragment) + "\\["));
                needles.add(Pattern.compile(Pattern.quote("#" + fragment) + "(?![\\w-])"));
            }
        }
        for (String form : variants(ref)) {
            int hash = form.indexOf('#');
            String fragment = hash < 0 ? "" : form.substring(hash + 1);
            String path = hash < 0 ? form : form.substring(0, hash);
            String name = path.replaceAll("^.*/", "").replaceAll("\\.html$", "");
            for (String word : List.of(fragment, name)) {
                if (!word.isEmpty()) {
                    needles.add(Pattern.compile("(?<![\\w.-])" + Pattern.quote(word) + "(?![\\w-])"));
                }
            }
        }
        return needles;
    }

    /** The reference as the HTML has it and, when it differs, percent-decoded as the source wrote it. */
    private static List<String> variants(String ref) {
        String decoded;
        try {
            decoded = URLDecoder.decode(ref.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = ref;
        }
        return decoded.equals(ref) ? List.of(ref) : List.of(ref, decoded);
    }
}

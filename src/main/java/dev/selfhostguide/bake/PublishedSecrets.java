package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.FileMemo;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.content.ScanMemory;
import dev.selfhostguide.content.SecretShapes;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The secret scan of everything a reader can see or download, not only the code blocks: prose in
 * both editions, table cells, {@code :description:} (it lands in {@code <meta>}), example and
 * sidebar blocks, data values used as attributes, templates, the published examples, the search
 * index and the single-page editions.
 *
 * <p>Two passes. The sources (pages, data files, examples, templates) are scanned line by line,
 * so a finding names the line to edit. Then every text file of the built site is scanned; a value
 * found there that no source line holds verbatim (assembled from two attributes, say) is reported
 * at the line of the source that holds part of it, else at the page the site file came from.
 * Entries of content/data/secrets.yml without a {@code reason:} are findings too.
 */
public final class PublishedSecrets {

    /** The snippets' secrets check has the same id and message, so the one value is reported once. */
    public static final String ID = "secrets";

    /** Texts this long have their views scanned on as many threads as there are views. */
    private static final int SIDE_BY_SIDE = 100_000;

    private static final Set<String> BINARY = Set.of("png", "jpg", "jpeg", "gif", "webp", "ico", "woff", "woff2", "ttf",
        "otf", "eot", "pdf", "zip", "gz", "jsa", "jar");

    private final Project project;
    private final Catalog catalog;
    private final SecretShapes shapes;
    private final Memo memo;
    /** Whether {@link #memo} outlives this scan (serve): only then may a file's text come from the last scan. */
    private final boolean remembers;
    private final Map<Path, String> sources = new LinkedHashMap<>();

    private PublishedSecrets(Project project, Catalog catalog, Memo memo) {
        this.project = project;
        this.catalog = catalog;
        this.shapes = SecretShapes.of(catalog);
        this.memo = memo == null ? new Memo() : memo;
        this.remembers = memo != null;
    }

    /**
     * What the shapes found in each text of the last scan, so the next scan of a site that changed
     * in one page (serve's page rebuild) scans that page and the search index, not all of it. A
     * memo belongs to one caller (one serve session); a changed allowlist empties it.
     */
    public static final class Memo {
        private List<SecretShapes.Allowed> allowlist = List.of();
        /** Each published text's matches, view by view; and each piece's, for texts that changed in part. */
        private final ScanMemory<Text, List<List<SecretShapes.Match>>> texts = new ScanMemory<>();
        private final SecretShapes.Memory pieces = new SecretShapes.Memory();
        /** Each file's text (null for a binary one), read again only when the file changed. */
        private final FileMemo<String> files = new FileMemo<>(PublishedSecrets::read);

        private synchronized void begin(SecretShapes shapes) {
            if (shapes.allowlist().equals(allowlist)) {
                texts.next();
                pieces.next();
            } else {
                texts.clear();
                pieces.clear();
                allowlist = shapes.allowlist();
            }
        }
    }

    /** A text and how it is read (its views depend on the kind of file: HTML, script, other). */
    private record Text(String kind, String text) { }

    public static List<Finding> scan(Project project, Catalog catalog, Path site) throws IOException {
        return scan(project, catalog, site, null);
    }

    /** {@link #scan(Project, Catalog, Path)} reusing what {@code memo} found in texts that did not change. */
    public static List<Finding> scan(Project project, Catalog catalog, Path site, Memo memo) throws IOException {
        PublishedSecrets scan = new PublishedSecrets(project, catalog, memo);
        scan.memo.begin(scan.shapes);
        List<Finding> findings = new ArrayList<>();
        for (SecretShapes.Allowed a : SecretShapes.allowed(catalog)) {
            if (a.reason().isEmpty()) {
                findings.add(new Finding(catalog.path("secrets"), a.line(), ID, Finding.Severity.ERROR,
                    "'" + a.value() + "' has no reason: every allowed value says why it cannot be a working secret"));
            }
        }
        Set<String> known = new TreeSet<>();
        scan.loadSources();
        List<List<SecretShapes.Match>> found = scan.matchesOf(List.copyOf(scan.sources.values()));
        int i = 0;
        for (Path source : scan.sources.keySet()) {
            for (SecretShapes.Match m : found.get(i++)) {
                known.add(m.value().toLowerCase(Locale.ROOT));
                findings.add(new Finding(source, m.line(), ID, Finding.Severity.ERROR, SecretShapes.message(m)));
            }
        }
        if (site != null && Files.isDirectory(site)) {
            findings.addAll(scan.site(site.toAbsolutePath().normalize(), known));
        }
        return findings.stream().distinct().toList();
    }

    /**
     * Files built after the site (the single-page editions, assembled from the finished pages with
     * the stylesheets and downloads inlined), each scanned as written and named as {@code root}
     * relativizes it; a value is reported at the source line that holds it, or its longest part.
     */
    public static List<Finding> scanFiles(Project project, Catalog catalog, Path root, List<Path> files) throws IOException {
        PublishedSecrets scan = new PublishedSecrets(project, catalog, null);
        scan.loadSources();
        List<Finding> findings = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        for (Path file : files) {
            String text = scan.text(file);
            if (text != null) {
                findings.addAll(scan.scanText(root.relativize(file).toString().replace('\\', '/'), text, project.content(), known));
            }
        }
        return findings;
    }

    /**
     * What a PDF edition is made of, before asciidoctor-pdf sees it: its {@code chapters} with
     * their includes read in and the {@code attributes} it is converted with put in, so a value
     * assembled from attributes, or shown only under {@code ifdef::backend-pdf[]}, is seen as the
     * PDF prints it; and the {@code titlePage} values (title, version, upstream pins). A value is
     * reported at the line of the chapter or included file that writes it (or its references);
     * a title-page value at the source line that holds it. {@code shown} names the edition.
     */
    public static List<Finding> scanBook(Project project, Catalog catalog, String shown, List<Path> chapters,
                                         Map<String, String> attributes, Map<String, String> titlePage) throws IOException {
        PublishedSecrets scan = new PublishedSecrets(project, catalog, null);
        scan.loadSources();
        List<Finding> findings = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        List<SourceLines.Line> lines = new ArrayList<>();
        for (Path chapter : chapters) {
            lines.addAll(SourceLines.of(chapter, project.content()));
        }
        StringBuilder book = new StringBuilder();
        for (SourceLines.Line line : lines) {
            book.append(substitute(line.text(), attributes)).append('\n');
        }
        for (SecretShapes.Match m : scan.shapes.scan(book.toString())) {
            if (m.line() < 1 || m.line() > lines.size() || !known.add(m.value().toLowerCase(Locale.ROOT))) {
                continue;
            }
            SourceLines.Line at = lines.get(m.line() - 1);
            boolean written = at.text().contains(m.value()) || m.line() < lines.size()
                && (at.text() + lines.get(m.line()).text()).replaceAll("\\s+", "").contains(m.value().replaceAll("\\s+", ""));
            findings.add(new Finding(at.file(), at.number(), ID, Finding.Severity.ERROR, SecretShapes.message(m) + "; the "
                + shown + " shows it" + (written ? "" : " (assembled from the attribute references on this line)")));
        }
        for (Map.Entry<String, String> value : titlePage.entrySet()) {
            // Not in a source: the version, which Maven's pom.xml sets (-Dguide.version=${project.version}).
            findings.addAll(scan.scanText(shown + " title page (" + value.getKey() + ")", value.getValue(),
                project.root().resolve("pom.xml"), known));
        }
        return findings;
    }

    /** {name} references replaced by their values; unknown ones stay as written, as Asciidoctor leaves them. */
    private static String substitute(String line, Map<String, String> attributes) {
        if (line.indexOf('{') < 0) {
            return line;
        }
        java.util.regex.Matcher m = ATTRIBUTE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = attributes.get(m.group(1));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final java.util.regex.Pattern DATA_TEXT =
        java.util.regex.Pattern.compile("data:text/plain[^,\"']*;base64,([A-Za-z0-9+/=]+)");

    private static final java.util.regex.Pattern ATTRIBUTE = java.util.regex.Pattern.compile("\\{([A-Za-z0-9_][A-Za-z0-9_-]*)\\}");

    private void loadSources() throws IOException {
        for (Path source : sourceFiles()) {
            String text = text(source);
            if (text != null) {
                sources.put(source, text);
            }
        }
    }

    /** Pages, data, templates and the examples the site publishes (see Publication). */
    private List<Path> sourceFiles() throws IOException {
        // A page the scan takes for binary (a NUL byte) is still read for what it publishes.
        Publication publication = Publication.of(project, catalog, page -> {
            String text = text(page);
            return text != null ? text : Files.readString(page);
        });
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(project.content(), project.templates())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.toAbsolutePath().normalize().startsWith(publication.examples()) || publication.publishes(p))
                    .sorted().forEach(files::add);
            }
        }
        return files;
    }

    private List<Finding> site(Path site, Set<String> known) throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(site)) {
            files = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        // Reading and scanning each file is independent work for both cores; the findings are then
        // made in file order, so which file a value is reported for does not depend on timing.
        List<Scanned> scanned;
        try {
            scanned = files.parallelStream().map(file -> {
                try {
                    String text = text(file);
                    return text == null ? null : scanned(site.relativize(file).toString(), text);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        for (int i = 0; i < files.size(); i++) {
            if (scanned.get(i) != null) {
                findings.addAll(report(scanned.get(i), origin(site, files.get(i)), known));
            }
        }
        return findings;
    }

    /** A published text as a reader has it, and what the shapes found in each of its views. */
    private record Scanned(String shown, List<List<SecretShapes.Match>> views) { }

    private List<List<SecretShapes.Match>> matchesOf(List<String> texts) {
        return texts.parallelStream().map(t -> memo.texts.get(new Text("source", t), this::views).get(0)).toList();
    }

    /**
     * One published text, {@code shown} as the reader finds it, in the views a reader has of it;
     * each value not in {@code known} yet is located at a source line, else at {@code fallback}.
     */
    private List<Finding> scanText(String shown, String text, Path fallback, Set<String> known) {
        return report(scanned(shown, text), fallback, known);
    }

    private Scanned scanned(String shown, String text) {
        String name = shown.toLowerCase(Locale.ROOT);
        String kind = name.endsWith(".html") || name.endsWith(".htm") ? "html" : name.endsWith(".js") ? "js" : "text";
        return new Scanned(shown, memo.texts.get(new Text(kind, text), this::views));
    }

    /** What the shapes find in each view a reader has of the text. */
    private List<List<SecretShapes.Match>> views(Text published) {
        String text = published.text();
        List<String> views = new ArrayList<>();
        views.add(text);
        if (published.kind().equals("html")) {
            // What the reader sees: entities decoded, and markup inside a value (<em>, <wbr>) removed.
            // Raw for attributes (<meta content>, href); decoded without tags for what the reader reads.
            views.add(org.jsoup.parser.Parser.unescapeEntities(text.replaceAll("<[^>]*>", ""), false));
            // The single-page edition carries its downloads as data: URIs; the reader saves them decoded.
            java.util.regex.Matcher data = DATA_TEXT.matcher(text);
            while (data.find()) {
                try {
                    views.add(new String(java.util.Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // not base64 after all: the raw view already holds it
                }
            }
        } else if (published.kind().equals("js") && text.contains("\\u")) {
            views.add(unescapeJs(text));
        }
        // The search index's two views are the two longest texts of the site: scanned side by side.
        Stream<String> each = views.size() > 1 && text.length() >= SIDE_BY_SIDE ? views.parallelStream() : views.stream();
        return each.map(view -> shapes.scan(view, memo.pieces)).toList();
    }

    private List<Finding> report(Scanned scanned, Path fallback, Set<String> known) {
        List<Finding> findings = new ArrayList<>();
        for (List<SecretShapes.Match> view : scanned.views()) {
            for (SecretShapes.Match m : view) {
                // Once per value: the page, the search index and the single-page edition all show it.
                if (known.add(m.value().toLowerCase(Locale.ROOT))) {
                    findings.add(locate(scanned.shown(), fallback, m));
                }
            }
        }
        return findings;
    }

    /** The source line that holds the value, or the longest part of it; else the page the file came from. */
    private Finding locate(String shown, Path fallback, SecretShapes.Match m) {
        String value = m.value();
        for (int keep = value.length(); keep >= Math.min(value.length(), 8); keep = keep * 2 / 3) {
            for (int from = 0; from + keep <= value.length(); from += Math.max(1, keep / 2)) {
                String part = value.substring(from, from + keep);
                for (Map.Entry<Path, String> source : sources.entrySet()) {
                    int at = source.getValue().indexOf(part);
                    if (at >= 0) {
                        int line = 1 + (int) source.getValue().substring(0, at).chars().filter(c -> c == '\n').count();
                        return new Finding(source.getKey(), line, ID, Finding.Severity.ERROR, SecretShapes.message(m)
                            + "; the published " + shown + " shows it" + (keep < value.length() ? " (assembled: this line holds part of it)" : ""));
                    }
                }
            }
            if (keep <= 8) {
                break;
            }
        }
        return new Finding(fallback, 0, ID, Finding.Severity.ERROR, SecretShapes.message(m) + "; the published " + shown
            + " shows it, and no source line holds it as written");
    }

    /** content/x.adoc for x.html, content/examples/y for examples/y, templates/assets/z for z; else the site file. */
    private Path origin(Path site, Path file) {
        String relative = site.relativize(file).toString();
        if (relative.endsWith(".html")) {
            Path page = project.content().resolve(relative.substring(0, relative.length() - 5) + ".adoc");
            if (Files.isRegularFile(page)) {
                return page;
            }
        }
        for (Path candidate : List.of(project.content().resolve(relative), project.templates().resolve("assets").resolve(relative),
                project.templates().resolve(relative))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return file;
    }

    private String text(Path file) throws IOException {
        return remembers ? memo.files.get(file) : read(file);
    }

    /** The file as UTF-8 text, or null for binary files (by extension or a NUL byte). */
    private static String read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && BINARY.contains(name.substring(dot + 1))) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return null;
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The four hex digits at {@code from} as a number, or -1 when they are not four hex digits. */
    private static int hex4(String s, int from) {
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(s.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** \\uXXXX, \\/ and \\\\ as a browser reads them from the search index's string literals. */
    static String unescapeJs(String js) {
        StringBuilder out = new StringBuilder(js.length());
        int copied = 0;
        // Copied in runs between backslashes: the index is most of a megabyte with few escapes.
        for (int i = js.indexOf('\\'); i >= 0 && i + 1 < js.length(); i = js.indexOf('\\', i + 1)) {
            char next = js.charAt(i + 1);
            int code = next == 'u' && i + 5 < js.length() ? hex4(js, i + 2) : -1;
            if (code >= 0) {
                out.append(js, copied, i).append((char) code);
                i += 5;
            } else if (next == '/' || next == '\\') {
                out.append(js, copied, i).append(next);
                i++;
            } else {
                continue;
            }
            copied = i + 1;
        }
        return out.append(js, copied, js.length()).toString();
    }
}

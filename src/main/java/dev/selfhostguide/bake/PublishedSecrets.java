package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
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

    private static final Set<String> BINARY = Set.of("png", "jpg", "jpeg", "gif", "webp", "ico", "woff", "woff2", "ttf",
        "otf", "eot", "pdf", "zip", "gz", "jsa", "jar");

    private final Project project;
    private final SecretShapes shapes;
    private final Map<Path, String> sources = new LinkedHashMap<>();

    private PublishedSecrets(Project project, Catalog catalog) {
        this.project = project;
        this.shapes = SecretShapes.of(catalog);
    }

    /**
     * Scans the sources of {@code project} and, if {@code site} is not null, every text file in it.
     * Values are compared without case: the search index holds the text lowercased.
     */
    public static List<Finding> scan(Project project, Catalog catalog, Path site) throws IOException {
        PublishedSecrets scan = new PublishedSecrets(project, catalog);
        List<Finding> findings = new ArrayList<>();
        for (SecretShapes.Allowed a : SecretShapes.allowed(catalog)) {
            if (a.reason().isEmpty()) {
                findings.add(new Finding(catalog.path("secrets"), a.line(), ID, Finding.Severity.ERROR,
                    "'" + a.value() + "' has no reason: every allowed value says why it cannot be a working secret"));
            }
        }
        Set<String> known = new TreeSet<>();
        for (Path source : scan.sourceFiles()) {
            String text = scan.text(source);
            if (text == null) {
                continue;
            }
            scan.sources.put(source, text);
            for (SecretShapes.Match m : scan.shapes.scan(text)) {
                known.add(m.value().toLowerCase(Locale.ROOT));
                findings.add(new Finding(source, m.line(), ID, Finding.Severity.ERROR, SecretShapes.message(m)));
            }
        }
        if (site != null && Files.isDirectory(site)) {
            findings.addAll(scan.site(site.toAbsolutePath().normalize(), known));
        }
        return findings.stream().distinct().toList();
    }

    /** Only the built files: for a folder (the bundle's, with its single-page editions) whose sources were scanned. */
    public static List<Finding> scanOutput(Project project, Catalog catalog, Path folder) throws IOException {
        PublishedSecrets scan = new PublishedSecrets(project, catalog);
        for (Path source : scan.sourceFiles()) {
            String text = scan.text(source);
            if (text != null) {
                scan.sources.put(source, text);
            }
        }
        return scan.site(folder.toAbsolutePath().normalize(), new TreeSet<>());
    }

    /** Pages, data, templates and the examples the site publishes (see Publication). */
    private List<Path> sourceFiles() throws IOException {
        Publication publication = Publication.of(project);
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
        for (Path file : files) {
            String text = text(file);
            if (text == null) {
                continue;
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            List<String> views = new ArrayList<>();
            views.add(text);
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                // What the reader sees: entities decoded, and markup inside a value (<em>, <wbr>) removed.
                // Raw for attributes (<meta content>, href); decoded without tags for what the reader reads.
                views.add(org.jsoup.parser.Parser.unescapeEntities(text.replaceAll("<[^>]*>", ""), false));
            } else if (name.endsWith(".js") && text.contains("\\u")) {
                views.add(unescapeJs(text));
            }
            for (String view : views) {
                for (SecretShapes.Match m : shapes.scan(view)) {
                    // Once per value: the page, the search index and the single-page edition all show it.
                    if (known.add(m.value().toLowerCase(Locale.ROOT))) {
                        findings.add(locate(site, file, m));
                    }
                }
            }
        }
        return findings;
    }

    /** The source line that holds the value, or the longest part of it; else the page the file came from. */
    private Finding locate(Path site, Path file, SecretShapes.Match m) {
        String value = m.value();
        String shown = site.relativize(file).toString();
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
        return new Finding(origin(site, file), 0, ID, Finding.Severity.ERROR, SecretShapes.message(m) + "; the published " + shown
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

    /** The file as UTF-8 text, or null for binary files (by extension or a NUL byte). */
    private String text(Path file) throws IOException {
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

    /** \\uXXXX and \\/ as a browser reads them from the search index's string literals. */
    static String unescapeJs(String js) {
        StringBuilder out = new StringBuilder(js.length());
        for (int i = 0; i < js.length(); i++) {
            char c = js.charAt(i);
            if (c == '\\' && i + 5 < js.length() && js.charAt(i + 1) == 'u') {
                try {
                    out.append((char) Integer.parseInt(js.substring(i + 2, i + 6), 16));
                    i += 5;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep it as written
                }
            } else if (c == '\\' && i + 1 < js.length() && js.charAt(i + 1) == '/') {
                out.append('/');
                i++;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}

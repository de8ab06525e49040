package dev.selfhostguide.pdf;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.bundle.PageStamp;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;

/**
 * Writes the PDF edition of each language: one book whose chapters are the nav's pages, each
 * included with its level raised one step, so cross-page xrefs become links inside the PDF. A
 * title page with the version, the build date and the upstream pins, a table of contents, and
 * code blocks that wrap at the page edge (the theme in templates/pdf/). Dates come from the
 * source date, never the clock, so the same commit gives the same PDF bytes.
 */
public final class PdfEditions {

    /** One language edition: its pages are in {@code dir} of content/ ("" for English). */
    public record Edition(String lang, String dir, String file, String title, String theme) { }

    public static final List<Edition> EDITIONS = List.of(
        new Edition("en", "", "agentops-selfhost-guide.pdf", "AgentOps self-hosting guide", "guide-theme.yml"),
        new Edition("ko", "ko", "agentops-selfhost-guide-ko.pdf", "AgentOps 자체 호스팅 가이드", "guide-ko-theme.yml"));

    private final AsciidoctorRuntime runtime;
    private final Project project;
    private final Catalog catalog;
    private final PageStamp stamp;
    private final Path fonts;

    public PdfEditions(AsciidoctorRuntime runtime, Project project, Catalog catalog, PageStamp stamp, Path fonts) {
        this.runtime = runtime;
        this.project = project;
        this.catalog = catalog;
        this.stamp = stamp;
        this.fonts = fonts;
    }

    /** The editions whose pages exist, in nav order of their chapters. */
    public List<Edition> editions() {
        return EDITIONS.stream().filter(e -> !chapters(e).isEmpty()).toList();
    }

    /** Chapter files of an edition, in nav order. */
    List<Path> chapters(Edition edition) {
        List<Path> chapters = new ArrayList<>();
        for (Catalog.NavEntry entry : catalog.nav()) {
            Path file = project.content().resolve(edition.dir()).resolve(entry.page() + ".adoc");
            if (Files.isRegularFile(file)) {
                chapters.add(file);
            }
        }
        return chapters;
    }

    /**
     * The book's source: a header, then the text of every chapter one level down. The text is
     * inlined, not included: a page's includes are written relative to content/ (the bake's base
     * dir), which holds only for the top-level document; a Korean chapter included from a book
     * would look for its examples in content/ko/.
     */
    String book(Edition edition) throws IOException {
        StringBuilder book = new StringBuilder();
        book.append("= ").append(edition.title()).append("\n\n:leveloffset: +1\n");
        for (Path chapter : chapters(edition)) {
            String text = Files.readString(chapter, java.nio.charset.StandardCharsets.UTF_8);
            for (String line : text.split("\n", -1)) {
                java.util.regex.Matcher include = INCLUDE.matcher(line);
                if (include.matches() && !inContent(include.group(1))) {
                    throw new IOException(project.show(chapter) + " includes " + include.group(1) + ", outside content/");
                }
            }
            String page = chapter.getFileName().toString().replaceAll("\\.adoc$", "");
            book.append("\n[#chapter-").append(page).append("]\n").append(internalLinks(text, edition))
                .append(text.endsWith("\n") ? "" : "\n");
        }
        return book.toString();
    }

    private static final java.util.regex.Pattern XREF = java.util.regex.Pattern.compile("xref:(?:\\.\\./)?([\\w-]+)\\.adoc(?:#([\\w-]+))?\\[");
    private static final java.util.regex.Pattern ANGLE = java.util.regex.Pattern.compile("<<(?:\\.\\./)?([\\w-]+)\\.adoc#([\\w-]+)");

    /**
     * Links between chapters as links inside the book: xref:plan.adoc#plan-ports[] becomes
     * xref:plan-ports[], and a link to a whole chapter points at its title (chapter-plan). A
     * Korean page's link to the English twin (../plan.adoc) lands on the same id in its own
     * edition, which the parity gate keeps identical.
     */
    private String internalLinks(String text, Edition edition) {
        java.util.Set<String> pages = new java.util.HashSet<>();
        for (Path chapter : chapters(edition)) {
            pages.add(chapter.getFileName().toString().replaceAll("\\.adoc$", ""));
        }
        java.util.regex.Matcher xref = XREF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (xref.find()) {
            String target = !pages.contains(xref.group(1)) ? xref.group()
                : "xref:" + (xref.group(2) != null ? xref.group(2) : "chapter-" + xref.group(1)) + "[";
            xref.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(target));
        }
        xref.appendTail(out);
        java.util.regex.Matcher angle = ANGLE.matcher(out.toString());
        StringBuilder result = new StringBuilder();
        while (angle.find()) {
            angle.appendReplacement(result, java.util.regex.Matcher.quoteReplacement(
                pages.contains(angle.group(1)) ? "<<" + angle.group(2) : angle.group()));
        }
        angle.appendTail(result);
        return result.toString();
    }

    private static final java.util.regex.Pattern INCLUDE = java.util.regex.Pattern.compile("include::([^\\[]+)\\[.*");

    /** The conversion is not jailed (see options): an include must stay in content/ by itself. */
    private boolean inContent(String target) {
        if (target.contains("{") || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return false;
        }
        return project.content().resolve(target).normalize().startsWith(project.content());
    }

    /** Writes the edition's PDF into {@code dir}; returns the file, and Asciidoctor's warnings through {@code findings}. */
    public Path write(Edition edition, Path dir, List<Finding> findings) throws IOException {
        Path theme = project.templates().resolve("pdf").resolve(edition.theme());
        if (!Files.isRegularFile(theme)) {
            // asciidoctor-pdf would fall back to its own theme, without the Korean font, and say nothing.
            throw new IOException("no PDF theme " + project.show(theme));
        }
        Files.createDirectories(dir);
        Path out = dir.resolve(edition.file());
        removeLeftovers(dir);
        // The process id in the name lets the next run tell a killed run's half-written PDF from a running one's.
        Path temp = Files.createTempFile(dir, "." + edition.file() + "." + ProcessHandle.current().pid() + "-", ".part");
        try {
            SubsetEncodingCache.install(runtime);
            findings.addAll(runtime.convertToFile(book(edition), options(edition, temp), catalog));
            if (Files.size(temp) == 0) {
                throw new IOException("asciidoctor-pdf wrote nothing for " + edition.file());
            }
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            return out;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes the half-written PDFs ({@code .NAME.pdf.PID-*.part}) of runs that were killed; returns them. */
    static List<Path> removeLeftovers(Path dir) {
        return SiteOutput.removeAbandoned(dir, java.util.regex.Pattern.compile("\\.[^/]+\\.pdf(?:\\.(\\d+)-[^/]*|[^/]*)\\.part"), false);
    }

    private Options options(Edition edition, Path to) {
        org.asciidoctor.AttributesBuilder attrs = Attributes.builder();
        catalog.attributes().forEach(attrs::attribute);
        String date = DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.ofEpochSecond(stamp.epochSeconds()).atOffset(ZoneOffset.UTC));
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z")
            .format(Instant.ofEpochSecond(stamp.epochSeconds()).atOffset(ZoneOffset.UTC));
        boolean ko = edition.lang().equals("ko");
        StringBuilder pins = new StringBuilder(ko ? "검증 기준 업스트림 커밋: " : "checked against upstream ");
        for (int i = 0; i < stamp.pins().size(); i++) {
            PageStamp.Pin pin = stamp.pins().get(i);
            pins.append(i > 0 ? ", " : "").append(pin.repo()).append(' ').append(pin.commit().substring(0, Math.min(7, pin.commit().length())));
        }
        Map<String, String> fixed = Map.ofEntries(
            Map.entry("doctype", "book"),
            Map.entry("lang", edition.lang()),
            Map.entry("toc", ""),
            Map.entry("toclevels", "2"),
            Map.entry("toc-title", ko ? "목차" : "Contents"),
            Map.entry("title-page", ""),
            Map.entry("revnumber", stamp.version()),
            Map.entry("version-label", ko ? "버전" : "Version"),
            Map.entry("revdate", date),
            Map.entry("revremark", pins.toString()),
            // asciidoctor-pdf takes ModDate from docdatetime and CreationDate from localdatetime.
            Map.entry("docdate", date), Map.entry("docdatetime", time),
            Map.entry("localdate", date), Map.entry("localdatetime", time),
            Map.entry("idprefix", ""), Map.entry("idseparator", "-"),
            Map.entry("source-highlighter", "rouge"),
            Map.entry("pdf-themesdir", project.templates().resolve("pdf").toString()),
            Map.entry("pdf-theme", edition.theme()),
            Map.entry("pdf-fontsdir", fonts + ";GEM_FONTS_DIR"),
            Map.entry("chapter-signifier", ""));
        fixed.forEach(attrs::attribute);
        return Options.builder()
            .backend("pdf")
            // Includes resolve against content/ as in the bake. SAFE would also jail the output
            // file to base_dir (the PDF goes to target/), so the jail is book()'s own include check.
            .safe(SafeMode.UNSAFE)
            .baseDir(project.content().toFile())
            .toFile(to.toFile())
            .mkDirs(true)
            .standalone(true)
            .attributes(attrs.build())
            .build();
    }
}

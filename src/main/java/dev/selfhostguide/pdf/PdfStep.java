package dev.selfhostguide.pdf;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.bundle.PageStamp;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PDF step of {@code guide pdf} and {@code guide bundle}: both editions, or one line saying why
 * not. Without the Korean font the step is skipped, except under CI=true, where that is an error:
 * CI installs fonts-nanum, so a missing font there means the gate would stop testing the PDFs.
 */
public final class PdfStep {

    /**
     * What the step made (file name to file), the warnings Asciidoctor gave while making it, and
     * either why it was skipped or why it failed (both null when it ran).
     */
    public record Outcome(Map<String, Path> files, List<Finding> findings, String skipped, String failed) {
        public boolean ok() {
            return failed == null && findings.stream().noneMatch(Finding::isError);
        }
    }

    private PdfStep() {
    }

    public static Outcome run(AsciidoctorRuntime runtime, Project project, Catalog catalog, Path dir, Map<String, String> env) {
        if (!Files.isDirectory(project.templates().resolve("pdf"))) {
            // A project without PDF themes has no PDF editions (test fixtures); one whose themes
            // folder lost a theme fails in PdfEditions instead.
            return new Outcome(Map.of(), List.of(), "pdf: no PDF editions: the project has no templates/pdf/", null);
        }
        Optional<Path> fonts = NanumFonts.find();
        if (fonts.isEmpty()) {
            String why = "the Korean font NanumGothic.ttf is not installed (" + NanumFonts.INSTALL + ")";
            return "true".equals(env.get("CI"))
                ? new Outcome(Map.of(), List.of(), null, "CI=true and " + why)
                : new Outcome(Map.of(), List.of(), "pdf: skipped the PDF editions: " + why, null);
        }
        PageStamp stamp = PageStamp.of(project.root(), env);
        PdfEditions pdf = new PdfEditions(runtime, project, catalog, stamp, fonts.get());
        Map<String, Path> files = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        // A PDF leaves no site for the published-text scan: what it is made of is scanned before it is made.
        for (PdfEditions.Edition edition : pdf.editions()) {
            try {
                findings.addAll(secrets(project, catalog, pdf, edition, stamp));
            } catch (java.io.IOException e) {
                return new Outcome(files, findings, null, "cannot read what the " + edition.lang() + " PDF is made of: " + e.getMessage());
            }
        }
        if (findings.stream().anyMatch(Finding::isError)) {
            return new Outcome(files, findings, null, "the PDF editions would print what looks like a secret");
        }
        for (PdfEditions.Edition edition : pdf.editions()) {
            try {
                List<Finding> warnings = new ArrayList<>();
                files.put(edition.file(), pdf.write(edition, dir, warnings));
                // What only the PDF converter trips on (its text formatter, a glyph) is said, not fatal:
                // the same pages passed the bake, and the PDF still shows the text.
                for (Finding w : warnings) {
                    findings.add(new Finding(w.file(), w.line(), "pdf", Finding.Severity.WARNING, w.message()));
                }
            } catch (java.io.IOException | RuntimeException e) {
                // Asciidoctor's Ruby errors arrive as RuntimeExceptions with long traces; one line is what helps.
                String message = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
                return new Outcome(files, findings, null, "the " + edition.lang() + " PDF failed: " + message);
            }
        }
        return new Outcome(files, findings, null, null);
    }

    /** The edition's chapters as converted (with the attributes the title page adds) and its title page. */
    private static List<Finding> secrets(Project project, Catalog catalog, PdfEditions pdf, PdfEditions.Edition edition,
                                         PageStamp stamp) throws java.io.IOException {
        String pins = String.join(", ", stamp.pins().stream().map(p -> p.repo() + " " + p.commit()).toList());
        Map<String, String> attributes = new java.util.HashMap<>(catalog.attributes());
        attributes.put("revnumber", stamp.version());
        attributes.put("revremark", pins);
        Map<String, String> titlePage = new LinkedHashMap<>();
        titlePage.put("title", edition.title());
        titlePage.put("version", stamp.version());
        titlePage.put("upstream pins", pins);
        return dev.selfhostguide.bake.PublishedSecrets.scanBook(project, catalog, "PDF edition " + edition.file(),
            pdf.chapters(edition), attributes, titlePage);
    }
}

package dev.selfhostguide.cli;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.ContentException;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pdf.PdfStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code guide pdf}: the PDF editions alone (the logic is dev.selfhostguide.pdf.PdfStep). */
final class PdfCommand implements Command {

    @Override
    public String name() {
        return "pdf";
    }

    @Override
    public String summary() {
        return "write the PDF editions (English and Korean) into target/pdf";
    }

    @Override
    public String help() {
        return """
            Usage: java -jar target/guide.jar pdf [--out DIR] [--quiet]

            Writes agentops-selfhost-guide.pdf and agentops-selfhost-guide-ko.pdf into target/pdf
            (or DIR): a title page with the version, build date and upstream pins, a table of
            contents, every chapter in navigation order, Nanum Gothic embedded for Korean. Dates
            come from SOURCE_DATE_EPOCH or the last commit, so the same commit gives the same PDFs.
            Without fonts-nanum the step says so and is skipped (an error under CI=true).

              --out DIR     write the PDFs into DIR instead
              -q, --quiet   print only problems and the closing summary line
              -h, --help    this text

            Exit codes: 0 written (or skipped for want of the font), 1 problems, 2 usage error.""";
    }

    @Override
    public int run(List<String> args, Console console) throws Exception {
        Arguments arguments = new Arguments(args, Set.of("--quiet", "--help"), Set.of("--out"));
        if (!arguments.operands().isEmpty()) {
            throw new UsageException("pdf takes no files: " + arguments.operands());
        }
        long start = System.nanoTime();
        Project project = Project.find(Main.workingDirectory());
        Path dir = arguments.has("--out") ? Main.workingDirectory().resolve(arguments.get("--out", "")).toAbsolutePath().normalize()
            : project.target().resolve("pdf");
        Catalog catalog;
        try {
            catalog = Catalog.load(project.data());
        } catch (ContentException e) {
            console.error(project.show(e.file()) + ":" + e.line() + ": [data] " + e.getMessage());
            return Main.CONTENT;
        }
        try (AsciidoctorRuntime runtime = AsciidoctorRuntime.shared()) {
            PdfStep.Outcome outcome = PdfStep.run(runtime, project, catalog, dir, System.getenv());
            console.findings(outcome.findings(), project);
            if (outcome.skipped() != null) {
                console.summary(outcome.skipped());
                return Main.OK;
            }
            if (!outcome.ok()) {
                console.summary("pdf failed: " + (outcome.failed() != null ? outcome.failed() : outcome.findings().size() + " problems")
                    + String.format(" (%.1f s)", (System.nanoTime() - start) / 1e9));
                return Main.CONTENT;
            }
            StringBuilder wrote = new StringBuilder();
            for (Path file : outcome.files().values()) {
                wrote.append(wrote.length() == 0 ? "" : ", ").append(project.show(file))
                    .append(String.format(" (%.1f KiB)", java.nio.file.Files.size(file) / 1024.0));
            }
            console.summary("wrote " + wrote + String.format(" in %.1f s", (System.nanoTime() - start) / 1e9));
            return Main.OK;
        }
    }
}

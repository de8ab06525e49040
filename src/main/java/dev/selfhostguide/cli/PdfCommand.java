package dev.selfhostguide.cli;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.ContentException;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pdf.PdfStep;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guide pdf}: the PDF editions alone (the logic is dev.selfhostguide.pdf.PdfStep). */
@Command(name = "pdf", sortOptions = false,
    description = "write the PDF editions (English and Korean) into target/pdf",
    footer = {"", "Writes agentops-selfhost-guide.pdf and agentops-selfhost-guide-ko.pdf into target/pdf (or DIR):",
        "a title page with the version, build date and upstream pins, a table of contents, every chapter",
        "in navigation order, Nanum Gothic embedded for Korean. Dates come from SOURCE_DATE_EPOCH or the",
        "last commit, so the same commit gives the same PDFs. Without fonts-nanum the step says so and",
        "is skipped (an error under CI=true).", "",
        "Exit codes: 0 written (or skipped for want of the font), 1 problems, 2 usage error."})
final class PdfCommand extends Subcommand {

    @Option(names = "--out", paramLabel = "DIR", description = "write the PDFs into DIR instead")
    String out;

    @Override
    public Integer call() throws Exception {
        Environment env = env();
        Console console = console();
        long start = System.nanoTime();
        Project project = Project.find(env.directory());
        Path dir = pathOption(env, "--out", out, project.target().resolve("pdf"));
        Catalog catalog;
        try {
            catalog = Catalog.load(project.data());
        } catch (ContentException e) {
            console.error(project.show(e.file()) + ":" + e.line() + ": [data] " + e.getMessage());
            return Main.CONTENT;
        }
        PdfStep.Outcome outcome = PdfStep.run(env.runtime().get(), project, catalog, dir, env.variables());
        console.findings(outcome.findings(), project);
        if (outcome.skipped() != null) {
            console.summary(outcome.skipped());
            return Main.OK;
        }
        if (!outcome.ok()) {
            console.summary("pdf failed: " + (outcome.failed() != null ? outcome.failed() : outcome.findings().size() + " problems")
                + " (" + seconds(start) + ")");
            return Main.CONTENT;
        }
        StringBuilder wrote = new StringBuilder();
        for (Path file : outcome.files().values()) {
            wrote.append(wrote.length() == 0 ? "" : ", ").append(project.show(file))
                .append(String.format(" (%.1f KiB)", Files.size(file) / 1024.0));
        }
        console.summary("wrote " + wrote + " in " + seconds(start));
        return Main.OK;
    }
}

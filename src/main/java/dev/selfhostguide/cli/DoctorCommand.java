package dev.selfhostguide.cli;

import dev.selfhostguide.checks.FileKind;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.doctor.Doctor;
import dev.selfhostguide.doctor.DoctorOptions;
import dev.selfhostguide.doctor.ReaderFile;
import dev.selfhostguide.doctor.ReportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code guide doctor FILE|DIR...}: the guide's own checks, run on a reader's files. The work is
 * in {@link dev.selfhostguide.doctor}; this class only turns options into a run and the report
 * into output. No AsciiDoc is involved, so no JRuby.
 */
@Command(name = "doctor", sortOptions = false,
    description = "check your own .env, compose files, LiteLLM, collector or nginx config (or a whole folder) with the guide's checks",
    footer = {"", "Runs the checks the guide's own snippets pass on your files, at your file's lines. A DIR is",
        "searched (3 levels) for .env files, compose files and overrides, LiteLLM and collector configs and",
        "nginx files; all files named are checked together: compose with its .env, host ports published",
        "twice, host names that are no service, secrets the API and the collector must share. Each file's",
        "kind, and for a .env the program that reads it, is decided from its name, its content and the",
        "files passed with it; doctor says what it decided. An error is what upstream would fail on,",
        "refuse, or silently ignore; a warning is advice. Secret values are only printed masked.", "",
        "Exit codes: 0 no errors, 1 errors found (FILE:LINE: [check] message), 2 usage error."})
final class DoctorCommand extends Subcommand {

    @Option(names = "--as", paramLabel = "KIND", completionCandidates = Kinds.class,
        description = "treat every FILE as KIND: ${COMPLETION-CANDIDATES}")
    String as;

    @Option(names = "--component", paramLabel = "NAME", description = {"read every .env as NAME's: compose (the root",
        "app/.env), api, dashboard, collector, sdk, supabase, litellm or other"})
    String componentName;

    @Option(names = "--profile", paramLabel = "guide", description = "also hold ports, images and commands to the guide's reference deployment")
    String profileName;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default), json, or sarif (SARIF 2.1.0)")
    String formatName;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "the files or folders to check")
    List<String> operands = new ArrayList<>();

    /** The kinds {@code --as} accepts, for the help and the shell completion. */
    static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(FileKind.values()).map(FileKind::id).iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        Console console = console();
        if (operands.isEmpty()) {
            throw new UsageException("name at least one file or folder to check");
        }
        Optional<FileKind> kind = Optional.empty();
        if (as != null) {
            String id = as;
            kind = FileKind.byId(id);
            if (kind.isEmpty()) {
                throw new UsageException("unknown kind '" + id + "'; use one of " + FileKind.ids());
            }
        }
        ReportFormat format = ReportFormat.byName(formatName)
            .orElseThrow(() -> new UsageException("unknown format '" + formatName + "'; use one of "
                + ReportFormat.names()));
        Optional<String> profile = Optional.ofNullable(profileName);
        if (profile.isPresent() && !profile.get().equals(DoctorOptions.GUIDE_PROFILE)) {
            throw new UsageException("unknown profile '" + profile.get() + "'; the only profile is " + DoctorOptions.GUIDE_PROFILE);
        }
        Path cwd = env().directory();
        Project project = Project.find(cwd);
        Catalog catalog = Files.isDirectory(project.data()) ? Catalog.load(project.data()) : Catalog.bundled();
        Optional<String> component = Optional.ofNullable(componentName);
        if (component.isPresent() && !Doctor.componentNames(catalog).contains(component.get())) {
            throw new UsageException("unknown component '" + component.get() + "'; use one of "
                + String.join(", ", Doctor.componentNames(catalog)));
        }
        Doctor.Report report;
        try {
            report = new Doctor(catalog, new DoctorOptions(kind, component, profile), env().tools(), failsOnMissingPrograms()).run(cwd, operands);
        } catch (Doctor.NoSuchFile e) {
            throw new UsageException(e.getMessage());
        }
        if (report.files().isEmpty() && report.findings().isEmpty()) {
            // Nothing was read, so "no problems" would be a pass for files nobody looked at.
            throw new UsageException(String.join("; ", report.notes()) + (report.notes().isEmpty() ? "nothing to check" : ""));
        }
        if (format == ReportFormat.TEXT) {
            report.notes().forEach(console::info);
            for (ReaderFile f : report.files()) {
                console.info(f.decision());
            }
            console.findings(report.findings(), new Project(cwd));
            console.summary(ReportFormat.summary(report));
        } else {
            String version = Optional.ofNullable(DoctorCommand.class.getPackage().getImplementationVersion()).orElse("dev");
            console.summary(format.write(report, version).stripTrailing());
        }
        return report.errors() > 0 ? Main.CONTENT : Main.OK;
    }
}

package dev.selfhostguide.cli;

import dev.selfhostguide.checks.FileKind;
import dev.selfhostguide.checks.Tools;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.doctor.Doctor;
import dev.selfhostguide.doctor.DoctorOptions;
import dev.selfhostguide.doctor.ReaderFile;
import dev.selfhostguide.doctor.ReportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code guide doctor FILE|DIR...}: the guide's own checks, run on a reader's files. The work is
 * in {@link dev.selfhostguide.doctor}; this class only turns arguments into options and the report
 * into output. No AsciiDoc is involved, so no JRuby.
 */
final class DoctorCommand implements Command {

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String summary() {
        return "check your own .env, compose files, LiteLLM, collector or nginx config (or a whole folder) with the guide's checks";
    }

    @Override
    public String help() {
        return """
            Usage: java -jar target/guide.jar doctor [OPTIONS] FILE|DIR...

            Runs the checks the guide's own snippets pass on your files, at your file's lines. A DIR
            is searched (3 levels) for .env files, compose files and overrides, LiteLLM and collector
            configs and nginx files; all files named are checked together: compose with its .env,
            host ports published twice, host names that are no service, secrets the API and the
            collector must share. Each file's kind, and for a .env the program that reads it, is
            decided from its name, its content and the files passed with it; doctor says what it
            decided. An error is what upstream would fail on, refuse, or silently ignore; a warning
            is advice. Secret values are never printed, only masked (Sup3...xyz (20 chars)).

              --as KIND          treat every FILE as KIND: %s
              --component NAME   read every .env as NAME's: compose (the root app/.env), api,
                                 dashboard, collector, sdk (a program that calls agentops.init),
                                 supabase, litellm or other
              --profile guide    also hold ports, images and commands to the guide's reference
                                 deployment (by default your own choices stand)
              --format FORMAT    text (default), json, or sarif (SARIF 2.1.0, for code scanning)
              -q, --quiet        print only problems and the summary line
              -h, --help         this text

            Exit codes: 0 no errors, 1 errors found (FILE:LINE: [check] message), 2 usage error.""".formatted(FileKind.ids());
    }

    @Override
    public int run(List<String> args, Console console) throws Exception {
        Arguments arguments = new Arguments(args, Set.of("--quiet", "--help"), Set.of("--as", "--component", "--profile", "--format"));
        if (arguments.operands().isEmpty()) {
            throw new UsageException("name at least one file or folder to check");
        }
        Optional<FileKind> kind = Optional.empty();
        if (arguments.has("--as")) {
            String id = arguments.get("--as", "");
            kind = FileKind.byId(id);
            if (kind.isEmpty()) {
                throw new UsageException("unknown kind '" + id + "'; use one of " + FileKind.ids());
            }
        }
        ReportFormat format = ReportFormat.byName(arguments.get("--format", "text"))
            .orElseThrow(() -> new UsageException("unknown format '" + arguments.get("--format", "") + "'; use one of "
                + ReportFormat.names()));
        Optional<String> profile = arguments.has("--profile") ? Optional.of(arguments.get("--profile", "")) : Optional.empty();
        if (profile.isPresent() && !profile.get().equals(DoctorOptions.GUIDE_PROFILE)) {
            throw new UsageException("unknown profile '" + profile.get() + "'; the only profile is " + DoctorOptions.GUIDE_PROFILE);
        }
        Path cwd = Main.workingDirectory().toAbsolutePath();
        Project project = Project.find(cwd);
        Catalog catalog = Files.isDirectory(project.data()) ? Catalog.load(project.data()) : Catalog.bundled();
        Optional<String> component = arguments.has("--component") ? Optional.of(arguments.get("--component", "")) : Optional.empty();
        if (component.isPresent() && !Doctor.componentNames(catalog).contains(component.get())) {
            throw new UsageException("unknown component '" + component.get() + "'; use one of "
                + String.join(", ", Doctor.componentNames(catalog)));
        }
        Doctor.Report report;
        try {
            report = new Doctor(catalog, new DoctorOptions(kind, component, profile), Tools.fromEnvironment()).run(cwd, arguments.operands());
        } catch (Doctor.NoSuchFile e) {
            throw new UsageException(e.getMessage());
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

package dev.selfhostguide.cli;

import dev.selfhostguide.checks.CheckRegistry;
import dev.selfhostguide.checks.FileKind;
import dev.selfhostguide.checks.Tools;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.ContentScan;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.selfhostguide.pipeline.CheckSnippets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code guide doctor FILE...}: the guide's own checks, run on a reader's files: their .env,
 * compose override, LiteLLM config.yaml or collector config. No AsciiDoc is involved, so no JRuby.
 */
@Command(name = "doctor", sortOptions = false,
    description = "check your own .env, compose override, LiteLLM or collector config with the guide's checks",
    footer = {"", "Runs the checks the guide's own snippets pass on your files, with the same messages,",
        "at your file's lines. The kind of each file is taken from its name or content:",
        "  .env, *.env, env.example          dotenv (variables known to the component, secrets)",
        "  *compose*.yaml, services:         compose",
        "  model_list: / litellm_settings:   litellm-config",
        "  receivers: + service:             otel-collector",
        "  *.conf with server blocks         nginx",
        "Files given together are checked together: a LiteLLM config's os.environ/VAR is resolved",
        "against the .env files you pass with it.", "",
        "Exit codes: 0 no problems, 1 problems found (FILE:LINE: [check] message), 2 usage error."})
final class DoctorCommand extends Subcommand {

    @Option(names = "--as", paramLabel = "KIND", completionCandidates = Kinds.class,
        description = "treat every FILE as KIND: ${COMPLETION-CANDIDATES}")
    String as;

    @Option(names = "--component", paramLabel = "NAME", description = {"for .env files: compose (the root app/.env), api,",
        "dashboard, collector or sdk; default from the file's place in an AgentOps checkout"})
    String componentName;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "the files to check")
    List<String> operands = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Console console = console();
        return run(new Args(operands, as, componentName), console);
    }

    /** The kinds {@code --as} accepts, for the help and the shell completion. */
    static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(FileKind.values()).map(FileKind::id).iterator();
        }
    }

    /** The options as the checks below read them. */
    private record Args(List<String> operands, String as, String component) {

        boolean has(String option) {
            return get(option, null) != null;
        }

        String get(String option, String fallback) {
            String value = option.equals("--as") ? as : option.equals("--component") ? component : null;
            return value == null ? fallback : value;
        }
    }

    private int run(Args arguments, Console console) throws Exception {
        if (arguments.operands().isEmpty()) {
            throw new UsageException("name at least one file to check");
        }
        Optional<FileKind> forced = Optional.empty();
        if (arguments.has("--as")) {
            String id = arguments.get("--as", "");
            forced = FileKind.byId(id);
            if (forced.isEmpty()) {
                throw new UsageException("unknown kind '" + id + "'; use one of " + FileKind.ids());
            }
        }
        Path cwd = env().directory();
        Project project = Project.find(cwd);
        Catalog catalog = Files.isDirectory(project.data()) ? Catalog.load(project.data()) : Catalog.bundled();
        List<Finding> findings = new ArrayList<>();
        List<Snippet> snippets = new ArrayList<>();
        for (String operand : arguments.operands()) {
            Path file = cwd.resolve(operand).normalize();
            if (!Files.isRegularFile(file)) {
                String special = dev.selfhostguide.content.ContentScan.specialKind(file);
                throw new UsageException(Files.isDirectory(file) ? operand + " is a folder; name the files in it"
                    : special != null ? operand + " is " + special + ", not a file; it is not opened"
                    : "no such file: " + operand);
            }
            String text = read(file, findings);
            if (text == null) {
                continue;
            }
            Optional<FileKind> kind = forced.or(() -> FileKind.detect(file, text));
            if (kind.isEmpty()) {
                findings.add(new Finding(file, 0, "doctor", Finding.Severity.ERROR,
                    "cannot tell what kind of file this is; name it with --as (" + FileKind.ids() + ")"));
                continue;
            }
            String component = arguments.get("--component", FileKind.componentOf(file));
            Map<String, String> attributes = kind.get().attributes(component);
            snippets.add(Snippet.ofFile(file, kind.get().language(), attributes, text));
            console.info("checking " + operand + " as " + kind.get().id()
                + (kind.get() == FileKind.DOTENV ? " (component " + component + ")" : ""));
        }
        findings.addAll(CheckSnippets.files(CheckRegistry.forReaders(), snippets, catalog, Tools.fromEnvironment()).findings());
        console.findings(findings, new Project(cwd));
        long errors = findings.stream().filter(Finding::isError).count();
        long warnings = findings.size() - errors;
        console.summary((errors == 0 ? "doctor: no problems" : "doctor: " + errors + " problem" + (errors == 1 ? "" : "s"))
            + (warnings > 0 ? ", " + warnings + " warning" + (warnings == 1 ? "" : "s") : "")
            + " in " + arguments.operands().size() + " file" + (arguments.operands().size() == 1 ? "" : "s"));
        return errors > 0 ? Main.CONTENT : Main.OK;
    }

    /** The file's text, or null with a finding when its bytes are not sound UTF-8 text. */
    private static String read(Path file, List<Finding> findings) throws IOException {
        if (Files.size(file) > ContentScan.MAX_BYTES) {
            findings.add(new Finding(file, 0, "doctor", Finding.Severity.ERROR,
                "the file is larger than " + ContentScan.MAX_BYTES / 1024 + " KiB; that is not a configuration file"));
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        for (ContentScan.Problem problem : ContentScan.scanBytes(file, bytes)) {
            findings.add(new Finding(file, problem.line(), "doctor", Finding.Severity.ERROR, problem.message()));
            return null;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

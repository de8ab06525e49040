package dev.selfhostguide.doctor;

import dev.selfhostguide.checks.CheckRegistry;
import dev.selfhostguide.checks.CheckRunner;
import dev.selfhostguide.checks.FileKind;
import dev.selfhostguide.checks.NeighbourFacts;
import dev.selfhostguide.checks.Tools;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.ContentScan;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs doctor: reads the reader's files (or the files of their folders), decides what each is,
 * runs the guide's checks for readers on them together, adds the checks across files, and masks
 * every secret value in what it found.
 */
public final class Doctor {

    /** What doctor found: the files with its decisions, the findings, and what it could not read. */
    public record Report(List<ReaderFile> files, List<Finding> findings, List<String> notes) {

        public long errors() {
            return findings.stream().filter(Finding::isError).count();
        }

        public long warnings() {
            return findings.size() - errors();
        }
    }

    /** An operand that names nothing doctor can read: a usage error, not a finding. */
    public static final class NoSuchFile extends Exception {
        public NoSuchFile(String operand) {
            super("no such file or folder: " + operand);
        }

        NoSuchFile(String operand, String special) {
            super(operand + " is " + special + ", not a file; it is not opened");
        }
    }

    private final Catalog catalog;
    private final DoctorOptions options;
    private final Tools tools;
    private final boolean strict;

    /** @param strict whether a file left unchecked because a program is missing fails the run (--strict, CI=true) */
    public Doctor(Catalog catalog, DoctorOptions options, Tools tools, boolean strict) {
        this.catalog = catalog;
        this.options = options;
        this.tools = tools;
        this.strict = strict;
    }

    public Report run(Path cwd, List<String> operands) throws IOException, NoSuchFile {
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<Path, String> shown = new LinkedHashMap<>();
        List<Path> folders = new ArrayList<>();
        for (String operand : operands) {
            Path path = cwd.resolve(operand).normalize();
            if (Files.isDirectory(path)) {
                folders.add(path);
                List<Path> found = FolderScan.scan(path);
                notes.add(operand + ": " + found.size() + " file" + (found.size() == 1 ? "" : "s") + " to check"
                    + (found.isEmpty() ? " (no .env, compose, LiteLLM, collector or nginx file within " + FolderScan.DEPTH + " levels)" : ""));
                for (Path file : found) {
                    Path relative = cwd.relativize(file);
                    shown.putIfAbsent(file, relative.toString().isEmpty() ? file.toString() : relative.toString());
                }
            } else if (Files.isRegularFile(path)) {
                shown.putIfAbsent(path, operand);
            } else {
                // A FIFO or device exists; saying "no such file" would send the reader looking for the wrong thing.
                String special = dev.selfhostguide.content.ContentScan.specialKind(path);
                throw special != null ? new NoSuchFile(operand, special) : new NoSuchFile(operand);
            }
        }

        // Kinds first: a .env's component may depend on the configs passed with it.
        List<ReaderFile> files = new ArrayList<>();
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Map.Entry<Path, String> e : shown.entrySet()) {
            String text = read(e.getKey(), e.getValue(), findings);
            if (text == null) {
                continue;
            }
            texts.put(e.getKey(), text);
            Optional<FileKind> kind = options.kind().or(() -> FileKind.detect(e.getKey(), text));
            if (kind.isEmpty()) {
                // doctor's limit, not the reader's mistake: the file was not checked, which a warning says.
                findings.add(new Finding(e.getKey(), 0, "doctor", Finding.Severity.WARNING,
                    "not checked: cannot tell what kind of file this is; name it with --as (" + FileKind.ids() + ")"));
                continue;
            }
            files.add(new ReaderFile(e.getKey(), e.getValue(), kind.get(), "", "", text));
        }
        EnvComponents components = new EnvComponents(catalog);
        List<ReaderFile> decided = new ArrayList<>();
        Map<Path, Path> parts = new LinkedHashMap<>();
        for (ReaderFile f : files) {
            ReaderFile d = decide(f, files, components);
            Optional<Path> starter = f.kind() == FileKind.OTEL ? CollectorParts.starter(f.path(), folders) : Optional.empty();
            if (starter.isPresent()) {
                parts.put(f.path(), starter.get());
                String by = cwd.relativize(starter.get()).toString();
                d = new ReaderFile(d.path(), d.shown(), d.kind(), d.component(), d.decision().replaceFirst(" \\(--as to change\\)$", "")
                    + ", one part of the config " + by + " starts the collector with (--as to change)", d.text());
            }
            decided.add(d);
        }

        List<Snippet> snippets = new ArrayList<>();
        for (ReaderFile f : decided) {
            Map<String, String> attributes = new LinkedHashMap<>(f.kind().attributes(f.component()));
            options.profile().ifPresent(p -> attributes.put("profile", p));
            if (parts.containsKey(f.path())) {
                attributes.put("config-part", "true");
            }
            snippets.add(Snippet.ofFile(f.path(), f.kind().language(), attributes, f.text()));
        }
        Path scratch = Files.createTempDirectory("guide-doctor-");
        try {
            CheckRunner.Report report = new CheckRunner(registry(), strict).run(snippets, catalog, tools, scratch);
            findings.addAll(report.findings());
        } finally {
            deleteTree(scratch);
        }
        findings.addAll(new Wiring(decided, catalog).check());
        findings.addAll(new BuildContexts(decided, folders, cwd.toAbsolutePath().normalize()).check());

        SecretMask mask = SecretMask.of(new ArrayList<>(texts.values()));
        List<Finding> masked = new ArrayList<>();
        for (Finding f : findings) {
            masked.add(new Finding(f.file(), f.line(), f.check(), f.severity(), mask.apply(f.message())));
        }
        masked.sort(Comparator.comparing((Finding f) -> f.file().toString()).thenComparingInt(Finding::line)
            .thenComparing(Finding::check).thenComparing(Finding::message));
        return new Report(List.copyOf(decided), List.copyOf(masked), List.copyOf(notes));
    }

    /**
     * The checks for readers; under {@code --profile guide} also the ports agreement, which holds
     * every port a file writes to the guide's reference deployment.
     */
    private CheckRegistry registry() {
        if (options.profile().isEmpty()) {
            return CheckRegistry.forReaders();
        }
        List<dev.selfhostguide.checks.Check> checks = new ArrayList<>(CheckRegistry.forReaders().all());
        checks.add(new dev.selfhostguide.checks.PortsAgreementCheck());
        return new CheckRegistry(checks);
    }

    private ReaderFile decide(ReaderFile f, List<ReaderFile> all, EnvComponents components) {
        if (f.kind() != FileKind.DOTENV) {
            return new ReaderFile(f.path(), f.shown(), f.kind(), "", f.shown() + ": read as " + describe(f.kind())
                + (options.kind().isPresent() ? " (--as)" : " (--as to change)"), f.text());
        }
        String component;
        String because;
        if (options.component().isPresent()) {
            component = options.component().get();
            because = "--component";
        } else {
            EnvComponents.Decision d = components.decide(f.path(), f.text(), all);
            component = d.component();
            because = d.because() + "; --component to change";
        }
        return new ReaderFile(f.path(), f.shown(), f.kind(), component,
            f.shown() + ": read as " + components.title(component) + " (" + because + ")", f.text());
    }

    private static String describe(FileKind kind) {
        return switch (kind) {
            case COMPOSE -> "a Compose file";
            case LITELLM -> "a LiteLLM proxy config";
            case OTEL -> "an OpenTelemetry collector config";
            case NGINX -> "an nginx config";
            case SHELL -> "a shell script";
            case PYTHON -> "a Python program";
            case JSON -> "a JSON file";
            case YAML -> "a YAML file";
            case DOTENV -> "a .env file";
        };
    }

    /**
     * The file's text with LF line endings, or null with a finding when it cannot be checked.
     * CRLF is what Windows editors write; compose, YAML parsers and nginx read it, so it is no
     * reason to stop. A shell script is different: bash reads the CR as part of each command.
     */
    private static String read(Path file, String shown, List<Finding> findings) throws IOException {
        if (Files.size(file) > ContentScan.MAX_BYTES) {
            findings.add(new Finding(file, 0, "doctor", Finding.Severity.WARNING,
                "not checked: the file is larger than " + ContentScan.MAX_BYTES / 1024 + " KiB, more than a configuration file"
                    + " holds; pass the configuration files themselves"));
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        for (ContentScan.Problem problem : ContentScan.scanBytes(file, bytes)) {
            if (problem.message().contains("byte order mark")) {
                // Go's yaml.v3, compose's dotenv reader and PyYAML skip a leading BOM; a program that
                // does not sees a stray first word. Advice, and the rest is checked without it.
                findings.add(new Finding(file, 1, "doctor", Finding.Severity.WARNING,
                    "the file starts with a UTF-8 byte order mark, which not every program skips; save it as UTF-8 without BOM"));
                bytes = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
                continue;
            }
            if (!problem.message().startsWith("Windows line ending")) {
                // Invalid UTF-8 may be a Latin-1 comment the reader's program never minds: doctor
                // cannot read the file, which is no verdict on it.
                findings.add(new Finding(file, problem.line(), "doctor", Finding.Severity.WARNING,
                    "not checked: " + problem.message()));
                return null;
            }
            String lower = shown.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".sh") || lower.endsWith(".bash")) {
                findings.add(new Finding(file, problem.line(), "doctor", Finding.Severity.ERROR,
                    "Windows line ending (CRLF): bash reads the CR as part of each command and fails; convert with dos2unix"));
            } else if (FileKind.detect(file, "").filter(k -> k == FileKind.DOTENV).isPresent()) {
                findings.add(new Finding(file, problem.line(), "doctor", Finding.Severity.WARNING,
                    "Windows line endings (CRLF): docker compose reads them, but docker run --env-file and a shell keep the CR"
                        + " at the end of every value; convert with dos2unix if anything else reads this file"));
            }
        }
        return new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /** Removes the checks' scratch folder (doctor must not need the bake package and its JBake). */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The components --component accepts, for the usage message. */
    public static List<String> componentNames(Catalog catalog) {
        return new EnvComponents(catalog).names();
    }

    static boolean neighbour(Catalog catalog, String component) {
        return NeighbourFacts.of(catalog).knows(component);
    }
}

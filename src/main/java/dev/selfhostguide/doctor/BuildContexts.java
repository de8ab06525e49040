package dev.selfhostguide.doctor;

import dev.selfhostguide.checks.FileKind;
import dev.selfhostguide.checks.support.StrictYaml;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Compose services built from source, in a folder doctor was given: every path the service's
 * Dockerfile COPYs or ADDs from the build context must be under that context, or
 * {@code docker compose build} stops ("not found"). Upstream builds the API from {@code app/} with
 * {@code dockerfile: api/Dockerfile}, which copies {@code api/...} and {@code deploy/jockey}: moving
 * the context to {@code app/api/} is the mistake this catches.
 *
 * <p>Said only where the answer is certain: the context and the Dockerfile are both on disk inside
 * the folder, and the source is a plain path (no wildcard, which BuildKit lets match nothing; no
 * {@code $ARG}; no {@code --from}; no URL). A context that is not there is left alone: compose may
 * be run with {@code -f} from another folder, and a context can be a Git URL.
 */
final class BuildContexts {

    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*(COPY|ADD)\\s+(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ESCAPE = Pattern.compile("^#\\s*escape\\s*=\\s*(\\S)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEREDOC = Pattern.compile("<<-?[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?");
    private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final long MAX_DOCKERFILE = 256 * 1024;
    /** Folders a build tool writes, often on the host just before the image build copies them. */
    private static final java.util.Set<String> GENERATED = java.util.Set.of("dist", "build", "out", "target", "bin", ".next",
        "node_modules");

    /** One COPY or ADD of a Dockerfile: its first line and the context paths it reads. */
    record Copy(int line, String instruction, List<String> sources) { }

    /** A context path a COPY or ADD reads that is not there. */
    private record Missing(Copy copy, String source) { }

    /** A service's {@code build:} as one compose file writes it. */
    /** {@code image}: what the service also names under image:, empty when it names none. */
    private record Build(ReaderFile file, String service, int line, String context, String dockerfile, String image) { }

    private final List<ReaderFile> files;
    private final List<Path> roots;
    private final Path cwd;

    /**
     * @param files the files doctor read
     * @param roots the folders the reader named: only compose files found in them are checked,
     *              and only contexts and Dockerfiles inside them are read
     * @param cwd   where paths in messages are shown from
     */
    BuildContexts(List<ReaderFile> files, List<Path> roots, Path cwd) {
        this.files = files;
        this.roots = roots;
        this.cwd = cwd;
    }

    List<Finding> check() throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<Build> builds = builds();
        Map<String, Integer> perService = new LinkedHashMap<>();
        builds.forEach(b -> perService.merge(b.service(), 1, Integer::sum));
        for (Build b : builds) {
            // An override that changes only the dockerfile: of a service builds with the base file's
            // context; which one wins depends on the order of -f, so say nothing.
            if (perService.get(b.service()) > 1) {
                continue;
            }
            check(b, findings);
        }
        return findings;
    }

    private List<Build> builds() {
        List<Build> builds = new ArrayList<>();
        for (ReaderFile f : files) {
            if (f.kind() != FileKind.COMPOSE || root(f.path()).isEmpty()) {
                continue;
            }
            for (Node document : StrictYaml.parse(f.text()).documents()) {
                Optional<Node> services = StrictYaml.get(document, "services");
                if (services.isEmpty() || !(services.get() instanceof MappingNode)) {
                    continue;
                }
                for (Map.Entry<String, NodeTuple> s : StrictYaml.entries(services.get()).entrySet()) {
                    Optional<Node> build = StrictYaml.get(s.getValue().getValueNode(), "build");
                    if (build.isEmpty()) {
                        continue;
                    }
                    Node node = build.get();
                    String image = StrictYaml.get(s.getValue().getValueNode(), "image").flatMap(StrictYaml::scalar).orElse("").strip();
                    if (node instanceof ScalarNode scalar) {
                        builds.add(new Build(f, s.getKey(), StrictYaml.line(node), scalar.getValue().strip(), "Dockerfile", image));
                    } else if (node instanceof MappingNode) {
                        if (StrictYaml.get(node, "dockerfile_inline").isPresent()) {
                            continue;
                        }
                        Optional<Node> context = StrictYaml.get(node, "context");
                        int line = context.map(StrictYaml::line).orElse(StrictYaml.line(s.getValue().getValueNode()));
                        builds.add(new Build(f, s.getKey(), line, context.flatMap(StrictYaml::scalar).orElse(".").strip(),
                            StrictYaml.get(node, "dockerfile").flatMap(StrictYaml::scalar).orElse("Dockerfile").strip(), image));
                    }
                }
            }
        }
        return builds;
    }

    private void check(Build b, List<Finding> findings) throws IOException {
        if (b.context().isEmpty() || b.context().contains("$") || b.context().matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")
                || b.context().startsWith("git@") || b.dockerfile().contains("$")) {
            return;
        }
        Path root = root(b.file().path()).orElseThrow();
        Optional<Path> found = context(b, root);
        if (found.isEmpty()) {
            return;
        }
        Path context = found.get();
        Path dockerfile = context.resolve(b.dockerfile()).normalize();
        if (!dockerfile.startsWith(root)) {
            return;
        }
        if (!Files.isRegularFile(dockerfile)) {
            if (!Files.exists(dockerfile) && context.equals(b.file().path().getParent().resolve(b.context()).normalize())) {
                String missing = "service '" + b.service() + "' is built from " + shown(context) + ", which holds no "
                    + b.dockerfile() + " (dockerfile: is read from the context): ";
                String fix = "name the Dockerfile relative to " + shown(context);
                if (b.image().isEmpty()) {
                    findings.add(new Finding(b.file().path(), b.line(), "doctor", Finding.Severity.ERROR, missing
                        + "docker compose build fails ('failed to read dockerfile'); " + fix));
                } else {
                    // With image: too, compose pulls that image and builds only when it is missing
                    // (Compose spec, build: "Consistency with image"): up works, a build does not.
                    findings.add(new Finding(b.file().path(), b.line(), "doctor", Finding.Severity.WARNING, missing
                        + "docker compose up uses image " + b.image() + ", but docker compose build or up --build fails"
                        + " ('failed to read dockerfile'); " + fix + ", or drop build: if the image is all you use"));
                }
            }
            return;
        }
        if (Files.size(dockerfile) > MAX_DOCKERFILE) {
            return;
        }
        String text = new String(Files.readAllBytes(dockerfile), StandardCharsets.UTF_8).replace("\r\n", "\n");
        // One finding per service: the first COPY that misses, and what the later ones miss too. A
        // build output (dist/, build/) may be made by a step the reader runs before the image
        // build, so a service that misses only such folders gets a warning.
        List<Copy> copies = copies(text);
        List<Missing> missing = new ArrayList<>();
        for (Copy copy : copies) {
            for (String source : copy.sources()) {
                if (!Files.exists(context.resolve(source))) {
                    missing.add(new Missing(copy, source));
                }
            }
        }
        List<Missing> certain = missing.stream().filter(m -> !GENERATED.contains(m.source().split("/")[0])).toList();
        List<Missing> told = certain.isEmpty() ? missing : certain;
        if (told.isEmpty()) {
            return;
        }
        Copy first = told.get(0).copy();
        List<String> here = told.stream().filter(m -> m.copy() == first).map(Missing::source).toList();
        List<String> later = told.stream().filter(m -> m.copy() != first).map(m -> "'" + m.source() + "' at line " + m.copy().line())
            .toList();
        String what = "service '" + b.service() + "' is built from " + shown(context) + ", but " + shown(dockerfile) + ":"
            + first.line() + " " + first.instruction() + (here.size() == 1 ? " reads '" + here.get(0) + "', which is"
                : " reads '" + String.join("', '", here) + "', which are") + " not under that context"
            + (later.isEmpty() ? "" : " (nor are " + String.join(", ", later) + ")");
        String fix = suggestion(context, root, b.file().path().getParent(), told.stream().map(Missing::source).toList());
        if (certain.isEmpty()) {
            findings.add(new Finding(b.file().path(), b.line(), "doctor", Finding.Severity.WARNING, what
                + ": docker compose build fails ('not found') unless a step before it builds that output; " + fix));
        } else {
            findings.add(new Finding(b.file().path(), b.line(), "doctor", Finding.Severity.ERROR, what
                + ": docker compose build fails ('not found'); " + fix));
        }
    }

    /**
     * The context folder: relative to the compose file, or, for a file that is passed as a second
     * {@code -f} (upstream's collector file), relative to the folder of a compose file above it,
     * which is then the project folder. Empty when neither is on disk inside the named folder.
     */
    private Optional<Path> context(Build b, Path root) {
        List<Path> bases = new ArrayList<>();
        Path own = b.file().path().getParent();
        bases.add(own);
        for (ReaderFile f : files) {
            Path dir = f.path().getParent();
            if (f.kind() == FileKind.COMPOSE && !dir.equals(own) && own.startsWith(dir) && !bases.contains(dir)) {
                bases.add(dir);
            }
        }
        for (Path base : bases) {
            Path context = base.resolve(b.context()).normalize();
            if (context.startsWith(root) && Files.isDirectory(context)) {
                return Optional.of(context);
            }
        }
        return Optional.empty();
    }

    /** The fix: a folder above the context that holds every missing path, or the general advice. */
    private String suggestion(Path context, Path root, Path composeDir, List<String> missing) {
        for (Path up = context.getParent(); up != null && up.startsWith(root); up = up.getParent()) {
            Path candidate = up;
            if (missing.stream().allMatch(s -> Files.exists(candidate.resolve(s)))) {
                String relative = composeDir.relativize(candidate).toString().replace('\\', '/');
                return "they are under " + shown(candidate) + ": set context: " + (relative.isEmpty() ? "." : relative)
                    + " (and dockerfile: relative to it), or fix the paths in the Dockerfile";
            }
        }
        return "fix the path in the Dockerfile, or point context: at the folder that holds it";
    }

    /**
     * The COPY and ADD instructions of a Dockerfile and the plain context paths each reads:
     * continuation lines joined (with the {@code # escape=} character), flags dropped, and the
     * sources that cannot be judged without building left out.
     */
    static List<Copy> copies(String text) {
        String[] lines = text.split("\n", -1);
        char escape = '\\';
        for (String line : lines) {
            if (!line.startsWith("#")) {
                break;
            }
            Matcher m = ESCAPE.matcher(line);
            if (m.matches()) {
                escape = m.group(1).charAt(0);
            }
        }
        List<Copy> copies = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith("#")) {
                continue;
            }
            int first = i;
            StringBuilder instruction = new StringBuilder();
            String line = lines[i];
            while (line.stripTrailing().endsWith(String.valueOf(escape)) && i + 1 < lines.length) {
                String stripped = line.stripTrailing();
                instruction.append(stripped, 0, stripped.length() - 1).append(' ');
                do {
                    i++;
                } while (i + 1 < lines.length && lines[i].stripLeading().startsWith("#"));
                line = lines[i];
            }
            instruction.append(line);
            // A here-document's body is data, not instructions, even where a line reads COPY.
            Matcher here = HEREDOC.matcher(instruction);
            if (here.find()) {
                while (i + 1 < lines.length && !lines[i + 1].strip().equals(here.group(1))) {
                    i++;
                }
                i++;
            }
            Matcher m = INSTRUCTION.matcher(instruction.toString());
            if (m.matches()) {
                sources(m.group(1).toUpperCase(java.util.Locale.ROOT), m.group(2).strip())
                    .ifPresent(s -> copies.add(new Copy(first + 1, m.group(1).toUpperCase(java.util.Locale.ROOT), s)));
            }
        }
        return copies;
    }

    private static Optional<List<String>> sources(String instruction, String rest) {
        List<String> words = new ArrayList<>();
        String args = rest;
        while (args.startsWith("--")) {
            int space = args.indexOf(' ');
            String flag = space < 0 ? args : args.substring(0, space);
            if (flag.startsWith("--from")) {
                return Optional.empty();
            }
            args = space < 0 ? "" : args.substring(space + 1).strip();
        }
        if (args.startsWith("[")) {
            Matcher m = JSON_STRING.matcher(args);
            while (m.find()) {
                words.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
        } else {
            for (String w : args.split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        if (words.size() < 2 || words.stream().anyMatch(w -> w.startsWith("<<"))) {
            return Optional.empty();
        }
        List<String> sources = new ArrayList<>();
        for (String w : words.subList(0, words.size() - 1)) {
            if (plain(instruction, w)) {
                String s = w.replaceFirst("^/+", "").replaceFirst("^(\\./)+", "");
                sources.add(s.isEmpty() ? "." : s);
            }
        }
        return sources.isEmpty() ? Optional.empty() : Optional.of(sources);
    }

    /** A source whose presence the context alone decides. */
    private static boolean plain(String instruction, String source) {
        if (source.contains("$") || source.matches(".*[*?\\[].*") || source.contains("..") || source.contains("\\")) {
            return false;
        }
        return !(instruction.equals("ADD") && (source.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") || source.startsWith("git@")));
    }

    private Optional<Path> root(Path file) {
        return roots.stream().filter(file::startsWith).findFirst();
    }

    private String shown(Path path) {
        String relative = path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
        return (relative.isEmpty() ? "." : relative).replace('\\', '/') + (Files.isDirectory(path) ? "/" : "");
    }
}

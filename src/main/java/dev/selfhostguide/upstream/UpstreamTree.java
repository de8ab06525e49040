package dev.selfhostguide.upstream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The text files of one upstream repository at one commit, held in memory: read from a bare git
 * dir or a clone's {@code .git} with the {@code git} command ({@code ls-tree} once, then one
 * {@code cat-file --batch} for every blob), or from a plain folder as it is on disk. Matching,
 * discovery and diff then never spawn a process per file. Binary files and files over
 * {@link #MAX_FILE} bytes are left out: no fact lives in them.
 */
public final class UpstreamTree {

    static final long MAX_FILE = 2_000_000;
    private static final long TIMEOUT_SECONDS = 120;
    private static final List<String> SKIPPED_DIRS = List.of(".git", "node_modules", ".venv", "__pycache__");

    private final String commit;
    private final Map<String, String> files;

    private UpstreamTree(String commit, Map<String, String> files) {
        this.commit = commit;
        this.files = Collections.unmodifiableMap(files);
    }

    /** A tree built in memory, for tests of the code that reads trees. */
    static UpstreamTree of(String commit, Map<String, String> files) {
        return new UpstreamTree(commit, new TreeMap<>(files));
    }

    /**
     * The tree at {@code commit} of the repository in {@code dir} (a bare git dir, or a folder with
     * {@code .git}); with {@code commit} null, a plain folder's files as they are on disk.
     */
    public static UpstreamTree open(Path dir, String commit) throws UpstreamException {
        if (!Files.isDirectory(dir)) {
            throw new UpstreamException("no such folder: " + dir);
        }
        Path gitDir = gitDir(dir);
        if (gitDir == null) {
            if (commit != null) {
                throw new UpstreamException(dir + " is not a git repository, so it has no commit " + commit
                    + "; give a clone or a bare git dir");
            }
            return fromFolder(dir);
        }
        if (commit == null) {
            commit = "HEAD";
        }
        return fromGit(gitDir, commit);
    }

    /** The git dir of {@code dir}: itself when bare, its {@code .git} in a clone, or null. */
    static Path gitDir(Path dir) {
        if (Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))) {
            return dir;
        }
        Path dotGit = dir.resolve(".git");
        if (Files.isDirectory(dotGit) || Files.isRegularFile(dotGit)) {
            return dotGit;
        }
        return null;
    }

    /** The full commit id {@code rev} names in the repository of {@code dir}. */
    public static String resolve(Path dir, String rev) throws UpstreamException {
        Path gitDir = gitDir(dir);
        if (gitDir == null) {
            throw new UpstreamException(dir + " is not a git repository");
        }
        return resolveIn(gitDir, rev);
    }

    private static String resolveIn(Path gitDir, String rev) throws UpstreamException {
        if (!rev.matches("[A-Za-z0-9._/^~@{}-]+") || rev.startsWith("-")) {
            throw new UpstreamException("'" + rev + "' is not a commit name");
        }
        String out;
        try {
            out = new String(git(gitDir, List.of("rev-parse", "--verify", "--quiet", rev + "^{commit}"), null), StandardCharsets.UTF_8).trim();
        } catch (UpstreamException e) {
            out = "";
        }
        if (out.isEmpty()) {
            throw new UpstreamException("no commit " + rev + " in " + gitDir);
        }
        return out;
    }

    private static UpstreamTree fromGit(Path gitDir, String rev) throws UpstreamException {
        String commit = resolveIn(gitDir, rev);
        String listing = new String(git(gitDir, List.of("ls-tree", "-r", "-l", "-z", commit), null), StandardCharsets.UTF_8);
        List<String> paths = new ArrayList<>();
        StringBuilder request = new StringBuilder();
        for (String entry : listing.split("\0")) {
            // <mode> SP <type> SP <object> SP <size padded> TAB <path>
            int tab = entry.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String[] meta = entry.substring(0, tab).trim().split("\\s+");
            // a blob a partial clone lacks has size BAD; it is left out like a binary
            if (meta.length < 4 || !meta[1].equals("blob") || !meta[3].matches("[0-9]+") || Long.parseLong(meta[3]) > MAX_FILE) {
                continue;
            }
            paths.add(entry.substring(tab + 1));
            request.append(meta[2]).append('\n');
        }
        byte[] batch = git(gitDir, List.of("cat-file", "--batch"), request.toString().getBytes(StandardCharsets.US_ASCII));
        Map<String, String> files = new TreeMap<>();
        int at = 0;
        for (String path : paths) {
            int eol = indexOf(batch, (byte) '\n', at);
            if (eol < 0) {
                throw new UpstreamException("git cat-file ended early in " + gitDir);
            }
            String[] header = new String(batch, at, eol - at, StandardCharsets.US_ASCII).split(" ");
            if (header.length == 2 && header[1].equals("missing")) {
                // a partial clone lacks some blobs: those files are simply not in the tree
                at = eol + 1;
                continue;
            }
            if (header.length < 3) {
                throw new UpstreamException("git cat-file: unexpected answer '" + String.join(" ", header) + "'");
            }
            int size = Integer.parseInt(header[2]);
            int start = eol + 1;
            text(batch, start, size).ifPresent(t -> files.put(path, t));
            at = start + size + 1;
        }
        return new UpstreamTree(commit, files);
    }

    private static UpstreamTree fromFolder(Path dir) throws UpstreamException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path relative = dir.relativize(file);
                boolean skipped = false;
                for (Path part : relative) {
                    skipped |= SKIPPED_DIRS.contains(part.toString());
                }
                if (skipped || Files.size(file) > MAX_FILE) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                String path = relative.toString().replace('\\', '/');
                text(bytes, 0, bytes.length).ifPresent(t -> files.put(path, t));
            }
        } catch (IOException e) {
            throw new UpstreamException("cannot read " + dir + ": " + e.getMessage());
        }
        return new UpstreamTree("(work tree)", files);
    }

    private static Optional<String> text(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] == 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new String(bytes, from, length, StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Runs git on {@code gitDir} and returns its stdout; stderr's first line becomes the error. */
    static byte[] git(Path gitDir, List<String> args, byte[] input) throws UpstreamException {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + gitDir.toAbsolutePath(), "-c", "core.quotepath=off"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        try {
            Process process = builder.start();
            // stdout is drained on this thread; stdin is fed and stderr drained on others, so a large
            // answer never blocks a full pipe.
            Thread feeder = new Thread(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    if (input != null) {
                        in.write(input);
                    }
                } catch (IOException ignored) {
                    // git exited early; its exit code says why
                }
            });
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errors = new Thread(() -> drain(process.getErrorStream(), err));
            feeder.start();
            errors.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            drain(new BufferedInputStream(process.getInputStream()), out);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new UpstreamException("git " + args.get(0) + " took longer than " + TIMEOUT_SECONDS + " s in " + gitDir);
            }
            feeder.join();
            errors.join();
            if (process.exitValue() != 0) {
                String message = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("exit " + process.exitValue());
                throw new UpstreamException("git " + args.get(0) + " failed in " + gitDir + ": " + message);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UpstreamException("cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted while running git");
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process died; its exit code is reported
        }
    }

    /** The commit id, or {@code (work tree)} for a plain folder. */
    public String commit() {
        return commit;
    }

    public Map<String, String> files() {
        return files;
    }

    public Optional<String> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** Whether {@code path} is a folder of the tree (some file lies under it). */
    public boolean isFolder(String path) {
        String prefix = path.endsWith("/") ? path : path + "/";
        return files.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    /** The files under a folder, or the file itself. */
    public List<String> under(String path) {
        if (files.containsKey(path)) {
            return List.of(path);
        }
        String prefix = path.isEmpty() || path.endsWith("/") ? path : path + "/";
        return files.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
    }
}

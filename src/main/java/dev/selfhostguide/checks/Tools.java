package dev.selfhostguide.checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The external programs some checks run (bash, shellcheck, nginx, python3), found on PATH once.
 * A check whose program is missing skips that part; the runner says once per run how many blocks
 * went unchecked, so a missing program never passes silently and never floods the output.
 */
public final class Tools {

    /** What a program printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    /**
     * A program a check runs: its name on PATH, what a block misses without it (for the one line
     * per run that says so), and how to install it.
     */
    public record Program(String name, String unchecked, String install) { }

    private final List<Path> path;
    private final Map<String, Optional<Path>> found = new ConcurrentHashMap<>();
    /** Interpreters found behind launcher scripts on PATH (pyenv's shims), by the program's name. */
    private final Map<String, Path> behindLauncher = new ConcurrentHashMap<>();

    /** The PATH value as given, for what a check runs (a {@code run=safe} block). */
    private final String pathValue;

    private Tools(List<Path> path, String pathValue) {
        this.path = path;
        this.pathValue = pathValue;
    }

    /**
     * Looks programs up on {@code path} (a PATH value; none or empty: /usr/bin:/bin), plus /usr/sbin
     * and /sbin, where Debian puts nginx. The command's environment hands it its PATH: nothing
     * below the command line reads the process environment.
     */
    public static Tools onPath(String path) {
        String value = path == null || path.isBlank() ? "/usr/bin:/bin" : path;
        List<Path> dirs = new java.util.ArrayList<>();
        for (String dir : value.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir));
            }
        }
        dirs.add(Path.of("/usr/sbin"));
        dirs.add(Path.of("/sbin"));
        return new Tools(List.copyOf(dirs), value);
    }

    /** Looks programs up in exactly these folders; an empty list is a machine without any. */
    public static Tools on(List<Path> dirs) {
        return new Tools(List.copyOf(dirs), String.join(java.io.File.pathSeparator, dirs.stream().map(Path::toString).toList()));
    }

    /** The PATH value a program a check runs gets (a {@code run=safe} block). */
    public String path() {
        return pathValue;
    }

    public boolean has(Program program) {
        return find(program.name()).isPresent();
    }

    public Optional<Path> find(String program) {
        return found.computeIfAbsent(program, p -> path.stream()
            .map(dir -> dir.resolve(p))
            .filter(Files::isExecutable)
            .findFirst());
    }

    /**
     * What to start for {@code program}: the interpreter a launcher script on PATH was seen to run
     * ({@link #learn}), else what PATH holds.
     */
    public Optional<Path> executable(String program) {
        Path real = behindLauncher.get(program);
        return real != null ? Optional.of(real) : find(program);
    }

    /**
     * Remembers that {@code program} ran as {@code real} (python's {@code sys.executable}), when
     * what PATH holds is a script that starts another program: pyenv's shim costs about 0.35 s of
     * CPU per start, the interpreter itself about 0.09 s. A program PATH holds as a binary is
     * always started as found.
     */
    public void learn(String program, String real) {
        if (real == null || real.isBlank() || behindLauncher.containsKey(program)) {
            return;
        }
        Path path = Path.of(real);
        if (path.isAbsolute() && Files.isExecutable(path) && find(program).filter(Tools::isScript).isPresent()) {
            behindLauncher.put(program, path);
        }
    }

    private static boolean isScript(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs a program with the given standard input, killing it after {@code timeout}. Output is
     * read on the side so a chatty program cannot block on a full pipe.
     */
    public Result run(List<String> command, String stdin, Duration timeout, Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        try {
            Process process = builder.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread outReader = drain(process.getInputStream(), out);
            Thread errReader = drain(process.getErrorStream(), err);
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException closedEarly) {
                // the program exited without reading all its input; its exit code tells the rest
            }
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            outReader.join(2000);
            errReader.join(2000);
            return new Result(finished ? process.exitValue() : -1,
                out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), !finished);
        } catch (IOException e) {
            return new Result(-1, "", command.get(0) + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", command.get(0) + ": interrupted", false);
        }
    }

    private static Thread drain(InputStream stream, ByteArrayOutputStream sink) {
        Thread thread = new Thread(() -> {
            try (stream) {
                stream.transferTo(sink);
            } catch (IOException ignored) {
                // the process died; what was read so far is kept
            }
        }, "tool-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}

package dev.selfhostguide.cli;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a command runs with, instead of process-wide state: the folder it runs in, where it
 * prints, whether to print findings as GitHub annotations too, and the Asciidoctor runtime
 * (started on first use by whoever made the environment, who also closes it).
 */
public record Environment(Path directory, PrintStream out, PrintStream err, boolean github,
                          Supplier<AsciidoctorRuntime> runtime) {

    /** The process's streams and folder, with {@code runtime} as the Asciidoctor runtime. */
    public static Environment of(Supplier<AsciidoctorRuntime> runtime) {
        return new Environment(Path.of("").toAbsolutePath(), System.out, System.err,
            "true".equals(System.getenv("GITHUB_ACTIONS")), runtime);
    }

    /** The same, run as if started in {@code dir} (relative to the current folder). */
    public Environment in(Path dir) {
        return new Environment(directory.resolve(dir).toAbsolutePath().normalize(), out, err, github, runtime);
    }

    /** The same, printing to other streams. */
    public Environment printingTo(PrintStream out, PrintStream err) {
        return new Environment(directory, out, err, github, runtime);
    }

    Console console(boolean quiet) {
        return new Console(out, err, quiet, github);
    }

    /** A path the user typed, resolved against the folder the command runs in. */
    Path resolve(String path) {
        return directory.resolve(path).toAbsolutePath().normalize();
    }
}

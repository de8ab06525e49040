package dev.selfhostguide.cli;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.checks.Tools;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a command runs with, instead of process-wide state: the folder it runs in, where it
 * prints, its environment variables, the programs on their PATH, and the Asciidoctor runtime
 * (started on first use by whoever made the environment, who also closes it).
 *
 * <p>The one place that reads the process environment is {@link #of(Supplier)}; everything below
 * the command line gets what it needs from here (the checks their {@link Tools}, CI=true as
 * strictness, GITHUB_ACTIONS as annotations, SOURCE_DATE_EPOCH and the signing passphrase), so a
 * test can run a command with another PATH in the same JVM.
 */
public record Environment(Path directory, PrintStream out, PrintStream err, Map<String, String> variables, Tools tools,
                          Supplier<AsciidoctorRuntime> runtime) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** The process's streams, folder and environment variables, with {@code runtime} as the Asciidoctor runtime. */
    public static Environment of(Supplier<AsciidoctorRuntime> runtime) {
        return of(Path.of("").toAbsolutePath(), System.out, System.err, System.getenv(), runtime);
    }

    /** An environment with these variables; its programs are looked up on their PATH. */
    public static Environment of(Path directory, PrintStream out, PrintStream err, Map<String, String> variables,
                                 Supplier<AsciidoctorRuntime> runtime) {
        return new Environment(directory, out, err, variables, Tools.onPath(variables.get("PATH")), runtime);
    }

    /** The same, run as if started in {@code dir} (relative to the current folder). */
    public Environment in(Path dir) {
        return new Environment(directory.resolve(dir).toAbsolutePath().normalize(), out, err, variables, tools, runtime);
    }

    /** The same, printing to other streams. */
    public Environment printingTo(PrintStream out, PrintStream err) {
        return new Environment(directory, out, err, variables, tools, runtime);
    }

    /** Whether findings are also printed as GitHub workflow annotations (GITHUB_ACTIONS=true). */
    public boolean github() {
        return "true".equals(variables.get("GITHUB_ACTIONS"));
    }

    /** CI=true: a check that could not run for want of a program fails the run, as with --strict. */
    public boolean ci() {
        return "true".equals(variables.get("CI"));
    }

    Console console(boolean quiet) {
        return new Console(out, err, quiet, github());
    }

    /** A path the user typed, resolved against the folder the command runs in. */
    Path resolve(String path) {
        return directory.resolve(path).toAbsolutePath().normalize();
    }
}

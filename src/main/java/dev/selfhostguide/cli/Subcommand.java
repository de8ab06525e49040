package dev.selfhostguide.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** What every command of {@code guide} has: the environment it runs in and its console. Returns the exit code. */
abstract class Subcommand implements Callable<Integer> {

    @ParentCommand
    GuideCommand root;

    Environment env() {
        return root.environment();
    }

    /** {@code --strict}: a check that could not run for want of a program fails the run. */
    boolean strict() {
        return root.strict;
    }

    /** Whether a check that could not run for want of a program fails the run: {@code --strict}, or CI=true. */
    boolean failsOnMissingPrograms() {
        return strict() || env().ci();
    }

    /**
     * A path option as typed, resolved against the command's folder, or {@code fallback} when it
     * was not given. An empty value (an unset shell variable, {@code --out=}) is a usage error:
     * resolved, it would name the folder the command runs in.
     */
    static java.nio.file.Path pathOption(Environment env, String option, String value, java.nio.file.Path fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isBlank()) {
            throw new UsageException(option + " needs a value, and was given an empty one");
        }
        return env.resolve(value);
    }

    /** The time since {@code start} (a {@link System#nanoTime()}), as every command's summary line shows it: "4.2 s". */
    static String seconds(long start) {
        return String.format("%.1f s", (System.nanoTime() - start) / 1e9);
    }

    Console console() {
        return env().console(root.quiet);
    }
}

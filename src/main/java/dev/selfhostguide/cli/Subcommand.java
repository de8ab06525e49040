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

    Console console() {
        return env().console(root.quiet);
    }
}

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

    Console console() {
        return env().console(root.quiet);
    }
}

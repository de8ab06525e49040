package dev.selfhostguide.cli;

import java.util.List;

/** One subcommand of {@code guide}. */
interface Command {

    String name();

    /** One line for {@code guide --help}. */
    String summary();

    /** The whole of {@code guide NAME --help}. */
    String help();

    /** Runs the command; returns the exit code (0 ok, 1 content problems). Throws UsageException for 2. */
    int run(List<String> args, Console console) throws Exception;
}

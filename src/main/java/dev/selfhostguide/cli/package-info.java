/**
 * The command line, on picocli: {@code build}, {@code check}, {@code serve}, {@code bundle},
 * {@code doctor} and {@code completion}. A command is one {@code @Command} class extending
 * {@code Subcommand}, listed in {@code GuideCommand}; it gets an {@code Environment} (folder,
 * streams, environment variables and the programs on their PATH, Asciidoctor runtime; the only
 * reader of the process environment), asks the pipeline for a run and reports findings as
 * {@code file:line: [check] message}. Exit codes: 0 success, 1 content problems, 2 usage (one line).
 */
package dev.selfhostguide.cli;

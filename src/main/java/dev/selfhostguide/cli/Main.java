package dev.selfhostguide.cli;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.content.ContentException;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * {@code java -jar target/guide.jar COMMAND}: the command line, on picocli. Exit codes: 0 success,
 * 1 a content problem (each printed as file:line), 2 a usage error (one line).
 */
public final class Main {

    public static final int OK = 0;
    public static final int CONTENT = 1;
    public static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        // main owns this runtime and ends it by ending the process: tearing JRuby down first
        // would only add to every command's time.
        int code = run(Environment.of(new OwnedRuntime()), args);
        System.out.flush();
        System.err.flush();
        // JRuby and OrientDB leave non-daemon threads behind; the work is done, so leave now.
        System.exit(code);
    }

    /**
     * Runs one command in this process's folder and streams, with an Asciidoctor runtime started
     * when the command first needs one and closed when it is done. Never exits the JVM.
     */
    public static int run(String... args) {
        try (OwnedRuntime runtime = new OwnedRuntime()) {
            return run(Environment.of(runtime), args);
        }
    }

    /** Runs one command in {@code env}; the caller owns env's runtime. {@code -C DIR} before the command runs it in DIR. */
    public static int run(Environment env, String... args) {
        quietLibraries();
        CommandLine line = commandLine(env);
        if (args.length == 0) {
            line.usage(env.out());
            return USAGE;
        }
        return line.execute(args);
    }

    /** The whole command line of {@code guide} in {@code env}, ready to execute. */
    public static CommandLine commandLine(Environment env) {
        CommandLine line = new CommandLine(new GuideCommand(env));
        line.setOut(new java.io.PrintWriter(env.out(), true));
        line.setErr(new java.io.PrintWriter(env.err(), true));
        // The footers are written for 100 columns; picocli's 80 would break their lines mid-sentence.
        line.setUsageHelpWidth(100);
        line.setParameterExceptionHandler((e, args) -> {
            String name = e.getCommandLine().getCommandName();
            boolean sub = e.getCommandLine() != line;
            String message = firstLine(e.getMessage());
            if (!sub && e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                    && !unmatched.getUnmatched().get(0).startsWith("-")) {
                message = "unknown command '" + unmatched.getUnmatched().get(0) + "'. Commands: "
                    + String.join(", ", line.getSubcommands().keySet());
            }
            env.err().println("guide" + (sub ? " " + name : "") + ": " + message + " (see guide" + (sub ? " " + name : "") + " --help)");
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String name = cmd == line ? "guide" : "guide " + cmd.getCommandName();
            if (e instanceof UsageException) {
                env.err().println(name + ": " + e.getMessage() + " (see " + name + " --help)");
                return USAGE;
            }
            if (e instanceof ContentException c) {
                env.err().println(c.file() + (c.line() > 0 ? ":" + c.line() : "") + ": " + c.getMessage());
                return CONTENT;
            }
            // Unexpected: still one line, with the type so a bug report has something to go on.
            env.err().println(name + ": failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
            return CONTENT;
        });
        return line;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /**
     * OrientDB (inside JBake) and FreeMarker log through java.util.logging to the console; every
     * problem they report reaches the user as a finding instead, so their console output is off.
     */
    static void quietLibraries() {
        java.util.logging.LogManager.getLogManager().reset();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
        System.setProperty("org.freemarker.loggerLibrary", "none");
    }

    /** A runtime started on first use and closed by whoever made it: {@link #run(String...)}. */
    private static final class OwnedRuntime implements Supplier<AsciidoctorRuntime>, AutoCloseable {

        private AsciidoctorRuntime runtime;

        @Override
        public synchronized AsciidoctorRuntime get() {
            if (runtime == null) {
                runtime = AsciidoctorRuntime.start();
            }
            return runtime;
        }

        @Override
        public synchronized void close() {
            if (runtime != null) {
                runtime.close();
            }
        }
    }
}

package dev.selfhostguide.cli;

import dev.selfhostguide.content.ContentException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar target/guide.jar COMMAND}: build, check, and the commands later issues add.
 * Exit codes: 0 success, 1 a content problem (each printed as file:line), 2 a usage error.
 */
public final class Main {

    public static final int OK = 0;
    public static final int CONTENT = 1;
    public static final int USAGE = 2;

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command command : List.of(new BuildCommand(), new CheckCommand(), new ServeCommand(), new BundleCommand(),
                new PdfCommand(), new DoctorCommand())) {
            COMMANDS.put(command.name(), command);
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args);
        System.out.flush();
        System.err.flush();
        // JRuby and OrientDB leave non-daemon threads behind; the work is done, so leave now.
        System.exit(code);
    }

    private static final ThreadLocal<Path> DIRECTORY = ThreadLocal.withInitial(() -> Path.of(""));

    /** The folder the command runs in: the current one, or the one given with {@code -C DIR}. */
    static Path workingDirectory() {
        return DIRECTORY.get();
    }

    /**
     * Runs one command and returns its exit code; never exits the JVM (tests call this).
     * {@code -C DIR} before the command runs it as if started in DIR.
     */
    public static int run(String... args) {
        quietLibraries();
        if (args.length >= 2 && args[0].equals("-C")) {
            DIRECTORY.set(Path.of(args[1]));
            try {
                return run(Arrays.copyOfRange(args, 2, args.length));
            } finally {
                DIRECTORY.remove();
            }
        }
        boolean quiet = Arrays.asList(args).contains("--quiet") || Arrays.asList(args).contains("-q");
        Console console = new Console(System.out, System.err, quiet);
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            console.summary(usage());
            return args.length == 0 ? USAGE : OK;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            console.error("guide: unknown command '" + args[0] + "'. Commands: " + String.join(", ", COMMANDS.keySet()));
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            console.summary(command.help());
            return OK;
        }
        try {
            return command.run(rest, console);
        } catch (UsageException e) {
            console.error("guide " + command.name() + ": " + e.getMessage() + " (see guide " + command.name() + " --help)");
            return USAGE;
        } catch (ContentException e) {
            console.error(e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage());
            return CONTENT;
        } catch (Exception e) {
            // Unexpected: still one line, with the type so a bug report has something to go on.
            console.error("guide " + command.name() + ": failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
            return CONTENT;
        }
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

    static String usage() {
        StringBuilder text = new StringBuilder("""
            Usage: java -jar target/guide.jar [-C DIR] COMMAND [OPTIONS]

            Bakes and checks the AgentOps self-hosting guide.

            Commands:
            """);
        COMMANDS.values().forEach(c -> text.append(String.format("  %-8s %s%n", c.name(), c.summary())));
        text.append("""

            -C DIR runs the command as if started in DIR (the folder with jbake.properties).
            Run 'guide COMMAND --help' for a command's options.
            Exit codes: 0 success, 1 content problems (printed as file:line: [check] message), 2 usage error.""");
        return text.toString();
    }
}

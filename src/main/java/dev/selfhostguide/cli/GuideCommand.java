package dev.selfhostguide.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code guide}: the root of the command line. A new command is one class annotated with
 * {@code @Command} (extending {@link Subcommand}) and its name in {@code subcommands} below.
 */
@Command(name = "java -jar target/guide.jar", mixinStandardHelpOptions = false,
    description = "Bakes and checks the AgentOps self-hosting guide.",
    subcommands = {BuildCommand.class, CheckCommand.class, ServeCommand.class, BundleCommand.class, PdfCommand.class, DoctorCommand.class,
        UpstreamCommand.class, FactsCommand.class, CompletionCommand.class},
    footer = {"", "Run 'guide COMMAND --help' for a command's options.",
        "Exit codes: 0 success, 1 content problems (printed as file:line: [check] message), 2 usage error."})
final class GuideCommand implements Runnable {

    private final Environment environment;

    @Option(names = "-C", paramLabel = "DIR", description = "run the command as if started in DIR (the folder with jbake.properties)")
    Path directory;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "print only problems and the closing summary line")
    boolean quiet;

    @Option(names = "--strict", scope = ScopeType.INHERIT,
        description = "a block left unchecked because a program is missing fails the run (CI=true does so anyway)")
    boolean strict;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "show this help")
    boolean help;

    GuideCommand(Environment environment) {
        this.environment = environment;
    }

    /** The environment, in the folder given with {@code -C}. */
    Environment environment() {
        if (directory == null) {
            return environment;
        }
        Path dir = environment.directory().resolve(directory);
        if (!java.nio.file.Files.isDirectory(dir)) {
            // Never fall back to the folder we are in: the project would be found from the wrong place.
            throw new UsageException("-C " + Printable.of(directory.toString()) + ": no such folder");
        }
        return environment.in(directory);
    }

    @Override
    public void run() {
        throw new UsageException("name a command");
    }
}

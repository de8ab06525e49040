package dev.selfhostguide.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code guide completion}: a bash/zsh completion script for every command and option, generated from the command line itself. */
@Command(name = "completion",
    description = "print a bash/zsh completion script (source <(./guide completion))",
    footer = {"", "Exit codes: 0 printed, 2 usage error."})
final class CompletionCommand extends Subcommand {

    @Override
    public Integer call() {
        // The launcher is what people type; the root's name is the jar's longer spelling, for the help.
        CommandLine guide = Main.commandLine(env());
        guide.setCommandName("guide");
        String script = AutoComplete.bash("guide", guide);
        env().out().print(script);
        env().out().flush();
        return Main.OK;
    }
}

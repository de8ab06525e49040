package dev.selfhostguide.cli;

import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.io.PrintStream;
import java.util.List;

/**
 * What the tool prints. Findings go to stderr as {@code file:line: [check] message}, one line each;
 * under GitHub Actions they are also printed as workflow annotations.
 */
final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final boolean github;

    Console(PrintStream out, PrintStream err, boolean quiet, boolean github) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.github = github;
    }

    /** GitHub's workflow-command escaping for the message part. */
    private static String escape(String message) {
        return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    void info(String line) {
        if (!quiet) {
            out.println(line);
        }
    }

    /** The closing line of a command, printed even with --quiet. */
    void summary(String line) {
        out.println(line);
    }

    void error(String line) {
        err.println(line);
    }

    void findings(List<Finding> findings, Project project) {
        for (Finding f : findings) {
            err.println(Printable.of(f.format(project.root())));
            if (github) {
                String file = project.show(f.file());
                String kind = f.isError() ? "error" : "warning";
                err.println("::" + kind + " file=" + file + (f.line() > 0 ? ",line=" + f.line() : "")
                    + ",title=" + f.check() + "::" + escape(f.message()));
            }
        }
    }
}

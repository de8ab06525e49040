package dev.selfhostguide.cli;

import dev.selfhostguide.bake.Editions;
import dev.selfhostguide.checks.CheckRunner;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.pipeline.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code guide check [FILE...]}: convert and check pages without writing any HTML. */
@Command(name = "check",
    description = "check every snippet (or those of the given pages) without writing HTML",
    footer = {"", "Converts the pages in memory and runs every snippet check; writes no HTML. With pages",
        "given, only those are converted (cross-snippet checks then see only their snippets).",
        "Prints a table of blocks per check: passed, failed and opted out.", "",
        "Exit codes: 0 all passed, 1 problems (file:line: [check] message), 2 usage error."})
final class CheckCommand extends Subcommand {

    @Parameters(paramLabel = "PAGE.adoc", arity = "0..*", description = "pages to check (default: every page)")
    List<String> operands = new ArrayList<>();

    @Override
    public Integer call() {
        Environment env = env();
        Console console = console();
        Project project = Project.find(env.directory());
        List<Path> pages = new ArrayList<>();
        for (String operand : operands) {
            Path page = env.resolve(operand);
            if (!Files.isRegularFile(page)) {
                throw new UsageException("no such page: " + operand);
            }
            if (!page.startsWith(project.content().toAbsolutePath().normalize()) || !page.toString().endsWith(".adoc")) {
                throw new UsageException(operand + " is not a page of this guide: check takes .adoc files under " + project.show(project.content()));
            }
            pages.add(page);
        }
        // A page is checked with its other edition, so the parity gate sees both sides.
        for (Path page : List.copyOf(pages)) {
            Editions.counterpart(project.content(), page)
                .filter(Files::isRegularFile).filter(p -> !pages.contains(p)).ifPresent(pages::add);
        }
        long start = System.nanoTime();
        Pipeline.Outcome outcome = new Pipeline(env.runtime().get(), env.tools(), failsOnMissingPrograms()).run(Request.check(project, pages));
        if (outcome.report() != null) {
            printTable(outcome.report(), console);
        }
        console.findings(outcome.findings(), project);
        long errors = outcome.errors();
        String seconds = seconds(start);
        console.summary((errors > 0 ? "check failed: " + errors + " problem" + (errors == 1 ? "" : "s") : "check passed")
            + " in " + outcome.pages().size() + " pages, " + outcome.snippets().size() + " snippets (" + seconds + ")");
        return errors > 0 ? Main.CONTENT : Main.OK;
    }

    private static void printTable(CheckRunner.Report report, Console console) {
        console.info(String.format("%-16s %7s %7s %7s", "check", "blocks", "passed", "failed"));
        for (CheckRunner.Tally t : report.tallies()) {
            console.info(String.format("%-16s %7d %7d %7d", t.check(), t.blocks(), t.passed(), t.failed()));
        }
        console.info(String.format("%-16s %7d", "opted out", report.optedOut()));
    }
}

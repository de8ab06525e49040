package dev.selfhostguide.cli;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.bake.Bake;
import dev.selfhostguide.checks.CheckRunner;
import dev.selfhostguide.checks.GuideChecks;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code guide check [FILE...]}: convert and check pages without writing any HTML. */
final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "check every snippet (or those of the given pages) without writing HTML";
    }

    @Override
    public String help() {
        return """
            Usage: java -jar target/guide.jar check [--quiet] [PAGE.adoc...]

            Converts the pages in memory and runs every snippet check; writes no HTML. With pages
            given, only those are converted (cross-snippet checks then see only their snippets).
            Prints a table of blocks per check: passed, failed and opted out.

              -q, --quiet   print only problems and the closing summary line
              -h, --help    this text

            Exit codes: 0 all passed, 1 problems (file:line: [check] message), 2 usage error.""";
    }

    @Override
    public int run(List<String> args, Console console) throws Exception {
        Arguments arguments = new Arguments(args, Set.of("--quiet", "--help"), Set.of());
        Project project = Project.find(Main.workingDirectory());
        List<Path> pages = new ArrayList<>();
        for (String operand : arguments.operands()) {
            Path page = Main.workingDirectory().resolve(operand).toAbsolutePath().normalize();
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
            dev.selfhostguide.bake.Editions.counterpart(project.content(), page)
                .filter(Files::isRegularFile).filter(p -> !pages.contains(p)).ifPresent(pages::add);
        }
        long start = System.nanoTime();
        try (AsciidoctorRuntime runtime = AsciidoctorRuntime.shared()) {
            Bake.Result surveyed = new Bake(project, runtime).survey(pages, page -> { });
            List<Finding> findings = new ArrayList<>(surveyed.findings());
            CheckRunner.Report report = null;
            if (surveyed.catalog() != null) {
                report = GuideChecks.standard().run(project.content(), surveyed.catalog(), surveyed.pages(),
                    surveyed.snippets());
                findings.addAll(report.findings());
                printTable(report, console);
            }
            console.findings(findings, project);
            long errors = findings.stream().filter(Finding::isError).count();
            String seconds = String.format("%.1f s", (System.nanoTime() - start) / 1e9);
            console.summary((errors > 0 ? "check failed: " + errors + " problem" + (errors == 1 ? "" : "s") : "check passed")
                + " in " + surveyed.pages().size() + " pages, " + surveyed.snippets().size() + " snippets (" + seconds + ")");
            return errors > 0 ? Main.CONTENT : Main.OK;
        }
    }

    private static void printTable(CheckRunner.Report report, Console console) {
        console.info(String.format("%-16s %7s %7s %7s", "check", "blocks", "passed", "failed"));
        for (CheckRunner.Tally t : report.tallies()) {
            console.info(String.format("%-16s %7d %7d %7d", t.check(), t.blocks(), t.passed(), t.failed()));
        }
        console.info(String.format("%-16s %7d", "opted out", report.optedOut()));
    }
}

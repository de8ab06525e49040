package dev.selfhostguide.cli;

import dev.selfhostguide.bake.OutputGuard;
import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pipeline.Pipeline;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guide build}: bake the site, check every snippet, and publish the site only if all passed. */
@Command(name = "build", sortOptions = false,
    description = "bake content/ into target/site and check every snippet",
    footer = {"", "Bakes content/ with templates/ into target/site (or DIR), marks external links, writes the",
        "search index (search-index.js), then runs every snippet check.",
        "The site is written to a staging folder and swapped into place only when nothing failed,",
        "so a failed build leaves the last good site as it was.", "",
        "Exit codes: 0 built, 1 content problems (file:line: [check] message), 2 usage error."})
final class BuildCommand extends Subcommand {

    @Option(names = "--out", paramLabel = "DIR", description = "write the site to DIR instead of target/site")
    String out;

    @Option(names = "--no-checks", description = "skip the snippet checks (Asciidoctor, template and link errors still fail)")
    boolean noChecks;

    @Override
    public Integer call() throws Exception {
        Environment env = env();
        Console console = console();
        long start = System.nanoTime();
        Project project = Project.find(env.directory());
        Path destination = pathOption(env, "--out", out, project.site());
        OutputGuard.siteDestination(project, destination).ifPresent(why -> {
            throw new UsageException("--out: " + why);
        });
        Path staging = SiteOutput.staging(destination);
        boolean published = false;
        try {
            Pipeline.Outcome outcome = SiteRun.run(env, console, project, staging, !noChecks, failsOnMissingPrograms());
            long errors = outcome.errors();
            String seconds = seconds(start);
            if (errors > 0) {
                console.summary("build failed: " + errors + " problem" + (errors == 1 ? "" : "s") + " in "
                    + outcome.pages().size() + " pages; " + project.show(destination) + " was left as it was (" + seconds + ")");
                return Main.CONTENT;
            }
            SiteOutput.publish(staging, destination);
            published = true;
            console.summary("built " + outcome.pages().size() + " pages, " + outcome.snippets().size() + " snippets"
                + (outcome.report() == null ? " (not checked)" : " checked") + " into " + project.show(destination) + " in " + seconds);
            return Main.OK;
        } finally {
            if (!published) {
                SiteOutput.delete(staging);
            }
        }
    }
}

package dev.selfhostguide.cli;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.bake.Bake;
import dev.selfhostguide.bake.OutputGuard;
import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.checks.CheckRunner;
import dev.selfhostguide.content.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code guide build}: bake the site, check every snippet, and publish the site only if all passed. */
final class BuildCommand implements Command {

    @Override
    public String name() {
        return "build";
    }

    @Override
    public String summary() {
        return "bake content/ into target/site and check every snippet";
    }

    @Override
    public String help() {
        return """
            Usage: java -jar target/guide.jar build [--out DIR] [--no-checks] [--quiet]

            Bakes content/ with templates/ into target/site (or DIR), marks external links, writes the
            search index (search-index.js), then runs every snippet check.
            The site is written to a staging folder and swapped into place only when nothing failed,
            so a failed build leaves the last good site as it was.

              --out DIR     write the site to DIR instead of target/site
              --no-checks   skip the snippet checks (Asciidoctor, template and link errors still fail)
              -q, --quiet   print only problems and the closing summary line
              -h, --help    this text

            Exit codes: 0 built, 1 content problems (file:line: [check] message), 2 usage error.""";
    }

    @Override
    public int run(List<String> args, Console console) throws Exception {
        Arguments arguments = new Arguments(args, Set.of("--no-checks", "--quiet", "--help"), Set.of("--out"));
        if (!arguments.operands().isEmpty()) {
            throw new UsageException("build takes no files: " + arguments.operands());
        }
        long start = System.nanoTime();
        Project project = Project.find(Main.workingDirectory());
        Path destination = arguments.has("--out") ? Main.workingDirectory().resolve(arguments.get("--out", "")).toAbsolutePath().normalize()
            : project.site();
        OutputGuard.siteDestination(project, destination).ifPresent(why -> {
            throw new UsageException("--out: " + why);
        });
        try (AsciidoctorRuntime runtime = AsciidoctorRuntime.shared()) {
            Path staging = SiteOutput.staging(destination);
            boolean published = false;
            try {
                SiteBuild.Outcome outcome = SiteBuild.run(project, runtime, staging, !arguments.has("--no-checks"), console);
                Bake.Result baked = outcome.baked();
                CheckRunner.Report report = outcome.report();
                long errors = outcome.errors();
                String seconds = String.format("%.1f s", (System.nanoTime() - start) / 1e9);
                if (errors > 0) {
                    console.summary("build failed: " + errors + " problem" + (errors == 1 ? "" : "s") + " in "
                        + baked.pages().size() + " pages; " + project.show(destination) + " was left as it was (" + seconds + ")");
                    return Main.CONTENT;
                }
                SiteOutput.publish(staging, destination);
                published = true;
                console.summary("built " + baked.pages().size() + " pages, " + baked.snippets().size() + " snippets"
                    + (report == null ? " (not checked)" : " checked") + " into " + project.show(destination) + " in " + seconds);
                return Main.OK;
            } finally {
                if (!published) {
                    SiteOutput.delete(staging);
                }
            }
        }
    }
}

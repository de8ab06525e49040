package dev.selfhostguide.cli;

import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.upstream.Clones;
import dev.selfhostguide.upstream.Discovery;
import dev.selfhostguide.upstream.FactCatalog;
import dev.selfhostguide.upstream.Inventory;
import dev.selfhostguide.upstream.UpstreamDiff;
import dev.selfhostguide.upstream.UpstreamException;
import dev.selfhostguide.upstream.UpstreamTree;
import dev.selfhostguide.upstream.Usages;
import dev.selfhostguide.upstream.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code guide upstream verify|discover|diff}: the catalog held to local clones of the pinned
 * upstream repositories. Reads only what is on disk.
 */
@Command(name = "upstream", sortOptions = false,
    description = "verify the catalog's facts against local clones of upstream; discover and diff upstream changes",
    subcommands = {UpstreamCommand.Verify.class, UpstreamCommand.Discover.class, UpstreamCommand.Diff.class},
    footer = {"", "NAME is a source of content/data/upstream.yml (agentops, litellm, ...); DIR a clone, a bare git dir",
        "or, for verify and discover without --at, a plain folder. Nothing is fetched.", "",
        "Exit codes: 0 nothing missing, 1 a fact is missing (file:line: [upstream] message), 2 usage error."})
final class UpstreamCommand extends Subcommand {

    @Override
    public Integer call() {
        throw new UsageException("name a subcommand: verify, discover or diff");
    }

    /** What the three subcommands share: the clones they read and the catalog they hold to them. */
    abstract static class Part implements Callable<Integer> {

        @ParentCommand
        UpstreamCommand parent;

        @Option(names = "--repo", paramLabel = "NAME=DIR", description = "a local clone of a source (repeatable)")
        Map<String, String> repo = new LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            Environment env = parent.env();
            Console console = parent.console();
            Project project = Project.find(env.directory());
            FactCatalog catalog = FactCatalog.load(project.data());
            if (!catalog.problems().isEmpty()) {
                console.findings(catalog.problems(), project);
                console.summary("upstream: " + catalog.problems().size() + " problem(s) in the evidence of content/data");
                return Main.CONTENT;
            }
            Map<String, Path> repos = new LinkedHashMap<>();
            repo.forEach((name, dir) -> {
                if (name.isBlank() || dir.isBlank()) {
                    throw new UsageException("--repo needs NAME=DIR");
                }
                repos.put(name, env.resolve(dir));
            });
            try {
                return run(catalog, repos, project, console);
            } catch (UpstreamException e) {
                console.error("guide upstream: " + e.getMessage());
                return Main.USAGE;
            }
        }

        abstract int run(FactCatalog catalog, Map<String, Path> repos, Project project, Console console) throws UpstreamException;
    }

    @Command(name = "verify", description = "each fact of content/data/*.yml against its evidence at the pinned commit:"
        + " verified, moved (found only in other files: a warning, an error with --strict) or missing (an error)")
    static final class Verify extends Part {
        @Option(names = "--at", paramLabel = "COMMIT", description = "verify at this commit instead of the pin")
        String at;

        @Override
        int run(FactCatalog catalog, Map<String, Path> repos, Project project, Console console) throws UpstreamException {
            // The command line's --strict: here a moved fact fails too.
            return verify(catalog, repos, at, parent.strict(), project, console);
        }
    }

    @Command(name = "discover", description = "what upstream's tree declares that the catalog does not know, and what the"
        + " catalog knows that upstream no longer has, with the pages that use each")
    static final class Discover extends Part {
        @Option(names = "--at", paramLabel = "COMMIT", description = "discover at this commit instead of the pin")
        String at;

        @Override
        int run(FactCatalog catalog, Map<String, Path> repos, Project project, Console console) throws UpstreamException {
            return discover(catalog, repos, at, project, console);
        }
    }

    @Command(name = "diff", description = "the inventory compared between two commits of one clone, in the catalog's terms,"
        + " with the pages and blocks each change touches")
    static final class Diff extends Part {
        @Option(names = "--from", paramLabel = "A", description = "the older commit")
        String from;

        @Option(names = "--to", paramLabel = "B", description = "the newer commit")
        String to;

        @Override
        int run(FactCatalog catalog, Map<String, Path> repos, Project project, Console console) throws UpstreamException {
            return diff(catalog, repos, from, to, project, console);
        }
    }

    private static int verify(FactCatalog catalog, Map<String, Path> repos, String at, boolean strict, Project project, Console console)
            throws UpstreamException {
        if (repos.isEmpty()) {
            throw new UsageException("verify needs at least one --repo NAME=DIR");
        }
        long start = System.nanoTime();
        Clones clones = Clones.open(catalog, repos, at);
        List<Verifier.Result> results = new Verifier(catalog, clones).verify();
        Map<Verifier.Status, Integer> counts = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Verifier.Result result : results) {
            counts.merge(result.status(), 1, Integer::sum);
            result.finding(strict).ifPresent(findings::add);
            for (String warning : result.warnings()) {
                findings.add(new Finding(result.fact().file(), result.fact().line(), FactCatalog.CHECK, Finding.Severity.WARNING, warning));
            }
            if (result.status() == Verifier.Status.VERIFIED) {
                console.info(project.show(result.fact().file()) + ":" + result.fact().line() + ": [upstream] verified: "
                    + result.fact().kind() + " " + result.fact().name() + ": " + String.join("; ", result.found()));
            }
        }
        console.findings(findings, project);
        long errors = findings.stream().filter(Finding::isError).count();
        console.summary(String.format("upstream verify: %d facts: %d verified, %d moved, %d missing, %d not verified (no clone given), %d the guide's own in %s",
            results.size(), counts.getOrDefault(Verifier.Status.VERIFIED, 0), counts.getOrDefault(Verifier.Status.MOVED, 0),
            counts.getOrDefault(Verifier.Status.MISSING, 0), counts.getOrDefault(Verifier.Status.NOT_VERIFIED, 0),
            counts.getOrDefault(Verifier.Status.OWN, 0), seconds(start)));
        return errors > 0 ? Main.CONTENT : Main.OK;
    }

    private static UpstreamTree single(FactCatalog catalog, Map<String, Path> repos, String commit) throws UpstreamException {
        if (repos.size() != 1) {
            throw new UsageException("name exactly one --repo NAME=DIR");
        }
        Map.Entry<String, Path> repo = repos.entrySet().iterator().next();
        FactCatalog.Source source = catalog.sources().get(repo.getKey());
        if (source == null) {
            throw new UsageException("--repo " + repo.getKey() + ": no such source in content/data/upstream.yml");
        }
        String at = commit != null ? commit : source.commit().isEmpty() ? null : source.commit();
        return UpstreamTree.open(repo.getValue(), at);
    }

    private static int discover(FactCatalog catalog, Map<String, Path> repos, String at, Project project, Console console)
            throws UpstreamException {
        UpstreamTree tree = single(catalog, repos, at);
        Discovery.Report report = new Discovery(catalog, new Usages(project.content())).run(Inventory.of(tree, Inventory.Layout.of(catalog)));
        report.unknown().forEach(console::summary);
        report.gone().forEach(console::summary);
        console.summary("upstream discover at " + tree.commit() + ": " + report.unknown().size() + " unknown to the catalog, "
            + report.gone().size() + " gone upstream");
        return Main.OK;
    }

    private static int diff(FactCatalog catalog, Map<String, Path> repos, String fromCommit, String toCommit, Project project, Console console)
            throws UpstreamException {
        if (fromCommit == null || toCommit == null) {
            throw new UsageException("diff needs --from A and --to B");
        }
        UpstreamTree from = single(catalog, repos, fromCommit);
        UpstreamTree to = single(catalog, repos, toCommit);
        List<String> changes = new UpstreamDiff(new Usages(project.content())).diff(Inventory.of(from, Inventory.Layout.of(catalog)), Inventory.of(to, Inventory.Layout.of(catalog)));
        changes.forEach(console::summary);
        console.summary("upstream diff " + from.commit().substring(0, Math.min(12, from.commit().length())) + ".."
            + to.commit().substring(0, Math.min(12, to.commit().length())) + ": " + changes.size() + " change(s) in the catalog's terms");
        return Main.OK;
    }
}

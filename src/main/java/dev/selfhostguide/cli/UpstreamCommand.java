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
import java.util.Set;

/**
 * {@code guide upstream verify|discover|diff}: the catalog held to local clones of the pinned
 * upstream repositories. Reads only what is on disk.
 */
final class UpstreamCommand implements Command {

    @Override
    public String name() {
        return "upstream";
    }

    @Override
    public String summary() {
        return "verify the catalog's facts against local clones of upstream; discover and diff upstream changes";
    }

    @Override
    public String help() {
        return """
            Usage: java -jar target/guide.jar upstream verify   --repo NAME=DIR... [--at COMMIT] [--strict]
                   java -jar target/guide.jar upstream discover --repo NAME=DIR [--at COMMIT]
                   java -jar target/guide.jar upstream diff     --repo NAME=DIR --from A --to B

            NAME is a source of content/data/upstream.yml (agentops, litellm, ...); DIR a clone, a bare
            git dir or, for verify and discover without --at, a plain folder. Nothing is fetched.

              verify     each fact of content/data/*.yml against its evidence at the pinned commit:
                         verified, moved (the matcher is found only in other files: a warning, an
                         error with --strict) or missing (an error). Facts of repos without --repo
                         are reported as not verified.
              discover   what upstream's tree declares (variables the API, dashboard and compose
                         files read; compose services, ports, images, build contexts; collector
                         receivers, extensions and their endpoints) that the catalog does not know,
                         and what the catalog knows that upstream no longer has, with the pages
                         that use each
              diff       the same inventory compared between two commits of one clone, in the
                         catalog's terms, with the pages and blocks each change touches

              --repo NAME=DIR   a local clone of a source (repeatable)
              --at COMMIT       verify or discover at this commit instead of the pin
              --from, --to      the two commits of diff
              --strict          verify: a moved fact fails too
              -q, --quiet       print only problems and the summary line

            Exit codes: 0 nothing missing, 1 a fact is missing (file:line: [upstream] message), 2 usage error.""";
    }

    @Override
    public int run(List<String> args, Console console) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException("name a subcommand: verify, discover or diff");
        }
        String sub = args.get(0);
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        Map<String, Path> repos = repos(rest);
        Arguments arguments = new Arguments(rest, Set.of("--quiet", "--help", "--strict"), Set.of("--at", "--from", "--to"));
        if (!arguments.operands().isEmpty()) {
            throw new UsageException("unexpected argument '" + arguments.operands().get(0) + "'");
        }
        Path cwd = Main.workingDirectory().toAbsolutePath();
        Project project = Project.find(cwd);
        FactCatalog catalog = FactCatalog.load(project.data());
        if (!catalog.problems().isEmpty()) {
            console.findings(catalog.problems(), project);
            console.summary("upstream: " + catalog.problems().size() + " problem(s) in the evidence of content/data");
            return Main.CONTENT;
        }
        try {
            return switch (sub) {
                case "verify" -> verify(catalog, repos, arguments, project, console);
                case "discover" -> discover(catalog, repos, arguments, project, console);
                case "diff" -> diff(catalog, repos, arguments, project, console);
                default -> throw new UsageException("unknown subcommand '" + sub + "'; use verify, discover or diff");
            };
        } catch (UpstreamException e) {
            console.error("guide upstream " + sub + ": " + e.getMessage());
            return Main.USAGE;
        }
    }

    /** Takes every {@code --repo NAME=DIR} out of {@code args}. */
    private static Map<String, Path> repos(List<String> args) {
        Map<String, Path> repos = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            if (arg.equals("--repo")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--repo needs NAME=DIR");
                }
                value = args.remove(i + 1);
            } else if (arg.startsWith("--repo=")) {
                value = arg.substring("--repo=".length());
            } else {
                continue;
            }
            args.remove(i--);
            int eq = value.indexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
                throw new UsageException("--repo needs NAME=DIR, not '" + value + "'");
            }
            repos.put(value.substring(0, eq), Main.workingDirectory().toAbsolutePath().resolve(value.substring(eq + 1)).normalize());
        }
        return repos;
    }

    private static int verify(FactCatalog catalog, Map<String, Path> repos, Arguments arguments, Project project, Console console)
            throws UpstreamException {
        if (repos.isEmpty()) {
            throw new UsageException("verify needs at least one --repo NAME=DIR");
        }
        long start = System.nanoTime();
        Clones clones = Clones.open(catalog, repos, arguments.has("--at") ? arguments.get("--at", null) : null);
        List<Verifier.Result> results = new Verifier(catalog, clones).verify();
        boolean strict = arguments.has("--strict");
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
        console.summary(String.format("upstream verify: %d facts: %d verified, %d moved, %d missing, %d not verified (no clone given), %d the guide's own in %.1f s",
            results.size(), counts.getOrDefault(Verifier.Status.VERIFIED, 0), counts.getOrDefault(Verifier.Status.MOVED, 0),
            counts.getOrDefault(Verifier.Status.MISSING, 0), counts.getOrDefault(Verifier.Status.NOT_VERIFIED, 0),
            counts.getOrDefault(Verifier.Status.OWN, 0), (System.nanoTime() - start) / 1e9));
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

    private static int discover(FactCatalog catalog, Map<String, Path> repos, Arguments arguments, Project project, Console console)
            throws UpstreamException {
        UpstreamTree tree = single(catalog, repos, arguments.has("--at") ? arguments.get("--at", null) : null);
        Discovery.Report report = new Discovery(catalog, new Usages(project.content())).run(Inventory.of(tree, Inventory.Layout.of(catalog)));
        report.unknown().forEach(console::summary);
        report.gone().forEach(console::summary);
        console.summary("upstream discover at " + tree.commit() + ": " + report.unknown().size() + " unknown to the catalog, "
            + report.gone().size() + " gone upstream");
        return Main.OK;
    }

    private static int diff(FactCatalog catalog, Map<String, Path> repos, Arguments arguments, Project project, Console console)
            throws UpstreamException {
        if (!arguments.has("--from") || !arguments.has("--to")) {
            throw new UsageException("diff needs --from A and --to B");
        }
        UpstreamTree from = single(catalog, repos, arguments.get("--from", null));
        UpstreamTree to = single(catalog, repos, arguments.get("--to", null));
        List<String> changes = new UpstreamDiff(new Usages(project.content())).diff(Inventory.of(from, Inventory.Layout.of(catalog)), Inventory.of(to, Inventory.Layout.of(catalog)));
        changes.forEach(console::summary);
        console.summary("upstream diff " + from.commit().substring(0, Math.min(12, from.commit().length())) + ".."
            + to.commit().substring(0, Math.min(12, to.commit().length())) + ": " + changes.size() + " change(s) in the catalog's terms");
        return Main.OK;
    }
}

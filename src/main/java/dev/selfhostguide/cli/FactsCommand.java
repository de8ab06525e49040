package dev.selfhostguide.cli;

import dev.selfhostguide.content.Project;
import dev.selfhostguide.upstream.Clones;
import dev.selfhostguide.upstream.FactCatalog;
import dev.selfhostguide.upstream.FactsJson;
import dev.selfhostguide.upstream.UpstreamException;
import dev.selfhostguide.upstream.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guide facts --json}: the catalog as data, with evidence and, given clones, verification status. */
@Command(name = "facts", sortOptions = false,
    description = "print every upstream fact of content/data with its evidence and status, as JSON",
    footer = {"", "Every fact of content/data/*.yml (variables, ports, services, endpoints, images, LiteLLM keys,",
        "collector components, SDK keywords, insecure defaults) with its file, line, fields, evidence and",
        "status. With --repo each fact is verified as 'guide upstream verify' does; without, its status is",
        "\"not verified: no clone given\". The offline bundle carries the same file as facts.json.", "",
        "Exit codes: 0 printed, 1 the evidence in content/data is malformed, 2 usage error."})
final class FactsCommand extends Subcommand {

    @Option(names = "--json", description = "JSON output (the only format)")
    boolean json;

    @Option(names = "--repo", paramLabel = "NAME=DIR", description = "a local clone of a source of content/data/upstream.yml (repeatable)")
    Map<String, String> repo = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (!json) {
            throw new UsageException("say --json: JSON is the only output format");
        }
        Environment env = env();
        Console console = console();
        Map<String, Path> repos = new LinkedHashMap<>();
        repo.forEach((name, dir) -> repos.put(name, env.resolve(dir)));
        Project project = Project.find(env.directory());
        FactCatalog catalog = FactCatalog.load(project.data());
        if (!catalog.problems().isEmpty()) {
            console.findings(catalog.problems(), project);
            return Main.CONTENT;
        }
        List<Verifier.Result> results = null;
        if (!repos.isEmpty()) {
            try {
                results = new Verifier(catalog, Clones.open(catalog, repos, null)).verify();
            } catch (UpstreamException e) {
                console.error("guide facts: " + e.getMessage());
                return Main.USAGE;
            }
        }
        console.summary(FactsJson.of(catalog, results).stripTrailing());
        return Main.OK;
    }
}

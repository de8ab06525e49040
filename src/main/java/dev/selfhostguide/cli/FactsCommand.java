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
import java.util.Set;

/** {@code guide facts --json}: the catalog as data, with evidence and, given clones, verification status. */
final class FactsCommand implements Command {

    @Override
    public String name() {
        return "facts";
    }

    @Override
    public String summary() {
        return "print every upstream fact of content/data with its evidence and status, as JSON";
    }

    @Override
    public String help() {
        return """
            Usage: java -jar target/guide.jar facts --json [--repo NAME=DIR...]

            Prints every fact of content/data/*.yml (variables, ports, services, endpoints, images,
            LiteLLM keys, collector components, SDK keywords, insecure defaults) with its file, line,
            fields, evidence and status. With --repo, each fact is verified as 'guide upstream verify'
            does; without, its status is "not verified: no clone given". The offline bundle carries
            the same file as facts.json.

              --json            JSON output (the only format)
              --repo NAME=DIR   a local clone of a source of content/data/upstream.yml (repeatable)

            Exit codes: 0 printed, 1 the evidence in content/data is malformed, 2 usage error.""";
    }

    @Override
    public int run(List<String> args, Console console) throws Exception {
        List<String> rest = new ArrayList<>(args);
        Map<String, Path> repos = new LinkedHashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("--repo") || rest.get(i).startsWith("--repo=")) {
                String value = rest.get(i).startsWith("--repo=") ? rest.get(i).substring(7) : i + 1 < rest.size() ? rest.remove(i + 1) : "";
                rest.remove(i--);
                int eq = value.indexOf('=');
                if (eq <= 0 || eq == value.length() - 1) {
                    throw new UsageException("--repo needs NAME=DIR, not '" + value + "'");
                }
                repos.put(value.substring(0, eq), Main.workingDirectory().toAbsolutePath().resolve(value.substring(eq + 1)).normalize());
            }
        }
        Arguments arguments = new Arguments(rest, Set.of("--json", "--help", "--quiet"), Set.of());
        if (!arguments.has("--json")) {
            throw new UsageException("say --json: JSON is the only output format");
        }
        if (!arguments.operands().isEmpty()) {
            throw new UsageException("unexpected argument '" + arguments.operands().get(0) + "'");
        }
        Project project = Project.find(Main.workingDirectory().toAbsolutePath());
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

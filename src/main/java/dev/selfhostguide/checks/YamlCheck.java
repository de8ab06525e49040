package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every YAML block must load under strict rules (see {@link StrictYaml}): valid syntax, no
 * duplicate keys, no alias bombs, no absurd nesting, no tabs as indentation. Several documents
 * separated by {@code ---} are fine (Kubernetes manifests). Findings point at the snippet line
 * (and column) where the parser stopped, mapped to the line of the file the reader edits.
 */
public final class YamlCheck implements Check {

    public static final String ID = "yaml";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.YAML);
    }

    @Override
    public Role role() {
        return Role.SYNTAX;
    }

    @Override
    public Set<FileKind> serves() {
        return Set.of(FileKind.YAML, FileKind.COMPOSE, FileKind.LITELLM, FileKind.OTEL);
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.YAML, Map.of(), "name: agentops\nports: [8003, 3006]\n");
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.YAML, Map.of(), "name: agentops\nname: again\n", 2);
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        // Python's loaders (LiteLLM's PyYAML) keep the last of two equal keys; Go's yaml.v3, which
        // compose and the collector read with, refuses the file, so only there is a lossless one wrong.
        boolean lastWins = Origin.reader(snippet)
            && snippet.attribute("kind").map(k -> k.equals(FileKind.LITELLM.id()) || k.equals(FileKind.YAML.id())).orElse(false);
        String kind = snippet.attribute("kind").orElse("");
        for (StrictYaml.Problem problem : StrictYaml.parse(snippet.text()).problems()) {
            String where = problem.column() > 0 ? " (column " + problem.column() + ")" : "";
            String message = problem.message();
            if (problem.duplicate() && Origin.reader(snippet)) {
                message = duplicate(problem, kind);
            }
            if (lastWins && problem.lossless()) {
                findings.add(Finding.warning(snippet, problem.line(), ID, message + where));
            } else {
                findings.add(Finding.error(snippet, problem.line(), ID, message + where));
            }
        }
        return findings;
    }

    /**
     * A duplicate key in a reader's file, said as the program that reads it sees it: the LiteLLM
     * proxy loads its config with PyYAML's safe_load, whose mappings keep the last value of a key;
     * compose and the collector parse with Go's yaml.v3, which refuses the file.
     */
    private static String duplicate(StrictYaml.Problem problem, String kind) {
        String message = problem.message();
        String head = message.substring(0, message.indexOf(')') + 1);
        if (kind.equals(FileKind.LITELLM.id())) {
            return head + ": LiteLLM loads its config with PyYAML, which keeps this one (line " + problem.line()
                + ") and silently ignores the one at line " + problem.firstLine()
                + (problem.lossless() ? ", all of whose entries this one repeats; merge them into one"
                    : "; whatever that one sets and this one does not is lost, so merge them into one");
        }
        if (kind.equals(FileKind.COMPOSE.id()) || kind.equals(FileKind.OTEL.id())) {
            return head + ": " + (kind.equals(FileKind.COMPOSE.id()) ? "docker compose" : "the collector")
                + " parses with Go's yaml.v3, which refuses the file ('mapping key already defined'); merge them into one";
        }
        return message;
    }
}

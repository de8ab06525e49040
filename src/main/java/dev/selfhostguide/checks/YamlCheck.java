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
        boolean lastWins = snippet.attribute("origin").map("reader"::equals).orElse(false)
            && snippet.attribute("kind").map(k -> k.equals(FileKind.LITELLM.id()) || k.equals(FileKind.YAML.id())).orElse(false);
        for (StrictYaml.Problem problem : StrictYaml.parse(snippet.text()).problems()) {
            String where = problem.column() > 0 ? " (column " + problem.column() + ")" : "";
            if (lastWins && problem.lossless()) {
                findings.add(Finding.warning(snippet, problem.line(), ID, problem.message() + where));
            } else {
                findings.add(Finding.error(snippet, problem.line(), ID, problem.message() + where));
            }
        }
        return findings;
    }
}

package dev.selfhostguide.checks;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
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

    private static final Set<String> LANGUAGES = Set.of("yaml", "yml");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean appliesTo(Snippet snippet) {
        return LANGUAGES.contains(snippet.language().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        for (StrictYaml.Problem problem : StrictYaml.parse(snippet.text()).problems()) {
            String where = problem.column() > 0 ? " (column " + problem.column() + ")" : "";
            findings.add(Finding.error(snippet, problem.line(), ID, problem.message() + where));
        }
        return findings;
    }
}

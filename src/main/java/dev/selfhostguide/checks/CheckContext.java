package dev.selfhostguide.checks;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a check may look at besides its snippet: the upstream facts, every other snippet of the
 * same run (to check them against each other), the external tools of this machine, a scratch
 * folder for tools that need files, and the other checks, by what they read rather than by name.
 */
public record CheckContext(Catalog catalog, List<Snippet> allSnippets, Tools tools, Path scratch, CheckRegistry registry) {

    public CheckContext {
        allSnippets = List.copyOf(allSnippets);
    }

    /** A context whose other checks are the standard ones. */
    public CheckContext(Catalog catalog, List<Snippet> allSnippets, Tools tools, Path scratch) {
        this(catalog, allSnippets, tools, scratch, CheckRegistry.standard());
    }

    /**
     * What the syntax and rule checks for its language say about a file a block produces (the
     * .env a {@code run=safe} block writes), so one check can have another's verdict without
     * depending on it.
     */
    public List<Finding> checkAs(Snippet produced) {
        List<Finding> findings = new ArrayList<>();
        for (Check check : registry.all()) {
            if (check.role().covers() && check.appliesTo(produced)) {
                findings.addAll(check.check(produced, this));
            }
        }
        return findings;
    }
}

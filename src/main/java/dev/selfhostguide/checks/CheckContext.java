package dev.selfhostguide.checks;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.List;

/**
 * What a check may look at besides its snippet: the upstream facts, every other snippet of the
 * same run (to check them against each other), the external tools of this machine, and a scratch
 * folder for tools that need files.
 */
public record CheckContext(Catalog catalog, List<Snippet> allSnippets, Tools tools, Path scratch) {

    public CheckContext {
        allSnippets = List.copyOf(allSnippets);
    }
}

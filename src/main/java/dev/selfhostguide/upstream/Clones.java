package dev.selfhostguide.upstream;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local clones given on the command line ({@code --repo agentops=DIR}), opened at each pinned
 * source's commit. A clone serves every source of the same GitHub repository (agentops and
 * agentops-sdk are one clone at their own pins); {@code --at} moves those sources to another commit.
 */
public final class Clones {

    private final Map<String, UpstreamTree> trees;

    private Clones(Map<String, UpstreamTree> trees) {
        this.trees = trees;
    }

    public static Clones none() {
        return new Clones(Map.of());
    }

    /** Trees keyed by source key, for tests. */
    static Clones of(Map<String, UpstreamTree> trees) {
        return new Clones(Map.copyOf(trees));
    }

    /**
     * Opens {@code repos} (source key to folder) for every source of the same GitHub repository, at
     * {@code at} or, without it, at each source's pin. A source without a pinned commit is skipped.
     */
    public static Clones open(FactCatalog catalog, Map<String, Path> repos, String at) throws UpstreamException {
        Map<String, UpstreamTree> trees = new LinkedHashMap<>();
        Map<String, UpstreamTree> opened = new HashMap<>();
        for (Map.Entry<String, Path> given : repos.entrySet()) {
            FactCatalog.Source named = catalog.sources().get(given.getKey());
            if (named == null) {
                throw new UpstreamException("--repo " + given.getKey() + ": no such source in content/data/upstream.yml; sources are "
                    + String.join(", ", catalog.sources().keySet()));
            }
            for (FactCatalog.Source source : catalog.sources().values()) {
                if (!source.repo().equalsIgnoreCase(named.repo())) {
                    continue;
                }
                String commit = at != null ? at : source.commit();
                if (commit.isEmpty() && UpstreamTree.gitDir(given.getValue()) != null) {
                    continue;
                }
                String key = given.getValue().toAbsolutePath() + "@" + commit;
                UpstreamTree tree = opened.get(key);
                if (tree == null) {
                    tree = UpstreamTree.open(given.getValue(), commit.isEmpty() ? null : commit);
                    opened.put(key, tree);
                }
                trees.put(source.key(), tree);
            }
        }
        return new Clones(trees);
    }

    public Optional<UpstreamTree> tree(String source) {
        return Optional.ofNullable(trees.get(source));
    }

    public boolean isEmpty() {
        return trees.isEmpty();
    }
}

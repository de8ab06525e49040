package dev.selfhostguide.checks;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * What a check may look at besides its snippet: the upstream facts, every other snippet of the
 * same run (to check them against each other), the external tools of this machine, a scratch
 * folder for tools that need files, and the other checks, by what they read rather than by name.
 *
 * <p>One context serves one run, so it also holds what a check computes once for the whole run
 * ({@link #perRun}): that state ends with the run instead of living in a static field.
 */
public final class CheckContext {

    private final Catalog catalog;
    private final List<Snippet> allSnippets;
    private final Tools tools;
    private final Path scratch;
    private final CheckRegistry registry;
    private final Map<Class<?>, FutureTask<Object>> perRun = new ConcurrentHashMap<>();

    public CheckContext(Catalog catalog, List<Snippet> allSnippets, Tools tools, Path scratch, CheckRegistry registry) {
        this.catalog = catalog;
        this.allSnippets = List.copyOf(allSnippets);
        this.tools = tools;
        this.scratch = scratch;
        this.registry = registry;
    }

    /** A context whose other checks are the standard ones. */
    public CheckContext(Catalog catalog, List<Snippet> allSnippets, Tools tools, Path scratch) {
        this(catalog, allSnippets, tools, scratch, CheckRegistry.standard());
    }

    public Catalog catalog() {
        return catalog;
    }

    public List<Snippet> allSnippets() {
        return allSnippets;
    }

    public Tools tools() {
        return tools;
    }

    public Path scratch() {
        return scratch;
    }

    public CheckRegistry registry() {
        return registry;
    }

    /**
     * The one value of this type for this run, made on first use from this context; callers on
     * other threads wait for it rather than making their own.
     */
    public <T> T perRun(Class<T> type, Function<CheckContext, T> make) {
        // Made outside the map's lock: a batch takes seconds (one shellcheck or python3 over every
        // block), and computeIfAbsent would hold up another type's batch that hashes to the same bin.
        FutureTask<Object> task = perRun.computeIfAbsent(type, t -> new FutureTask<>(() -> make.apply(this)));
        task.run(); // does nothing when another thread already made it, or is making it
        try {
            return type.cast(task.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + type.getSimpleName(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
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

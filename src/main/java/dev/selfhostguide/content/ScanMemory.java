package dev.selfhostguide.content;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What one scan found for each of its inputs, kept for the next scan, so a scan of nearly the
 * same inputs (serve, after a one-page edit) does the work only for what changed. Each
 * {@link #next} starts a scan and forgets inputs the previous scan did not see; {@link #clear}
 * forgets everything, for when the rules the results depend on changed. Safe for the threads of
 * one scan; the owner starts scans one at a time.
 *
 * @param <K> an input, compared by value (a text, or a file's path and digest)
 * @param <V> what the scan found in it; never null
 */
public final class ScanMemory<K, V> {

    private volatile Map<K, V> last = Map.of();
    private volatile Map<K, V> now = new ConcurrentHashMap<>();

    /** Starts a scan: what the previous scan found stays known, anything older is forgotten. */
    public synchronized void next() {
        // Handed over, not copied: a serve rebuild's scan keeps some 24,000 pieces of the search index.
        last = now;
        now = new ConcurrentHashMap<>(Math.max(16, last.size() * 4 / 3 + 1));
    }

    /** Forgets everything: the next scan computes every input again. */
    public synchronized void clear() {
        last = Map.of();
        now = new ConcurrentHashMap<>();
    }

    /** What the previous scan found for {@code input}, or {@code scan}'s answer; kept for the next scan either way. */
    public V get(K input, Function<K, V> scan) {
        V known = last.get(input);
        V found = known != null ? known : scan.apply(input);
        now.put(input, found);
        return found;
    }
}

package dev.selfhostguide.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a function of a file's bytes gave when it last read the file, given again without reading
 * while the file cannot have changed: same size, modification time and file key (inode), and a
 * modification time far enough before that read that a later write would have moved it. serve's
 * site scans read every page, source and asset after each edit; this lets them read the one or
 * two files the edit changed.
 *
 * <p>The margin is git's "racily clean" rule: a file written in the same clock tick as it was
 * read could be written again in that tick, keep its time and its size, and look unchanged. The
 * tick is the file system's: where times carry a fraction of a second (ext4, xfs, btrfs, tmpfs,
 * APFS) 50 ms covers the kernel's coarse clock; where they are whole seconds (FAT keeps two, HFS+
 * one), two seconds do. A file the margin does not clear is read again.
 *
 * <p>Safe for the threads of one scan. {@code guide build} does not use it: each build reads
 * everything it checks.
 *
 * @param <V> what {@code read} makes of a file; may be null (a file the caller skips)
 */
public final class FileMemo<V> {

    /** What to make of a file's bytes. */
    @FunctionalInterface
    public interface Read<V> {
        V apply(Path file) throws IOException;
    }

    private static final long FINE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long COARSE_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(2);

    private record Stamp(long size, FileTime modified, Object key) {

        static Stamp of(Path file) throws IOException {
            // Through a symbolic link: what is read is the target, so the target's stamp is what can change.
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime(), a.fileKey());
        }

        /** Whether a write after {@code readAt} (nanoseconds of the epoch) must have changed this stamp. */
        boolean settledBefore(long readAt) {
            long modifiedAt = modified.to(TimeUnit.NANOSECONDS);
            long margin = modifiedAt % TimeUnit.SECONDS.toNanos(1) == 0 ? COARSE_MARGIN_NANOS : FINE_MARGIN_NANOS;
            return modifiedAt < readAt - margin;
        }
    }

    private record Known<V>(Stamp stamp, long readAt, V value) { }

    private final Read<V> read;
    private final Map<Path, Known<V>> known = new ConcurrentHashMap<>();

    public FileMemo(Read<V> read) {
        this.read = read;
    }

    /** {@code read}'s answer for {@code file}, from the last read while the file is unchanged. */
    public V get(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        // Taken before the stamp: a write between the two then shows as a newer time, not a stale value.
        long readAt = nowNanos();
        Stamp stamp = Stamp.of(key);
        Known<V> last = known.get(key);
        if (last != null && last.stamp().equals(stamp) && stamp.settledBefore(last.readAt())) {
            return last.value();
        }
        V value = read.apply(key);
        known.put(key, new Known<>(stamp, readAt, value));
        return value;
    }

    /** Forgets every file: the next {@link #get} of each reads it. */
    public void clear() {
        known.clear();
    }

    private static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }
}

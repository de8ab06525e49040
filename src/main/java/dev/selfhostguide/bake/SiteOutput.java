package dev.selfhostguide.bake;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a bake writes: a staging folder beside the destination, swapped into place only when the
 * whole build passed. A failed build deletes its staging folder and leaves the last good site.
 *
 * <p>Staging and old-site folders carry the id of the process that made them in their name
 * ({@code .site.staging-<pid>-<n>}), so the next run can tell the leftovers of a killed build from
 * the folders of a build still running beside it, and delete only the former. Everything published
 * is readable by the web server that serves it: files 0644, folders 0755, whatever the umask or
 * the temp-file API (0600/0700) gave them.
 */
public final class SiteOutput {

    private SiteOutput() {
    }

    private static final String STAGING = ".staging-";
    private static final String OLD = ".old-";
    /** A leftover from before names carried a process id is only removed once it is this old. */
    private static final java.time.Duration UNOWNED_AGE = java.time.Duration.ofMinutes(10);

    /**
     * A fresh, empty staging folder for {@code destination}, on the same file system. Staging and
     * old-site folders that earlier runs left (killed by SIGINT or SIGKILL) are removed first.
     */
    public static Path staging(Path destination) throws IOException {
        Path parent = destination.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        removeLeftovers(destination);
        return Files.createTempDirectory(parent, "." + destination.getFileName() + STAGING + ProcessHandle.current().pid() + "-");
    }

    /**
     * Deletes the staging and old-site folders of {@code destination} whose process is gone; a
     * folder of a process still running (a second build at the same time) is left alone.
     *
     * @return the folders removed
     */
    public static List<Path> removeLeftovers(Path destination) {
        Path parent = destination.toAbsolutePath().normalize().getParent();
        String base = java.util.regex.Pattern.quote("." + destination.getFileName());
        return removeAbandoned(parent, java.util.regex.Pattern.compile(base + "\\.(?:staging|old)-(?:(\\d+)-.+|[^-]+)"), true);
    }

    /**
     * Deletes the entries of {@code parent} whose whole name matches {@code names} and that a
     * process no longer running left: group 1 of {@code names}, when it matched, is the id of
     * the process that made the entry (never this one, nor one still alive); an entry named
     * without one is removed once it is ten minutes old. Folders are removed with what they hold;
     * files too unless {@code foldersOnly}.
     *
     * @return what was removed
     */
    public static List<Path> removeAbandoned(Path parent, java.util.regex.Pattern names, boolean foldersOnly) {
        List<Path> removed = new ArrayList<>();
        if (parent == null || !Files.isDirectory(parent)) {
            return removed;
        }
        try (Stream<Path> list = Files.list(parent)) {
            for (Path p : list.sorted().toList()) {
                java.util.regex.Matcher m = names.matcher(p.getFileName().toString());
                boolean folder = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                if (!m.matches() || !folder && (foldersOnly || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        || !abandoned(p, m.groupCount() > 0 ? m.group(1) : null)) {
                    continue;
                }
                if (folder) {
                    delete(p);
                } else {
                    Files.deleteIfExists(p);
                }
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    removed.add(p);
                }
            }
        } catch (IOException e) {
            // leftovers cost disk space only; the run goes on
        }
        return removed;
    }

    private static boolean abandoned(Path entry, String pid) {
        if (pid != null) {
            try {
                long id = Long.parseLong(pid);
                return id != ProcessHandle.current().pid() && ProcessHandle.of(id).map(h -> !h.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
                // not a name this tool made: fall through to its age
            }
        }
        try {
            return Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant()
                .isBefore(java.time.Instant.now().minus(UNOWNED_AGE));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Gives a published file 0644 and a published folder 0755 (and everything in it the same), so
     * a web server running as another user can read them. No-op where permissions are not POSIX.
     */
    public static void makeReadable(Path path) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(path, FILE_MODE);
            }
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(d, FOLDER_MODE);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.setPosixFilePermissions(file, FILE_MODE);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    /** Replaces {@code destination} with {@code staging} by renames, so readers never see half a site. */
    public static void publish(Path staging, Path destination) throws IOException {
        // Written last, so a bundle made from the staging folder does not carry it.
        Files.writeString(staging.resolve(OutputGuard.SITE_MARKER), "A site written by the AgentOps self-hosting guide tool;"
            + " the next build may replace this folder.\n");
        makeReadable(staging);
        // Another run may publish the same destination between our two renames (mvn package bundles
        // beside the tests, which bundle the same checkout): then a rename finds the folder gone or
        // back, and the swap is tried again. The last run to publish wins, as with runs in turn.
        List<Path> olds = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                if (Files.exists(destination)) {
                    Path old = Files.createTempDirectory(destination.toAbsolutePath().getParent(),
                        "." + destination.getFileName() + OLD + ProcessHandle.current().pid() + "-");
                    Files.delete(old);
                    move(destination, old);
                    olds.add(old);
                }
                move(staging, destination);
                break;
            } catch (java.nio.file.FileSystemException e) {   // ENOTEMPTY comes as a plain one
                if (attempt == PUBLISH_ATTEMPTS || !Files.isDirectory(staging)) {
                    throw e;
                }
            }
        }
        olds.forEach(SiteOutput::delete);
    }

    private static final int PUBLISH_ATTEMPTS = 10;

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a folder tree; used for staging folders of failed builds. */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a leftover staging folder is harmless: its name starts with a dot and the next build makes a new one
        }
    }
}

package dev.selfhostguide.bake;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a bake writes: a staging folder beside the destination, swapped into place only when the
 * whole build passed. A failed build deletes its staging folder and leaves the last good site.
 */
public final class SiteOutput {

    private SiteOutput() {
    }

    /** A fresh, empty staging folder for {@code destination}, on the same file system. */
    public static Path staging(Path destination) throws IOException {
        Path parent = destination.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "." + destination.getFileName() + ".staging-");
    }

    /** Replaces {@code destination} with {@code staging} by renames, so readers never see half a site. */
    public static void publish(Path staging, Path destination) throws IOException {
        // Written last, so a bundle made from the staging folder does not carry it.
        Files.writeString(staging.resolve(OutputGuard.SITE_MARKER), "A site written by the AgentOps self-hosting guide tool;"
            + " the next build may replace this folder.\n");
        Path old = null;
        if (Files.exists(destination)) {
            old = Files.createTempDirectory(destination.toAbsolutePath().getParent(), "." + destination.getFileName() + ".old-");
            Files.delete(old);
            move(destination, old);
        }
        move(staging, destination);
        if (old != null) {
            delete(old);
        }
    }

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

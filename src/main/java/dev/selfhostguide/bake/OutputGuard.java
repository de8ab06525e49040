package dev.selfhostguide.bake;

import dev.selfhostguide.content.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Decides whether a folder or file a user named may be replaced by the tool's output. Publishing a
 * site replaces its destination whole, so a destination that holds anything but a site this tool
 * wrote would be deleted: the project, its sources, the tool's own jar, the home folder.
 */
public final class OutputGuard {

    /** Left in every site this tool publishes; a folder with it may be replaced by the next build. */
    public static final String SITE_MARKER = ".agentops-guide-site";

    private OutputGuard() {
    }

    /**
     * Why {@code destination} may not receive a site, or empty when it may: it is absent, an empty
     * folder, a site this tool wrote, or the project's own {@code target/site}.
     */
    public static Optional<String> siteDestination(Project project, Path destination) {
        Path dest = real(destination);
        if (dest.equals(real(project.site()))) {
            return Optional.empty();
        }
        Optional<String> protectedPath = protectedPath(project, dest, "the site");
        if (protectedPath.isPresent()) {
            return protectedPath;
        }
        if (!Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(dest)) {
            return Optional.of(project.show(destination) + " is a file, not a folder; the site is a folder");
        }
        if (Files.isRegularFile(dest.resolve(SITE_MARKER)) || isEmpty(dest)) {
            return Optional.empty();
        }
        return Optional.of(project.show(destination) + " is not empty and is not a site this tool wrote (it has no "
            + SITE_MARKER + "); building would replace everything in it. Name an empty or new folder");
    }

    /**
     * Why {@code zip} may not receive a bundle, or empty when it may: it is absent or a bundle this
     * tool wrote (a zip with SHA256SUMS), and it lies outside the sources.
     */
    public static Optional<String> bundleFile(Project project, Path zip, String bundleEntry) {
        Path file = real(zip);
        Optional<String> protectedPath = protectedPath(project, file, "the bundle");
        if (protectedPath.isPresent()) {
            return protectedPath;
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            return Optional.of(project.show(zip) + " is a folder; --out names the zip file to write");
        }
        if (!isBundle(file, bundleEntry)) {
            return Optional.of(project.show(zip) + " exists and is not a bundle this tool wrote; it would be overwritten."
                + " Name a new file");
        }
        return Optional.empty();
    }

    /** The folders no output may replace or be written into, because the tool or the user's work lives there. */
    private static Optional<String> protectedPath(Project project, Path path, String what) {
        Path root = real(project.root());
        if (path.getParent() == null) {
            return Optional.of("refusing to write " + what + " to the file system root " + path);
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && path.equals(real(Path.of(home)))) {
            return Optional.of("refusing to replace the home folder " + path + " with " + what);
        }
        if (root.startsWith(path)) {
            return Optional.of("refusing to replace " + project.show(path) + ": it holds the guide's sources ("
                + project.show(project.root()) + ")");
        }
        if (path.equals(real(project.target()))) {
            return Optional.of("refusing to replace target/: it holds the tool itself (target/guide.jar)");
        }
        for (Path source : List.of(project.content(), project.templates(), project.root().resolve("src"), project.root().resolve(".git"))) {
            Path s = real(source);
            if (path.startsWith(s)) {
                return Optional.of("refusing to write " + what + " into " + project.show(source) + "/: it holds the guide's sources");
            }
        }
        return Optional.empty();
    }

    /** The path with every link in its existing part resolved, so a link cannot stand in for a protected folder. */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isBundle(Path file, String bundleEntry) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().endsWith("/" + bundleEntry));
        } catch (IOException e) {
            return false;
        }
    }
}

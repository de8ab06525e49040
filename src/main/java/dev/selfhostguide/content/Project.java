package dev.selfhostguide.content;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where a guide's sources are: the folder with jbake.properties, content/ and templates/. */
public record Project(Path root) {

    public Project {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * The project in {@code dir} or the first parent of it that has a jbake.properties; failing
     * that, the checkout the tool itself was built in (target/guide.jar), so the launcher works
     * from any folder while {@code doctor} still reads files relative to where it was started.
     */
    public static Project find(Path dir) {
        Path at = dir.toAbsolutePath().normalize();
        for (Path p = at; p != null; p = p.getParent()) {
            if (isProject(p)) {
                return new Project(p);
            }
        }
        try {
            Path jar = Path.of(Project.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path checkout = jar.getParent() == null ? null : jar.getParent().getParent();
            if (checkout != null && isProject(checkout)) {
                return new Project(checkout);
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // no code source (an unusual class loader): stay with the folder we were given
        }
        return new Project(at);
    }

    private static boolean isProject(Path p) {
        return Files.isRegularFile(p.resolve("jbake.properties")) && Files.isDirectory(p.resolve("content"));
    }

    public Path content() {
        return root.resolve("content");
    }

    public Path templates() {
        return root.resolve("templates");
    }

    public Path data() {
        return content().resolve("data");
    }

    public Path examples() {
        return content().resolve("examples");
    }

    public Path target() {
        return root.resolve("target");
    }

    public Path site() {
        return target().resolve("site");
    }

    /** A path as contributors see it: relative to the project root when inside it. */
    public String show(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }
}

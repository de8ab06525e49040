package dev.selfhostguide.content;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where a guide's sources are: the folder with jbake.properties, content/ and templates/. */
public record Project(Path root) {

    public Project {
        root = root.toAbsolutePath().normalize();
    }

    /** The project in {@code dir}, or the first parent of it that has a jbake.properties. */
    public static Project find(Path dir) {
        Path at = dir.toAbsolutePath().normalize();
        for (Path p = at; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("jbake.properties")) && Files.isDirectory(p.resolve("content"))) {
                return new Project(p);
            }
        }
        return new Project(at);
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

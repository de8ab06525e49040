package dev.selfhostguide.content;

import java.nio.file.Path;

/** Bad content or data, at a file and line: reported as one line, never as a stack trace. */
public final class ContentException extends RuntimeException {

    private final Path file;
    private final int line;

    public ContentException(Path file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}

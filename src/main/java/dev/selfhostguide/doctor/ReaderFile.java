package dev.selfhostguide.doctor;

import dev.selfhostguide.checks.FileKind;
import java.nio.file.Path;

/**
 * One of the reader's files as doctor read it.
 *
 * @param path      absolute path
 * @param shown     the path as the reader named it (or relative to the folder they named)
 * @param kind      what the file is
 * @param component for a .env, the program that reads it (a variables.yml component, a
 *                  neighbours.yml project, or {@code other}); empty for other kinds
 * @param decision  one sentence saying what doctor decided and from what
 * @param text      the file's text, line endings normalised to LF
 */
public record ReaderFile(Path path, String shown, FileKind kind, String component, String decision, String text) {

    public boolean isEnv() {
        return kind == FileKind.DOTENV;
    }
}

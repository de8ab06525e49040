package dev.selfhostguide.snippets;

import java.nio.file.Path;

/**
 * A problem a check found, at one line of one file.
 *
 * @param file     the file the reader has to edit
 * @param line     1-based line in that file (0 when the problem is the whole file)
 * @param check    the id of the check that found it, e.g. {@code litellm-config}
 * @param severity whether it fails the build
 * @param message  one sentence saying what is wrong and, where known, why and what to do
 */
public record Finding(Path file, int line, String check, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    /**
     * An error at the {@code n}th line (1-based) of the snippet's text. A parser that stops at the
     * end of the input reports the line after the last; that is the last line for the reader.
     */
    public static Finding error(Snippet snippet, int n, String check, String message) {
        return new Finding(snippet.file(), snippet.fileLine(inside(snippet, n)), check, Severity.ERROR, message);
    }

    /** A warning at the {@code n}th line (1-based) of the snippet's text. */
    public static Finding warning(Snippet snippet, int n, String check, String message) {
        return new Finding(snippet.file(), snippet.fileLine(inside(snippet, n)), check, Severity.WARNING, message);
    }

    private static int inside(Snippet snippet, int n) {
        return Math.min(n, Math.max(1, snippet.lineCount()));
    }

    /**
     * A finding about the whole run rather than one line, such as a missing program: printed as
     * {@code check: message}, once per run.
     */
    public static Finding forRun(String check, Severity severity, String message) {
        return new Finding(Path.of(""), 0, check, severity, message);
    }

    /** Whether this finding is about the whole run ({@link #forRun}) rather than a file. */
    public boolean isForRun() {
        return file.toString().isEmpty();
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code content/x.adoc:42: [check] message}, with the file relative to {@code base}. */
    public String format(Path base) {
        if (isForRun()) {
            return check + ": " + message;
        }
        Path shown = file;
        if (base != null && file.isAbsolute()) {
            Path b = base.toAbsolutePath().normalize();
            Path f = file.toAbsolutePath().normalize();
            if (f.startsWith(b)) {
                shown = b.relativize(f);
            }
        }
        String where = line > 0 ? shown + ":" + line : shown.toString();
        String tag = severity == Severity.WARNING ? "[" + check + "] warning: " : "[" + check + "] ";
        return where + ": " + tag + message;
    }
}

package dev.selfhostguide.snippets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One code block a reader can copy, as the bake saw it.
 *
 * @param page       the page that shows the block (the .adoc JBake crawled)
 * @param file       the file the block's lines live in: the page, or the file it includes
 * @param line       1-based line of the block's first content line in {@code file}
 * @param language   the source language ({@code yaml}, {@code bash}, ...), or {@code ""} for a plain listing
 * @param title      the block title, or {@code ""}
 * @param attributes the block's named attributes as written ({@code check}, {@code component}, {@code reason}, ...)
 * @param text       exactly what the reader copies: attributes substituted, callouts removed
 */
public record Snippet(Path page, Path file, int line, String language, String title,
                      Map<String, String> attributes, String text) {

    public Snippet {
        language = language == null ? "" : language;
        title = title == null ? "" : title;
        attributes = Map.copyOf(attributes);
    }

    /** A snippet that is not part of a page: a reader's own file, or a test input. */
    public static Snippet ofFile(Path file, String language, Map<String, String> attributes, String text) {
        return new Snippet(file, file, 1, language, "", attributes, text);
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** The line in {@link #file()} of the snippet's {@code n}th line (1-based). */
    public int fileLine(int n) {
        return line + Math.max(0, n - 1);
    }

    /**
     * Line counts by text, so that a check reporting on every line of a 100,000-line file does not
     * recount the file per finding (Finding.inside asks for every finding). Weak keys: the count
     * lives as long as the snippet's text.
     */
    private static final Map<String, Integer> LINE_COUNTS =
        java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** How many lines the reader copies. */
    public int lineCount() {
        if (text.isEmpty()) {
            return 0;
        }
        return LINE_COUNTS.computeIfAbsent(text, Snippet::countLines);
    }

    private static int countLines(String text) {
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && i < text.length() - 1) {
                lines++;
            }
        }
        return lines;
    }
}

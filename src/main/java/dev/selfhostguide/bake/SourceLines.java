package dev.selfhostguide.bake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page's text in the order a reader sees it: its own lines, with each {@code include::} replaced
 * by the included file's lines, each line still naming the file and line it is written on. What
 * the baked HTML shows can then be traced to the line to edit, also when a partial wrote it.
 * Includes resolve as the bake resolves them (a page's own against content/, a nested one against
 * its file's folder); a target with an attribute or a URL, or one outside content/, is not
 * followed, and a file already on the path (a page that includes itself) is read once.
 */
final class SourceLines {

    /** One line of text where it is written. */
    record Line(Path file, int number, String text) { }

    private static final Pattern INCLUDE = Pattern.compile("^include::(\\S[^\\[]*)\\[.*\\]\\s*$");
    private static final int MAX_DEPTH = 16;

    private SourceLines() {
    }

    static List<Line> of(Path page, Path content) {
        List<Line> lines = new ArrayList<>();
        Path root = content.toAbsolutePath().normalize();
        read(page.toAbsolutePath().normalize(), root, root, lines, new HashSet<>(), 0);
        return lines;
    }

    private static void read(Path file, Path base, Path root, List<Line> out, Set<Path> open, int depth) {
        if (depth > MAX_DEPTH || !open.add(file)) {
            return;
        }
        String[] text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
        } catch (IOException | RuntimeException e) {
            open.remove(file);
            return;                                    // unreadable: the bake reports it
        }
        for (int i = 0; i < text.length; i++) {
            out.add(new Line(file, i + 1, text[i]));
            Matcher m = INCLUDE.matcher(text[i]);
            if (!m.matches() || m.group(1).contains("{") || m.group(1).contains("://")) {
                continue;
            }
            try {
                Path included = base.resolve(m.group(1).strip()).normalize();
                if (included.startsWith(root) && Files.isRegularFile(included)) {
                    read(included, included.getParent(), root, out, open, depth + 1);
                }
            } catch (RuntimeException e) {
                // an invalid path: Asciidoctor reports the include
            }
        }
        open.remove(file);
    }
}

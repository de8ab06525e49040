package dev.selfhostguide.bake;

import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in the pages a warning about a whole book (the PDF edition: every chapter's text under a
 * {@code [#chapter-PAGE]} line) comes from. asciidoctor-pdf's text formatter warns with no
 * cursor and quotes the text as HTML; the quoted words, without markup, are looked up in the
 * book's lines, and the book line is traced to its chapter file and line, so the warning names
 * {@code content/x.adoc:LINE} instead of no file at all.
 */
final class BookLines {

    private static final Pattern CHAPTER = Pattern.compile("^\\[#chapter-([\\w-]+)\\]$");
    private static final Pattern QUOTED = Pattern.compile("^(?:failed to parse formatted text|[^:]{0,60}):\\s*(.+?)(?:\\s*\\(reason:.*)?$",
        Pattern.DOTALL);
    private static final int WORDS = 6;

    private BookLines() {
    }

    /** {@code finding} at the chapter line that holds the text it quotes; else at {@code content} (never a file that is not there). */
    static Finding locate(Finding finding, String book, Path content) {
        String[] lines = book.split("\n", -1);
        Matcher quoted = QUOTED.matcher(finding.message());
        String needle = quoted.matches() ? words(quoted.group(1), WORDS) : "";
        for (int i = 0; i < lines.length && !needle.isEmpty(); i++) {
            if (!(" " + words(lines[i], Integer.MAX_VALUE) + " ").contains(" " + needle + " ")) {
                continue;
            }
            for (int start = i; start >= 0; start--) {
                Matcher chapter = CHAPTER.matcher(lines[start]);
                if (chapter.matches()) {
                    Path file = chapterFile(content, chapter.group(1), start + 1 < lines.length ? lines[start + 1] : "");
                    if (file != null) {
                        return new Finding(file, i - start, finding.check(), finding.severity(), finding.message());
                    }
                    break;
                }
            }
        }
        return new Finding(content, 0, finding.check(), finding.severity(), finding.message()
            + " (in the book made of the pages; the text it quotes was not found in one line)");
    }

    /** The page in either edition whose first line is the chapter's first line. */
    private static Path chapterFile(Path content, String page, String firstLine) {
        for (Path dir : List.of(content, content.resolve("ko"))) {
            Path file = dir.resolve(page + ".adoc");
            try {
                if (Files.isRegularFile(file)) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    if (text.startsWith(firstLine)) {
                        return file;
                    }
                }
            } catch (IOException e) {
                // unreadable: try the other edition
            }
        }
        return null;
    }

    /** The first {@code limit} words of a text as a reader sees them: no markup, no entities, no punctuation. */
    static String words(String text, int limit) {
        String plain = org.jsoup.parser.Parser.unescapeEntities(text.replaceAll("<[^>]*>", ""), false)
            .replaceAll("[^\\p{L}\\p{N}]+", " ").strip().toLowerCase(Locale.ROOT);
        String[] words = plain.split(" ");
        return words.length <= limit ? plain : String.join(" ", java.util.Arrays.copyOf(words, limit));
    }
}

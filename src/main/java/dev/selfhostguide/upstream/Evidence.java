package dev.selfhostguide.upstream;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where upstream shows a fact: a file of one pinned repository and a matcher that must match in it.
 *
 * @param repo  a key of {@code content/data/upstream.yml sources}
 * @param path  a file in that repository
 * @param match a literal that must occur in the file, or null
 * @param regex a Java regular expression (multiline) that must find a match, or null
 * @param line  the line of this evidence entry in its data file
 */
public record Evidence(String repo, String path, String match, String regex, int line) {

    /** The compiled matcher; a literal is quoted, a regex is multiline so ^ and $ are line ends. */
    public Pattern pattern() {
        return match != null ? Pattern.compile(Pattern.quote(match)) : Pattern.compile(regex, Pattern.MULTILINE);
    }

    /** The 1-based line where the matcher first matches in {@code text}. */
    public OptionalInt find(String text) {
        Matcher m = pattern().matcher(text);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(lineOf(text, m.start()));
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The matcher as a reader sees it in messages. */
    public String matcher() {
        return match != null ? "'" + match + "'" : "/" + regex + "/";
    }
}

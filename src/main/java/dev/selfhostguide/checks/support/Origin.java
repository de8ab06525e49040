package dev.selfhostguide.checks.support;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;

/**
 * Whose text a snippet is: a guide block, or a reader's own file under {@code guide doctor}
 * ({@code origin=reader}). The two differ in what a finding may claim. In the guide, a block this
 * machine cannot check is the guide's problem and fails the build. In a reader's file, an error
 * must mean that upstream fails, refuses or silently ignores what the reader wrote; a failure of
 * doctor's own sandbox (a tool that timed out or crashed, a file or host of the reader's server
 * that this machine lacks) says nothing of the sort, so it is a warning that the file was not
 * fully checked.
 */
public final class Origin {

    private Origin() {
    }

    /** Whether the snippet is a reader's own file checked by {@code guide doctor}. */
    public static boolean reader(Snippet snippet) {
        return snippet.attribute("origin").map("reader"::equals).orElse(false);
    }

    /** Whether the reader asked to be held to the guide's reference deployment ({@code --profile guide}). */
    public static boolean guideProfile(Snippet snippet) {
        return snippet.attribute("profile").map("guide"::equals).orElse(false);
    }

    /**
     * The block could not be checked here: an error for a guide block, a warning that starts
     * "not fully checked here:" for a reader's file.
     */
    public static Finding notChecked(Snippet snippet, int n, String check, String message) {
        return reader(snippet)
            ? Finding.warning(snippet, n, check, "not fully checked here: " + message)
            : Finding.error(snippet, n, check, message);
    }

    /** An error in a guide block, a warning in a reader's file: for what is advice to a reader, not a failure. */
    public static Finding advice(Snippet snippet, int n, String check, String message) {
        return reader(snippet) ? Finding.warning(snippet, n, check, message) : Finding.error(snippet, n, check, message);
    }
}

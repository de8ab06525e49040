package dev.selfhostguide.checks;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of validation of a snippet, and its contract: what it reads, what it is for, where
 * {@code guide doctor} uses it, and one block it accepts and one it rejects. The runner, the
 * coverage rule, doctor's file kinds and the fuzz test all work from these declarations, so a new
 * check is one class, its test and its data. Implementations are stateless and thread-safe: the
 * runner may call them for many snippets at once.
 */
public interface Check {

    /** What a check is for; only {@link #SYNTAX} and {@link #RULE} checks make a block covered. */
    enum Role {
        /** The block parses as its language. */
        SYNTAX,
        /** The block agrees with upstream's behaviour or with the other blocks. */
        RULE,
        /** A house rule that holds for every block (ports of the reference deployment, no secrets). */
        POLICY;

        public boolean covers() {
            return this != POLICY;
        }
    }

    /**
     * A block for the contract test and the fuzz seeds.
     *
     * @param failsAt for a rejected sample, the 1-based line of the sample where the first error is
     *                reported; 0 for an accepted one
     */
    record Sample(Language language, Map<String, String> attributes, String text, int failsAt) {

        public Sample {
            attributes = Map.copyOf(attributes);
        }

        public static Sample valid(Language language, Map<String, String> attributes, String text) {
            return new Sample(language, attributes, text, 0);
        }

        public static Sample invalid(Language language, Map<String, String> attributes, String text, int failsAt) {
            return new Sample(language, attributes, text, failsAt);
        }
    }

    /** The id shown in findings and used in {@code check=ID} block attributes. */
    String id();

    /** The languages this check can read. */
    Set<Language> languages();

    /**
     * Whether the check runs on every block of its {@link #languages()}; false for checks that
     * read one kind of file of a language (a Compose file is YAML) and run only when a block names
     * them with {@code check=ID}.
     */
    default boolean automatic() {
        return true;
    }

    Role role();

    /**
     * Whether this check is about the guide itself rather than about a configuration file: the
     * ports agreement holds snippets to the guide's reference deployment, and the secrets scan
     * keeps credentials out of published pages. A reader's own files legitimately differ on both,
     * so {@code guide doctor} leaves these out.
     */
    default boolean guideOnly() {
        return false;
    }

    /** Whether this check also runs on blocks opted out with {@code check=none} (the secrets scan does). */
    default boolean runsOnOptedOut() {
        return false;
    }

    /** The kinds of a reader's own file that {@code guide doctor} checks with this check. */
    default Set<FileKind> serves() {
        return Set.of();
    }

    /**
     * The programs this check runs. When one is missing the check skips that part without a
     * finding of its own, and the runner says once per run how many blocks went unchecked.
     */
    default List<Tools.Program> programs() {
        return List.of();
    }

    /**
     * Starts what this check does once for the whole run ({@link CheckContext#perRun}), before
     * any block is checked: the runner calls it on its own thread for each check some block
     * selects, so one check's batch process (shellcheck, python3) runs beside another's instead
     * of after it. Optional: without it the batch starts at the check's first block.
     */
    default void prepare(CheckContext context) {
    }

    /** A block this check accepts. */
    Sample valid();

    /** A block this check rejects, and the line of its first error. */
    Sample invalid();

    /**
     * Whether this check runs on the snippet without being named in its {@code check} attribute:
     * an automatic check, on a block of one of its languages. A check narrows this further only by
     * what a block contains, never by spelling languages itself.
     */
    default boolean appliesTo(Snippet snippet) {
        return automatic() && Language.of(snippet.language()).map(languages()::contains).orElse(false);
    }

    /** The problems in this snippet; an empty list when it is right. Never throws for bad input. */
    List<Finding> check(Snippet snippet, CheckContext context);
}

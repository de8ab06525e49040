package dev.selfhostguide.checks;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.List;

/**
 * One kind of validation of a snippet. Implementations are stateless and thread-safe: the runner
 * may call them for many snippets at once.
 */
public interface Check {

    /** The id shown in findings and used in {@code check=ID} block attributes. */
    String id();

    /** Whether this check runs on the snippet without being named in its {@code check} attribute. */
    boolean appliesTo(Snippet snippet);

    /** Whether this check also runs on blocks opted out with {@code check=none} (the secrets scan does). */
    default boolean runsOnOptedOut() {
        return false;
    }

    /**
     * Whether this check is about the guide itself rather than about a configuration file: the
     * ports agreement holds snippets to the guide's reference deployment, and the secrets scan
     * keeps credentials out of published pages. A reader's own files legitimately differ on both,
     * so {@code guide doctor} leaves these out.
     */
    default boolean guideOnly() {
        return false;
    }

    /** The problems in this snippet; an empty list when it is right. Never throws for bad input. */
    List<Finding> check(Snippet snippet, CheckContext context);
}

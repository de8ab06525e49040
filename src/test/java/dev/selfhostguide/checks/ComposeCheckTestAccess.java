package dev.selfhostguide.checks;

/** Reaches the package-private image splitter of ComposeCheck for tests. */
final class ComposeCheckTestAccess {
    private ComposeCheckTestAccess() {
    }

    static String[] split(String ref) {
        return ComposeCheck.splitImage(ref);
    }
}

package dev.selfhostguide.bundle;

import java.util.List;

/** Lets tests outside the package see how {@link Tokens} splits text, as "W:word" and "H:hangul". */
public final class TokensProbe {

    private TokensProbe() {
    }

    public static List<String> runs(String text) {
        return Tokens.runs(text).stream().map(r -> (r.hangul() ? "H:" : "W:") + r.text()).toList();
    }
}

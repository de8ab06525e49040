package dev.selfhostguide.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How search text becomes terms. templates/assets/js/search.js tokenizes queries by the same rules,
 * so a change here must be made there too (SearchIndexTest pins both to the same examples).
 *
 * <p>Words are runs of letters, decimal digits and underscores, lower-cased, so config identifiers
 * such as AGENTOPS_EXPORTER_ENDPOINT or otel_2 stay whole (and also yield their underscore parts).
 * Korean has no spaces between a word and its particles, so Hangul runs are indexed as character
 * bigrams instead; a one-syllable run is kept as it is.
 */
final class Tokens {

    private Tokens() {
    }

    /** A run of one kind of text: a word, or a run of Hangul. */
    record Run(String text, boolean hangul) { }

    static List<Run> runs(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Run> runs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int kind = 0;                                   // 0 none, 1 word, 2 hangul
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            int k = isHangul(cp) ? 2 : isWord(cp) ? 1 : 0;
            if (k != kind && current.length() > 0) {
                runs.add(new Run(current.toString(), kind == 2));
                current.setLength(0);
            }
            if (k != 0) {
                current.appendCodePoint(cp);
            }
            kind = k;
            i += Character.charCount(cp);
        }
        if (current.length() > 0) {
            runs.add(new Run(current.toString(), kind == 2));
        }
        return runs;
    }

    /** The terms a text is indexed under, with repeats (the index counts them). */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        for (Run run : runs(text)) {
            if (run.hangul()) {
                terms.addAll(bigrams(run.text()));
            } else {
                terms.add(run.text());
                if (run.text().indexOf('_') >= 0) {
                    for (String part : run.text().split("_")) {
                        if (!part.isEmpty()) {
                            terms.add(part);
                        }
                    }
                }
            }
        }
        return terms;
    }

    static List<String> bigrams(String hangul) {
        int[] cps = hangul.codePoints().toArray();
        List<String> grams = new ArrayList<>();
        if (cps.length == 1) {
            grams.add(hangul);
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        return grams;
    }

    static boolean isHangul(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL && Character.isLetter(cp);
    }

    static boolean isWord(int cp) {
        return Character.isLetter(cp) || Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER || cp == '_';
    }
}

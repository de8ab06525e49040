package dev.selfhostguide.json;

/**
 * A JSON string literal. Quote, backslash, line feed and tab always get their short escapes; the
 * {@link Escaping} decides what else becomes {@code \\uXXXX}.
 */
public final class JsonString {

    /** What a string is escaped for. */
    public enum Escaping {
        /**
         * UTF-8 inside an HTML script element (the search index): a \\u escape costs six bytes per
         * Hangul syllable where UTF-8 takes three, so text stays as it is, except control
         * characters (carriage return included) and DEL, '<' (so the text can never close the
         * script), U+2028/U+2029 (line ends to older JavaScript) and lone surrogates, which have
         * no UTF-8 form.
         */
        SCRIPT,
        /** Printable ASCII only, so the file reads the same in any charset (facts.json). */
        ASCII,
        /** A UTF-8 document (doctor's reports): control characters and U+2028/U+2029. */
        UTF8
    }

    private JsonString() {
    }

    /** {@code s} as a JSON string literal, appended to {@code out}. */
    public static void write(StringBuilder out, String s, Escaping escaping) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == '\r' && escaping != Escaping.SCRIPT) {
                        out.append("\\r");
                    } else if (needsEscape(s, i, escaping)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@code s} as a JSON string literal. */
    public static String of(String s, Escaping escaping) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        write(out, s, escaping);
        return out.toString();
    }

    private static boolean needsEscape(String s, int i, Escaping escaping) {
        char c = s.charAt(i);
        return switch (escaping) {
            case ASCII -> c < 0x20 || c > 0x7e;
            case UTF8 -> c < 0x20 || c == 0x2028 || c == 0x2029;
            case SCRIPT -> c < 0x20 || c == 0x7f || c == '<' || c == 0x2028 || c == 0x2029 || lone(s, i);
        };
    }

    /** A surrogate without its other half. */
    private static boolean lone(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c)
            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }
}

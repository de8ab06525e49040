package dev.selfhostguide.bundle;

/** The little JSON the search index needs, written by hand so its bytes are ours to pin. */
final class Json {

    private Json() {
    }

    /**
     * A JSON string written as UTF-8 (the script tag and the server say so): a \\u escape costs six
     * bytes per Hangul syllable where UTF-8 takes three. Escaped still: control characters, '<' (so
     * the text can never close a script element), U+2028/U+2029 (line ends to older JavaScript) and
     * lone surrogates, which have no UTF-8 form.
     */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean lone = Character.isHighSurrogate(c)
                        ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                        : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || c == 0x7f || c == '<' || c == 0x2028 || c == 0x2029 || lone) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

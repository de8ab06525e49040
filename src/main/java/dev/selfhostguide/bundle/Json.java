package dev.selfhostguide.bundle;

/** The little JSON the search index needs, written by hand so its bytes are ours to pin. */
final class Json {

    private Json() {
    }

    /**
     * A JSON string in pure ASCII: everything else is a \\u escape, so the index reads the same
     * whatever charset a server or the file:// loader assumes for a script without one.
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
                    if (c < 0x20 || c > 0x7e || c == '<') {
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

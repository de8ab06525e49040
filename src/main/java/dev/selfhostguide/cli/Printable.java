package dev.selfhostguide.cli;

/**
 * Text from files as the terminal should show it. A finding quotes the file it is about, and a
 * file may hold an escape sequence (which would recolour, move or retitle the terminal) or an
 * invisible character (which makes two strings in a parity message look identical). Both are
 * shown as {@code \\u001b}, {@code \\u200b}: visible, and what the author searches for.
 */
final class Printable {

    private Printable() {
    }

    static String of(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (shown(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            out.append(String.format("\\u%04x", (int) c));
        }
        return out == null ? text : out.toString();
    }

    /** Printable as it is: not a control character and not an invisible format character (soft hyphen included). */
    private static boolean shown(char c) {
        if (c == '\t') {
            return true;
        }
        if (c < 0x20 || c >= 0x7f && c < 0xa0) {
            return false;
        }
        int type = Character.getType(c);
        return type != Character.FORMAT && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
            && c != '\u00ad';
    }
}

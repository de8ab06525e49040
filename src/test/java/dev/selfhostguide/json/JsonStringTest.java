package dev.selfhostguide.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.json.JsonString.Escaping;
import org.junit.jupiter.api.Test;

/**
 * The three escapings, pinned on one string that holds every case they differ on: Hangul, an
 * emoji, a lone surrogate, '<', DEL, CR, U+2028, a control character. (Before the three writers
 * became this one, each escaping was compared with the writer it replaced on every char.)
 */
class JsonStringTest {

    private static final String NASTY = "설정 \"a\\b\" </script>\u2028\n\r\t\u0001\u007f\ud800x\uD83D\uDE00é";

    @Test
    void scriptKeepsTextAsUtf8ButNeverClosesTheScript() {
        assertEquals("\"설정 \\\"a\\\\b\\\" \\u003c/script>\\u2028\\n\\u000d\\t\\u0001\\u007f\\ud800x\uD83D\uDE00é\"",
            JsonString.of(NASTY, Escaping.SCRIPT));
    }

    @Test
    void asciiEscapesEverythingOutsidePrintableAscii() {
        assertEquals("\"\\uc124\\uc815 \\\"a\\\\b\\\" </script>\\u2028\\n\\r\\t\\u0001\\u007f\\ud800x\\ud83d\\ude00\\u00e9\"",
            JsonString.of(NASTY, Escaping.ASCII));
    }

    @Test
    void utf8EscapesOnlyControlsAndLineSeparators() {
        assertEquals("\"설정 \\\"a\\\\b\\\" </script>\\u2028\\n\\r\\t\\u0001\u007f\ud800x\uD83D\uDE00é\"",
            JsonString.of(NASTY, Escaping.UTF8));
    }

    @Test
    void writeAppends() {
        StringBuilder out = new StringBuilder("[");
        JsonString.write(out, "", Escaping.UTF8);
        assertEquals("[\"\"", out.toString());
    }
}

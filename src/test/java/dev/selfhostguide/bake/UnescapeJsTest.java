package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The search index's view as a browser reads its string literals: what the secret scan scans. */
class UnescapeJsTest {

    @Test
    void escapesAreReadAsTheCharactersTheyName() {
        assertEquals("키 sk-abc", PublishedSecrets.unescapeJs("\\ud0a4 sk-abc"));
        assertEquals("https://x/y", PublishedSecrets.unescapeJs("https:\\/\\/x\\/y"));
        assertEquals("AB", PublishedSecrets.unescapeJs("\\u0041\\u0042"));
        assertEquals("\u00e9t\u00e9", PublishedSecrets.unescapeJs("\\u00E9t\\u00e9"));
        // An escaped backslash is one backslash, and what follows it is text, as in JavaScript.
        assertEquals("a\\u0041 b\\", PublishedSecrets.unescapeJs("a\\\\u0041 b\\\\"));
        assertEquals("", PublishedSecrets.unescapeJs(""));
    }

    @Test
    void whatIsNotAnEscapeStaysAsWritten() {
        for (String kept : new String[] {"\\u12", "\\uzzzz", "\\u+abc", "\\u-123", "\\u00g1", "\\n", "a\\", "\\u"}) {
            assertEquals(kept, PublishedSecrets.unescapeJs(kept), kept);
        }
        assertEquals("x\\u12", PublishedSecrets.unescapeJs("x\\u12"));
        assertEquals("\\u004", PublishedSecrets.unescapeJs("\\u004"));
    }
}

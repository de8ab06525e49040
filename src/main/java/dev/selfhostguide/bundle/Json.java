package dev.selfhostguide.bundle;

import dev.selfhostguide.json.JsonString;

/** The little JSON the search index needs, written by hand so its bytes are ours to pin. */
final class Json {

    private Json() {
    }

    /** A JSON string for a script element, as UTF-8 ({@link JsonString.Escaping#SCRIPT}). */
    static void string(StringBuilder out, String s) {
        JsonString.write(out, s, JsonString.Escaping.SCRIPT);
    }
}

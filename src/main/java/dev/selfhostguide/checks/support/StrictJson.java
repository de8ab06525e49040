package dev.selfhostguide.checks.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser (RFC 8259) that says where the first error is. Strict on purpose:
 * a reader copies these bodies into curl or a file, and comments, trailing commas, single quotes
 * or a repeated key either fail upstream or silently lose data. Objects become {@link LinkedHashMap},
 * arrays {@link List}, numbers {@link Num} (the digits as written, so nanosecond times keep their
 * precision), strings {@link String}, booleans and null as themselves.
 */
public final class StrictJson {

    /** A JSON number exactly as written. */
    public record Num(String text) {
        boolean isInteger() {
            return text.matches("-?\\d+");
        }

        BigDecimal value() {
            return new BigDecimal(text);
        }
    }

    /** Where parsing stopped, 1-based. */
    public static final class ParseError extends Exception {
        final int line;
        final int column;

        ParseError(int line, int column, String message) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /** The parsed value plus the line each object, array and object key started on. */
    public static final class Document {
        final Object root;
        private final IdentityHashMap<Object, Integer> startLines;
        private final IdentityHashMap<Object, Map<String, Integer>> keyLines;

        Document(Object root, IdentityHashMap<Object, Integer> startLines,
                 IdentityHashMap<Object, Map<String, Integer>> keyLines) {
            this.root = root;
            this.startLines = startLines;
            this.keyLines = keyLines;
        }

        /** The line of an object or array, or 1. */
        int line(Object node) {
            return startLines.getOrDefault(node, 1);
        }

        /** The line of {@code key} inside {@code object}, or the object's own line. */
        int line(Object object, String key) {
            Map<String, Integer> keys = keyLines.get(object);
            return keys != null && keys.containsKey(key) ? keys.get(key) : line(object);
        }
    }

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;
    private final IdentityHashMap<Object, Integer> startLines = new IdentityHashMap<>();
    private final IdentityHashMap<Object, Map<String, Integer>> keyLines = new IdentityHashMap<>();

    private StrictJson(String text) {
        this.text = text;
    }

    public static Document parse(String text) throws ParseError {
        StrictJson p = new StrictJson(text);
        p.skipWhitespace();
        if (p.pos >= text.length()) {
            throw p.error("empty input: expected a JSON value");
        }
        Object root = p.value(0);
        p.skipWhitespace();
        if (p.pos < text.length()) {
            throw p.error("unexpected " + p.describe() + " after the end of the JSON value");
        }
        return new Document(root, p.startLines, p.keyLines);
    }

    private Object value(int depth) throws ParseError {
        if (depth > 200) {
            throw error("nesting deeper than 200 levels");
        }
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("unexpected end of input: expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            case '\'': throw error("single-quoted string: JSON strings use double quotes");
            case '/': throw error("comment: JSON has no comments");
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected " + describe() + ": expected a value");
        }
    }

    private Map<String, Object> object(int depth) throws ParseError {
        Map<String, Object> map = new LinkedHashMap<>();
        Map<String, Integer> keys = new LinkedHashMap<>();
        startLines.put(map, line);
        keyLines.put(map, keys);
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            char c = peek();
            if (c == '}') {
                throw error("trailing comma before '}'");
            }
            if (c == '\'') {
                throw error("single-quoted key: JSON keys use double quotes");
            }
            if (c == '/') {
                throw error("comment: JSON has no comments");
            }
            if (c != '"') {
                throw error("unexpected " + describe() + ": expected a double-quoted key");
            }
            int keyLine = line;
            int keyColumn = pos - lineStart + 1;
            String key = string();
            if (map.containsKey(key)) {
                throw new ParseError(keyLine, keyColumn,
                    "duplicate key \"" + key + "\" (first at line " + keys.get(key) + "): parsers keep only one of them");
            }
            skipWhitespace();
            if (peek() != ':') {
                throw error("unexpected " + describe() + ": expected ':' after the key");
            }
            pos++;
            map.put(key, value(depth + 1));
            keys.put(key, keyLine);
            skipWhitespace();
            c = peek();
            if (c == ',') {
                pos++;
                continue;
            }
            if (c == '}') {
                pos++;
                return map;
            }
            throw error("unexpected " + describe() + ": expected ',' or '}'");
        }
    }

    private List<Object> array(int depth) throws ParseError {
        List<Object> list = new ArrayList<>();
        startLines.put(list, line);
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            if (peek() == ']') {
                throw error("trailing comma before ']'");
            }
            list.add(value(depth + 1));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
                continue;
            }
            if (c == ']') {
                pos++;
                return list;
            }
            throw error("unexpected " + describe() + ": expected ',' or ']'");
        }
    }

    private String string() throws ParseError {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c == '\\') {
                if (pos + 1 >= text.length()) {
                    break;
                }
                char e = text.charAt(pos + 1);
                switch (e) {
                    case '"': out.append('"'); break;
                    case '\\': out.append('\\'); break;
                    case '/': out.append('/'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'u':
                        if (pos + 6 > text.length() || !text.substring(pos + 2, pos + 6).matches("[0-9a-fA-F]{4}")) {
                            pos++;
                            throw error("bad \\u escape: expected 4 hex digits");
                        }
                        out.append((char) Integer.parseInt(text.substring(pos + 2, pos + 6), 16));
                        pos += 4;
                        break;
                    default:
                        pos++;
                        throw error("bad escape \\" + e + " in a string");
                }
                pos += 2;
                continue;
            }
            if (c < 0x20) {
                throw error(c == '\n' ? "unterminated string: a line break inside a string must be written \\n"
                    : "control character inside a string");
            }
            out.append(c);
            pos++;
        }
        throw error("unterminated string");
    }

    private Num number() throws ParseError {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (Character.isDigit(peek())) {
                throw new ParseError(line, start - lineStart + 1, "leading zero in a number");
            }
        } else if (Character.isDigit(peek())) {
            while (Character.isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("bad number: expected a digit");
        }
        if (peek() == '.') {
            pos++;
            if (!Character.isDigit(peek())) {
                throw error("bad number: expected a digit after '.'");
            }
            while (Character.isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!Character.isDigit(peek())) {
                throw error("bad number: expected a digit in the exponent");
            }
            while (Character.isDigit(peek())) {
                pos++;
            }
        }
        return new Num(text.substring(start, pos));
    }

    private Object literal(String word, Object result) throws ParseError {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describe() + ": expected a value"
                + (Character.isLetter(peek()) ? " (bare words must be quoted strings)" : ""));
        }
        pos += word.length();
        return result;
    }

    private void skipWhitespace() throws ParseError {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '/' && pos + 1 < text.length() && (text.charAt(pos + 1) == '/' || text.charAt(pos + 1) == '*')) {
                throw error("comment: JSON has no comments");
            } else if (c == '#') {
                throw error("comment: JSON has no comments");
            } else {
                return;
            }
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private String describe() {
        if (pos >= text.length()) {
            return "end of input";
        }
        return "'" + text.charAt(pos) + "'";
    }

    private ParseError error(String message) {
        return new ParseError(line, pos - lineStart + 1, message);
    }
}

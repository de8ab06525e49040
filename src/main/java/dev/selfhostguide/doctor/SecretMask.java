package dev.selfhostguide.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the secret values of the reader's files out of everything doctor prints: text, JSON,
 * SARIF and CI annotations. A value is shown as its first four and last three characters and its
 * length, {@code Sup3…xyz (20 chars)}, enough to tell two values apart and none to use one.
 *
 * <p>Secrets are the values of names that say so ({@code *_SECRET}, {@code *_KEY},
 * {@code *_PASSWORD}, {@code *_TOKEN}, {@code api_key:}, {@code master_key:}, ...) in .env and YAML
 * lines, and the password of any {@code scheme://user:password@host} URL. References
 * ({@code ${VAR}}, {@code os.environ/VAR}) and placeholders ({@code <...>}) are not secrets.
 */
public final class SecretMask {

    private static final Pattern ASSIGNMENT = Pattern.compile(
        "^\\s*(?:-\\s*)?(?:export\\s+)?[\"']?([A-Za-z_][A-Za-z0-9_.-]*)[\"']?\\s*[=:]\\s*(.+?)\\s*$");
    private static final Pattern SECRET_NAME = Pattern.compile(
        "(?i).*(secret|passw(or)?d|_pass$|^pass$|token|api_?key|master_?key|salt_?key|private_?key|access_?key|credential|_key$|^key$).*");
    private static final Pattern URL_PASSWORD = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+:([^@\\s/]+)@");
    private static final int SHORTEST = 4;

    private final List<String> values;

    private SecretMask(Set<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // a value inside another is masked with it
        this.values = List.copyOf(sorted);
    }

    /** The secrets of these texts (a reader's files). */
    public static SecretMask of(List<String> texts) {
        Set<String> values = new LinkedHashSet<>();
        for (String text : texts) {
            for (String line : text.split("\n")) {
                Matcher url = URL_PASSWORD.matcher(line);
                while (url.find()) {
                    add(values, url.group(1));
                }
                Matcher m = ASSIGNMENT.matcher(line);
                if (!m.matches() || !SECRET_NAME.matcher(m.group(1)).matches()) {
                    continue;
                }
                String raw = m.group(2);
                int comment = raw.indexOf(" #");
                if (comment >= 0 && !raw.startsWith("\"") && !raw.startsWith("'")) {
                    raw = raw.substring(0, comment);
                }
                add(values, raw.strip());
                // The parts too: a finding may quote what follows a closing quote, or the unquoted value.
                for (String part : raw.split("[\"'\\s]+")) {
                    if (part.length() >= 8) {
                        add(values, part);
                    }
                }
            }
        }
        return new SecretMask(values);
    }

    private static void add(Set<String> values, String value) {
        String v = value.strip();
        // A lowercase word (password, postgres) is a published default, not a secret, and masking
        // it would garble every sentence that uses the word.
        if (v.length() < SHORTEST || v.matches("[a-z]{1,11}|\\d+|true|false|True|False") || v.startsWith("${") || v.startsWith("$") || v.startsWith("os.environ/")
                || (v.startsWith("<") && v.endsWith(">")) || v.equals("null") || v.equals("\"\"") || v.equals("''")) {
            return;
        }
        values.add(v);
    }

    /** {@code Sup3…xyz (20 chars)}; a short value shows nothing but its length. */
    public static String mask(String value) {
        int n = value.codePointCount(0, value.length());
        if (n < 12) {
            return "… (" + n + " chars)";
        }
        return value.substring(0, value.offsetByCodePoints(0, 4)) + "…"
            + value.substring(value.offsetByCodePoints(0, n - 3)) + " (" + n + " chars)";
    }

    /** The text with every secret value masked. */
    public String apply(String text) {
        String result = text;
        for (String value : values) {
            if (result.contains(value)) {
                result = result.replace(value, mask(value));
            }
        }
        return result;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return values.size() + " secret value" + (values.size() == 1 ? "" : "s") + (values.isEmpty() ? "" : " (" + String.join(", ",
            values.stream().map(SecretMask::mask).toList()) + ")");
    }

    static boolean secretName(String name) {
        return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }
}

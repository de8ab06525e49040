package dev.selfhostguide.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scan tries each shape's pattern only where one of its literals allows a match to start.
 * For any text it must find exactly what Matcher.find finds trying every character: on the
 * guide's own sources and on generated texts built from the literals, the characters around
 * them and the values the patterns want.
 */
class SecretShapesSearchTest {

    /** Pieces that make and break matches: every literal, cased both ways, and what comes around them. */
    private static final String[] PIECES = {
        "sk-", "sk-ant-", "sk-proj-", "sk_live_", "rk_test_", "k_live_", "AKIA", "ASIA", "AIza", "glpat-", "ghp_", "gho_",
        "github_pat_", "SG.", "npm_", "hf_", "xoxb-", "xox", "eyJ", "eyJhbGciOi.", "https://hooks.slack.com/services/", "hooks.slack.com",
        "-----BEGIN ", "RSA ", "PRIVATE KEY", "-----", "-----BEGIN OPENSSH PRIVATE KEY-----", "-----BEGIN PRIVATE KEY BLOCK-----", "://", "user:", "@", "-", "secret", "SECRET", "Secret", "token",
        "TOKEN", "passw", "PASSWORD", "passwd", "key", "KEY", "api_key", "ApiKey", "private_key", "access_key",
        "credential", "aws_secret_access_key", "AWS_SECRET_KEY", "secret_access_key", "s", "=", ":", " = ", "\"", "'",
        " ", "\n", "\t", ".", "_", "/", "+", "{", "$", "<", "0123456789abcdef", "DEADBEEF", "c0ffee42", "aB3dE5gH7jK9mN1p",
        "Zx8Yw7Vu6Ts5Rq4P", "0000", "a1b2", "키", "값", "é", "https://admin:", "db://u:", "123e4567-e89b-12d3-a456-426614174000",
        "123e4567-e89b-12d3-a456-", "deadbeef-", "c0de-", "AKIA0123456789ABCDEF", "eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.c2lnbmF0dXJlMTIz",
        "aws_secret_access_key = abcdefghijklmnopqrstuvwxyz0123456789/+ab",
    };

    @Test
    void theGuidesOwnTextsAreSearchedAsEveryCharacterWouldBe() throws IOException {
        int texts = 0;
        Path root = Path.of("").toAbsolutePath();
        for (Path dir : List.of(root.resolve("content"), root.resolve("templates"), root.resolve("src/test/resources"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                String text = new String(bytes, StandardCharsets.UTF_8);
                assertEquals(SecretShapes.spans(text, true), SecretShapes.spans(text, false), file.toString());
                texts++;
            }
        }
        assertFalse(texts < 50, "too few of the guide's files were found to compare: " + texts);
    }

    /** Runs of the characters the patterns want, at the lengths their counts turn on. */
    private static final String[] ALPHABETS = {
        "abcdefghijklmnopqrstuvwxyz0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "0123456789abcdefABCDEF",
        "abcdefghijklmnopqrstuvwxyz0123456789/+", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.",
    };
    private static final int[] LENGTHS = {1, 4, 8, 12, 15, 16, 17, 20, 24, 30, 35, 36, 40, 41, 45};

    /** A text of a few pieces and runs, from {@code random}. */
    static String generated(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            if (random.nextBoolean()) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            } else {
                String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
                int length = LENGTHS[random.nextInt(LENGTHS.length)];
                for (int j = 0; j < length; j++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
        }
        return text.toString();
    }

    @Test
    void generatedTextsAreSearchedAsEveryCharacterWouldBe() {
        Random random = new Random(20261202);
        List<String> shapes = new ArrayList<>();
        int withMatches = 0;
        for (int n = 0; n < 15_000; n++) {
            String t = generated(random);
            List<String> everywhere = SecretShapes.spans(t, true);
            assertEquals(everywhere, SecretShapes.spans(t, false), t);
            withMatches += everywhere.isEmpty() ? 0 : 1;
            for (String span : everywhere) {
                String shape = span.substring(0, span.indexOf(':'));
                if (!shapes.contains(shape)) {
                    shapes.add(shape);
                }
            }
        }
        // The texts must exercise every pattern, not only their absence: 18 shapes and the assignment shape.
        assertEquals(19, shapes.size(), "shapes matched: " + shapes.stream().sorted().toList());
        assertFalse(withMatches < 1_500, "only " + withMatches + " generated texts held a match");
    }
}

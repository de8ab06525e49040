package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.SecretShapes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each common credential shape is recognised at its line; the guide's placeholders are not. */
class SecretShapesTest {

    private final SecretShapes shapes = SecretShapes.of(Catalog.load(GuideFixture.repositoryRoot().resolve("content/data")));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | an AWS secret access key",
        "AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A | an AWS access key id",
        "key: AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI | a Google API key",
        "GITLAB_TOKEN=glpat-xYz12AbCdEfGhIjKlMnO | a GitLab token",
        "ANTHROPIC_API_KEY=sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx | an Anthropic API key",
        "OPENAI_API_KEY=sk-proj-AbCdEfGhIjKlMnOpQrStUvWx12 | an OpenAI project key",
        "OPENAI_API_KEY=sk-AbCdEfGhIjKlMnOpQrStUvWxYz123456 | an OpenAI-style API key",
        "stripe sk_live_51HqT2bLkdIwHu7ix0lqVvQk | a Stripe secret key",
        "SENDGRID=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 | a SendGrid API key",
        "//registry.npmjs.org/:_authToken=npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 | an npm token",
        "HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567 | a Hugging Face token",
        "SLACK=xoxp-1234567890-0987654321-AbCdEf | a Slack token",
        "url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX | a Slack webhook",
        "GITHUB_TOKEN=ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 | a GitHub token",
        "token github_pat_11ABCDEFG0abcdefghijklmnopqrstuvwxyz0123456789ABCDEF | a GitHub token",
        "DATABASE_URL=postgresql://agentops:S3cr3tPa55@db:5432/agentops | a URL with a password",
        "-----BEGIN PGP PRIVATE KEY BLOCK----- | a private key",
        "-----BEGIN OPENSSH PRIVATE KEY----- | a private key",
        "-----BEGIN EC PRIVATE KEY----- | a private key",
        "MY_SERVICE_SECRET=q8Xv2LmN4pR7tY1wZ3bC6dF9gH0jK5sA | a random value assigned to MY_SERVICE_SECRET",
        "api_key: 'Zx81Lq0Vm3Nb7Tc2Rw5Ye9Ua4Io6Pp1S' | a random value assigned to api_key",
    })
    void recognisedAtItsLine(String secret, String shape) {
        List<SecretShapes.Match> found = shapes.scan("first line\n\n" + secret + "\nlast line\n");
        assertEquals(1, found.size(), found.toString());
        assertEquals(3, found.get(0).line());
        assertTrue(found.get(0).shape().startsWith(shape), found.get(0).shape());
    }

    @Test
    void aSecretSplitOverTwoLinesIsFoundAtItsFirstLine() {
        List<SecretShapes.Match> found = shapes.scan("intro\nexport OPENAI_API_KEY=sk-proj-AbCdEfGhIj\\\nKlMnOpQrStUvWx12\n");
        assertEquals(1, found.size(), found.toString());
        assertEquals(2, found.get(0).line());
        assertTrue(found.get(0).shape().endsWith("split over two lines"), found.get(0).shape());
        List<SecretShapes.Match> prose = shapes.scan("The key is AKIAIOSFOD\nNN7REALKEY for now.\n");
        assertEquals(1, prose.size(), prose.toString());
        assertEquals(1, prose.get(0).line());
    }

    @Test
    void aSplitSecretRememberedIsReportedAtItsNewLine() {
        String text = "intro\nThe key is AKIAIOSFOD\nNN7REALKEY for now.\nend\n";
        SecretShapes.Memory memo = new SecretShapes.Memory();
        List<SecretShapes.Match> fresh = shapes.scan(text);
        assertEquals(fresh, shapes.scan(text, memo));
        memo.next();
        assertEquals(fresh, shapes.scan(text, memo), "answered from memory");
        memo.next();
        List<SecretShapes.Match> moved = shapes.scan("one\ntwo\n" + text, memo);
        assertEquals(shapes.scan("one\ntwo\n" + text), moved);
        assertEquals(List.of(4), moved.stream().map(SecretShapes.Match::line).toList());
        assertTrue(moved.get(0).shape().endsWith("split over two lines"), moved.get(0).shape());
    }

    @Test
    void theGuidesPlaceholdersAndPublishedUpstreamDefaultsAreAllowedDeliberately() {
        assertEquals(List.of(), shapes.scan("""
            JWT_SECRET_KEY=change-me-jwt-secret-same-as-supabase
            CLICKHOUSE_PASSWORD=change-me-clickhouse-password-2024-with-digits-1
            JWT_SECRET: super-secret-jwt-token-with-at-least-32-characters-long
            AGENTOPS_API_KEY=00000000-0000-0000-0000-000000000000
            DEMO_ORG_ID=c0000000-0000-0000-0000-000000000000
            SUPABASE_S3_SECRET_ACCESS_KEY=850181e4652dd023b7a98c58ae0d2d34bd487ee0cc3254aed6eda37307425907
            postgresql://postgres:{supabase-db-password}@127.0.0.1:54322/postgres
            postgresql://postgres:postgres@127.0.0.1:54322/postgres
            TOKEN_SECRET=$(openssl rand -hex 32)
            SUPABASE_SERVICE_ROLE_KEY=<your-service-role-key>
            """));
        assertTrue(shapes.allowlist().stream().allMatch(a -> !a.reason().isBlank()), "every allowed value has a reason");
    }

    @Test
    void anAssignmentAcrossLineBreaksIsFoundAtItsNameWithOrWithoutMemory() {
        String text = """
            intro
            MY_SERVICE_SECRET=
            q8Xv2LmN4pR7tY1wZ3bC6dF9gH0jK5sA
            api_key

              : "Zx81Lq0Vm3Nb7Tc2Rw5Ye9Ua4Io6Pp1S"
            aws_secret_access_key =


            wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            plain words
            """;
        List<String> expected = List.of(
            "2 a random value assigned to MY_SERVICE_SECRET",
            "4 a random value assigned to api_key",
            "7 an AWS secret access key");
        SecretShapes.Memory memo = new SecretShapes.Memory();
        for (List<SecretShapes.Match> found : List.of(shapes.scan(text), shapes.scan(text, memo), shapes.scan(text, memo))) {
            assertEquals(expected, found.stream().map(m -> m.line() + " " + m.shape()).toList());
        }
        memo.next();
        // a piece remembered from the scan before is reused at its new line
        List<SecretShapes.Match> moved = shapes.scan("new first line\n" + text, memo);
        assertEquals(List.of(3, 5, 8), moved.stream().map(SecretShapes.Match::line).toList());
    }

    @Test
    void anAllowedValueAtTheEndOfALineIsNotHalfOfASecretWithTheNextWord() {
        // An allowlist entry in secrets.yml is followed by its reason: the two words together look
        // like a longer key, but the first is whole on its own line.
        SecretShapes allowing = new SecretShapes(List.of(new SecretShapes.Allowed("sk-zyxwvutsrqponmlkjihgfedc", "a test value", 2)));
        assertEquals(List.of(), allowing.scan("placeholders:\n  - value: sk-zyxwvutsrqponmlkjihgfedc\n    reason: a test value\n"));
        assertEquals(List.of(), allowing.scan("use \"sk-zyxwvutsrqponmlkjihgfedc\"\nabcdef for now\n"));
        // not allowed, the same split is still one key written over two lines
        assertEquals(1, shapes.scan("use sk-zyxwvutsrqponmlkjihgfedc\nabcdef for now\n").size());
    }

    @Test
    void wordsAndPathsAreNotRandom() {
        assertEquals(List.of(), shapes.scan("password: correct-horse-battery-staple-words\n"
            + "token_path=/var/run/secrets/kubernetes.io/serviceaccount/token\n"));
    }
}

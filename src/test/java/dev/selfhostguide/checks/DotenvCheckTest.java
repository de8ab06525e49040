package dev.selfhostguide.checks;

import static dev.selfhostguide.checks.TestCatalogs.formatted;
import static dev.selfhostguide.checks.TestCatalogs.snippet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotenvCheckTest {

    @TempDir
    Path scratch;

    private final DotenvCheck check = new DotenvCheck();

    private List<String> run(String component, String text) {
        Map<String, String> attrs = component == null ? Map.of() : Map.of("component", component);
        return formatted(check.check(snippet("dotenv", attrs, text), TestCatalogs.context(scratch)));
    }

    @Test
    void theSdksExporterPointedAtTheCollectorsGrpcPortIsAnError() {
        // The SDK exports OTLP over HTTP/protobuf (sdk.yml exporter.protocol); 4317 is the collector's
        // gRPC port (deployment.yml otlp-grpc), 4318 its HTTP one.
        Map<String, String> reader = Map.of("component", "sdk", "origin", "reader");
        List<String> out = formatted(check.check(snippet("dotenv", reader,
            "AGENTOPS_API_KEY=<your-api-key>\nAGENTOPS_EXPORTER_ENDPOINT=http://otelcollector:4317/v1/traces\n"), TestCatalogs.context(scratch)));
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("content/x.adoc:41: [dotenv] AGENTOPS_EXPORTER_ENDPOINT names port 4317, the collector's OTLP"
            + " gRPC port (content/data/deployment.yml otlp-grpc), but the SDK exports OTLP over HTTP/protobuf"), out.get(0));
        assertTrue(out.get(0).endsWith("use the OTLP/HTTP port 4318"), out.get(0));
        assertEquals(List.of(), formatted(check.check(snippet("dotenv", reader,
            "AGENTOPS_API_KEY=<your-api-key>\nAGENTOPS_EXPORTER_ENDPOINT=http://otelcollector:4318/v1/traces\n"), TestCatalogs.context(scratch))));
    }

    @Test
    void appliesToDotenvAndEnv() {
        assertTrue(check.appliesTo(snippet("dotenv", Map.of(), "")));
        assertTrue(check.appliesTo(snippet("env", Map.of(), "")));
        assertFalse(check.appliesTo(snippet("yaml", Map.of(), "")));
    }

    @Test
    void goodComposeFilePasses() {
        String text = """
            # the reference deployment
            NEXT_PUBLIC_API_URL=http://agentops.example.internal:8003
            PROTOCOL=http
            API_DOMAIN=agentops.example.internal:8003
            APP_DOMAIN=agentops.example.internal:3006
            JWT_SECRET_KEY=change-me-jwt-secret
            CLICKHOUSE_PASSWORD='<your-clickhouse-password>'
            SUPABASE_PASSWORD="${SUPABASE_DB_PASSWORD}"
            CLICKHOUSE_PORT=8123  # published by the clickhouse service
            export CLICKHOUSE_DATABASE=otel_2
            NEXT_PUBLIC_SUPABASE_URL=http://127.0.0.1:54321
            SUPABASE_S3_SECRET_ACCESS_KEY=
            """;
        assertEquals(List.of(), run("compose", text));
    }

    @Test
    void missingComponentIsAnError() {
        assertEquals(List.of("content/x.adoc:40: [dotenv] a dotenv block needs component=api|dashboard|collector|sdk|compose"
            + " to say which program reads it (compose = the root app/.env that docker compose interpolates)"),
            run(null, "PROTOCOL=http\n"));
    }

    @Test
    void unknownComponentIsAnError() {
        List<String> out = run("worker", "PROTOCOL=http\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:40: [dotenv] component=worker is not one of compose|api|"), out.get(0));
    }

    @Test
    void blanksAroundEqualsAreAnError() {
        assertEquals(List.of("content/x.adoc:41: [dotenv] blank around '=' in 'API_DOMAIN = localhost:8003': compose trims it"
            + " but docker run --env-file and a shell do not; write API_DOMAIN=localhost:8003"),
            run("compose", "PROTOCOL=http\nAPI_DOMAIN = localhost:8003\n"));
    }

    @Test
    void badNamesAndMissingEqualsAreErrors() {
        List<String> out = run("compose", "PROTOCOL=http\n1BAD=x\nAPI-DOMAIN=x\nPROTOCOL\nAPI_DOMAIN: x\n");
        assertEquals(List.of(
            "content/x.adoc:41: [dotenv] '1BAD' is not a valid variable name: use letters, digits and _, not starting with a digit",
            "content/x.adoc:42: [dotenv] 'API-DOMAIN' is not a valid variable name: use letters, digits and _, not starting with a digit",
            "content/x.adoc:43: [dotenv] 'PROTOCOL' has no '=': compose would copy it from the shell's environment; write NAME=value",
            "content/x.adoc:44: [dotenv] 'API_DOMAIN:' is YAML style; compose reads it, but python-dotenv and docker run"
                + " --env-file do not: a .env line is NAME=value"), out);
    }

    @Test
    void whatComposesReaderAcceptsIsAdviceInAReadersFile() {
        // compose-go's dotenv reader takes NAME: value, a bare NAME (from the shell) and '-' or a leading
        // digit in a name; only a character it refuses stays an error.
        assertEquals(List.of(
            "content/x.adoc:40: [dotenv] warning: 'API-DOMAIN' is not a valid variable name: use letters, digits and _, not starting"
                + " with a digit",
            "content/x.adoc:41: [dotenv] warning: 'AGENTOPS_API_KEY' has no '=': compose would copy it from the shell's environment;"
                + " write NAME=value",
            "content/x.adoc:42: [dotenv] warning: 'AGENTOPS_APP_URL:' is YAML style; compose reads it, but python-dotenv and docker"
                + " run --env-file do not: a .env line is NAME=value",
            "content/x.adoc:43: [dotenv] 'A$B' is not a valid variable name: use letters, digits and _, not starting with a digit"),
            readerSdk("API-DOMAIN=x\nAGENTOPS_API_KEY\nAGENTOPS_APP_URL: http://app.internal\nA$B=1\n"));
    }

    @Test
    void unterminatedQuoteIsAnErrorAtItsLine() {
        List<String> out = run("compose", "PROTOCOL=http\nAPP_DOMAIN=\"localhost:3006\nAPI_DOMAIN=localhost:8003\n");
        assertEquals(List.of("content/x.adoc:41: [dotenv] APP_DOMAIN has an unterminated double-quoted value: add the closing \""), out);
        assertEquals(List.of("content/x.adoc:40: [dotenv] PROTOCOL has an unterminated single-quoted value: add the closing '"),
            run("compose", "PROTOCOL='http\n"));
    }

    @Test
    void multiLineQuotedValueKeepsLineNumbers() {
        List<String> out = run("compose", "APP_DOMAIN=\"a\nb\"\nNOPE=1\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:42: [dotenv] NOPE is not a variable the compose reads"), out.get(0));
    }

    @Test
    void escapedQuoteDoesNotCloseAndTextAfterQuoteIsAnError() {
        assertEquals(List.of(), run("compose", "APP_DOMAIN=\"a\\\"b\"  # comment\n"));
        assertEquals(List.of("content/x.adoc:40: [dotenv] text after the closing quote of APP_DOMAIN: 'junk'; compose would read it as another line"),
            run("compose", "APP_DOMAIN=\"a\" junk\n"));
    }

    @Test
    void inlineCommentIsStrippedLikeCompose() {
        // "8123  # ..." must read as 8123, so the integer rule passes; "#" without a blank stays in the value
        assertEquals(List.of(), run("compose", "CLICKHOUSE_PORT=8123   # Change to 8443 for cloud\n"));
        assertEquals(List.of("content/x.adoc:40: [dotenv] CLICKHOUSE_PORT must be a whole number, not '8123#x'"),
            run("compose", "CLICKHOUSE_PORT=8123#x\n"));
    }

    @Test
    void inlineCommentInAnApiFileWarnsAboutDockerRunEnvFile() {
        List<String> out = run("api", "CLICKHOUSE_HOST=127.0.0.1  # local\n");
        assertEquals(List.of("content/x.adoc:40: [dotenv] warning: the inline comment is dropped by compose and python-dotenv"
            + " but kept verbatim by docker run --env-file (app/scripts/just-api-run.sh), which would put it into CLICKHOUSE_HOST;"
            + " move it to a line of its own"), out);
    }

    private List<String> readerSdk(String text) {
        Map<String, String> attrs = Map.of("component", "sdk", "origin", "reader", "secrets", "real");
        return formatted(check.check(snippet("dotenv", attrs, text), TestCatalogs.context(scratch)));
    }

    @Test
    void anApiEndpointEndingInWhatTheSdkAppendsIsAnError() {
        assertEquals(List.of("content/x.adoc:41: [dotenv] AGENTOPS_API_ENDPOINT ends in /v3, but the SDK appends /v3/auth/token"
            + " to it itself (content/data/sdk.yml), so it asks /v3/v3/auth/token, gets no token and sends nothing;"
            + " write http://localhost:8003"), readerSdk("AGENTOPS_API_KEY=\nAGENTOPS_API_ENDPOINT=http://localhost:8003/v3/\n"));
        assertEquals(List.of(), readerSdk("AGENTOPS_API_ENDPOINT=http://localhost:8003\n"));
        // A path of the reader's own in front of the API (a reverse proxy's prefix) is kept as given.
        assertEquals(List.of(), readerSdk("AGENTOPS_API_ENDPOINT=https://example.com/agentops-api\n"));
    }

    @Test
    void duplicateKeyIsAnErrorAtTheSecondLine() {
        assertEquals(List.of("content/x.adoc:42: [dotenv] PROTOCOL is set twice with different values: compose and python-dotenv"
            + " use this line's and silently ignore line 40's; delete the line you do not mean"), run("compose", "PROTOCOL=http\nAPI_DOMAIN=localhost:8003\nPROTOCOL=https\n"));
    }

    @Test
    void unknownVariableIsAnErrorAndNamesTheRightComponent() {
        assertEquals(List.of("content/x.adoc:41: [dotenv] JWT_SECRET is not a variable the compose reads (content/data/variables.yml);"
            + " it belongs to collector, so check the block's component"), run("compose", "PROTOCOL=http\nJWT_SECRET=change-me-jwt\n"));
        assertEquals(List.of("content/x.adoc:40: [dotenv] PROTOKOL is not a variable the compose reads (content/data/variables.yml);"
            + " check the spelling"), run("compose", "PROTOKOL=http\n"));
    }

    @Test
    void deadVariablesWarnWithTheUpstreamReason() {
        List<String> out = run("compose", "DEMO_ORG_ID=c0000000-0000-0000-0000-000000000000\nREDIS_HOST=localhost\n");
        assertEquals(List.of(
            "content/x.adoc:40: [dotenv] warning: DEMO_ORG_ID has no effect here: no code reads it: the demo org id is hardcoded in"
                + " app/api/agentops/opsboard/environment.py",
            "content/x.adoc:41: [dotenv] warning: REDIS_HOST has no effect here: app/compose.yaml does not pass REDIS_* to the api"
                + " container, so the api keeps sessions in memory"), out);
    }

    @Test
    void composeVariableIsDeadOnlyWhenEveryTargetIgnoresIt() {
        // APP_URL reaches the api (which never reads APP_URL) and the dashboard as NEXT_PUBLIC_APP_URL (unused there)
        List<String> out = run("compose", "APP_URL=http://agentops.example.internal:3006\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:40: [dotenv] warning: APP_URL has no effect here: compose passes it to the api"
            + " as APP_URL, and there the API never reads an APP_URL variable"), out.get(0));
        // NEXT_PUBLIC_SUPABASE_URL is ignored by the dashboard but becomes the api's SUPABASE_URL: alive
        assertEquals(List.of(), run("compose", "NEXT_PUBLIC_SUPABASE_URL=http://127.0.0.1:54321\n"));
        // CLICKHOUSE_USERNAME is ignored by the api but read by the collector and the clickhouse server
        assertEquals(List.of(), run("compose", "CLICKHOUSE_USERNAME=default\n"));
        // the api reads APP_DOMAIN, not APP_URL
        assertEquals(List.of(), run("api", "APP_DOMAIN=agentops.example.internal:3006\n"));
    }

    @Test
    void secretsMustBePlaceholders() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl";
        List<String> out = run("compose", String.join("\n",
            "JWT_SECRET_KEY=" + "ab12".repeat(16),
            "SUPABASE_SERVICE_ROLE_KEY=" + jwt,
            "SUPABASE_S3_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
            "SUPABASE_S3_SECRET_ACCESS_KEY=sk_live_abcdef123456",
            "CLICKHOUSE_PASSWORD=hunter2",
            ""));
        assertEquals(List.of(
            "content/x.adoc:40: [dotenv] JWT_SECRET_KEY looks like a real secret (a long random hex string); a snippet must show a"
                + " placeholder (change-me-<what>, <your-...>, ${VAR}) or the command that generates it",
            "content/x.adoc:41: [dotenv] SUPABASE_SERVICE_ROLE_KEY looks like a real secret (a JWT); a snippet must show a placeholder"
                + " (change-me-<what>, <your-...>, ${VAR}) or the command that generates it",
            "content/x.adoc:42: [dotenv] SUPABASE_S3_ACCESS_KEY_ID looks like a real secret (an AWS access key id); a snippet must show"
                + " a placeholder (change-me-<what>, <your-...>, ${VAR}) or the command that generates it",
            "content/x.adoc:43: [dotenv] SUPABASE_S3_SECRET_ACCESS_KEY looks like a real secret (a live Stripe key); a snippet must show a"
                + " placeholder (change-me-<what>, <your-...>, ${VAR}) or the command that generates it",
            "content/x.adoc:44: [dotenv] CLICKHOUSE_PASSWORD is a secret but 'hunter2' is not a placeholder; write change-me-<what>,"
                + " <your-...>, ${VAR}, or leave it empty"), out);
    }

    @Test
    void secretSuffixAppliesToNamesWithoutACatalogFlag() {
        // AGENTOPS_API_KEY is secret in the catalog; a UUID is a real-looking key
        List<String> out = run("sdk", "AGENTOPS_API_KEY=0e2bf9df-8980-4afc-9041-2e116dc7ad0e\n");
        assertEquals(List.of("content/x.adoc:40: [dotenv] AGENTOPS_API_KEY looks like a real secret (a UUID key); a snippet must show"
            + " a placeholder (change-me-<what>, <your-...>, ${VAR}) or the command that generates it"), out);
    }

    @Test
    void publishedInsecureDefaultsAreErrors() {
        List<String> out = run("compose", "JWT_SECRET_KEY=super-secret-jwt-token-with-at-least-32-characters-long\n");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("content/x.adoc:40: [dotenv] JWT_SECRET_KEY is set to a published insecure default:"
            + " the Supabase CLI's published default JWT secret"), out.get(0));
        // also in a file that really holds secrets (generated by a block, or the reader's own)
        Snippet real = snippet("dotenv", Map.of("component", "sdk", "secrets", "real"),
            "AGENTOPS_API_KEY=6b7a1469-bdcb-4d47-85ba-c4824bc8486e\n");
        List<String> realOut = formatted(check.check(real, TestCatalogs.context(scratch)));
        assertEquals(1, realOut.size());
        assertTrue(realOut.get(0).contains("the API key of the seeded test_project"), realOut.get(0));
    }

    @Test
    void realSecretsAreFineInARealFile() {
        Snippet real = snippet("dotenv", Map.of("component", "compose", "secrets", "real"), "JWT_SECRET_KEY=" + "ab12".repeat(16) + "\n");
        assertEquals(List.of(), check.check(real, TestCatalogs.context(scratch)));
    }

    @Test
    void integerAndTokenRules() {
        assertEquals(List.of("content/x.adoc:40: [dotenv] CLICKHOUSE_PORT is empty: the API runs int() on it and crashes on an empty"
            + " string; set a port number"), run("compose", "CLICKHOUSE_PORT=\n"));
        assertEquals(List.of("content/x.adoc:40: [dotenv] NEXT_PUBLIC_SIGNIN_METHODS contains 'oauth', which the dashboard does not"
            + " recognise (app/dashboard/lib/signin.ts knows email, magic, google, github, anonymous), so it is silently ignored"),
            run("dashboard", "NEXT_PUBLIC_SIGNIN_METHODS=\"email,oauth\"\n"));
        assertEquals(List.of(), run("dashboard", "NEXT_PUBLIC_SIGNIN_METHODS=email,magic\n"));
    }

    @Test
    void neverThrowsOnGarbage() {
        for (String text : List.of("", "\n\n", "=", "=x", "\"", "export", "export ", "A='", "\u0000", "A=\"\\")) {
            check.check(snippet("dotenv", Map.of("component", "compose"), text), TestCatalogs.context(scratch));
        }
    }

    @Test
    void corpusRootEnvExample() {
        Assumptions.assumeTrue(TestCatalogs.corpusPresent(), "../shared/corpus not present: skipping corpus test");
        Snippet s = Snippet.ofFile(Path.of("app/.env.example"), "dotenv", Map.of("component", "compose"),
            TestCatalogs.corpus("agentops/env.example"));
        List<Finding> findings = check.check(s, TestCatalogs.context(scratch));
        List<String> out = formatted(findings);
        String all = String.join("\n", out);
        // the known problem: DEMO_ORG_ID is dead, with the upstream reason
        assertTrue(out.contains("app/.env.example:80: [dotenv] warning: DEMO_ORG_ID has no effect here: no code reads it:"
            + " the demo org id is hardcoded in app/api/agentops/opsboard/environment.py"), all);
        // the published insecure default ClickHouse password is an error
        assertTrue(out.contains("app/.env.example:62: [dotenv] CLICKHOUSE_PASSWORD is set to a published insecure default:"
            + " upstream's default ClickHouse/Postgres password (app/.env.example, collector compose default); use a placeholder"
            + " such as change-me-clickhouse-password and generate the real value (e.g. openssl rand -hex 32)"), all);
        // no false alarms: nothing is "unknown", there is no syntax error, and the live variables are quiet
        assertFalse(all.contains("is not a variable"), all);
        for (String live : List.of("NEXT_PUBLIC_API_URL", "PROTOCOL", "API_DOMAIN", "APP_DOMAIN", "CLICKHOUSE_HOST",
            "CLICKHOUSE_PORT", "NEXT_PUBLIC_SUPABASE_URL", "SUPABASE_SERVICE_ROLE_KEY=", "SUPABASE_HOST", "CLICKHOUSE_USERNAME")) {
            assertFalse(out.stream().anyMatch(l -> l.contains("] " + live) || l.contains("warning: " + live)), live + " flagged:\n" + all);
        }
        // the only error is the insecure default; everything else is a warning
        assertEquals(1, findings.stream().filter(Finding::isError).count(), all);
        // dead root variables the facts name
        for (String dead : List.of("SUPABASE_URL has no effect", "SUPABASE_KEY has no effect", "ENVIRONMENT has no effect",
            "REDIS_PORT has no effect", "SQLALCHEMY_LOG_LEVEL has no effect", "NEXT_PUBLIC_APP_URL has no effect")) {
            assertTrue(all.contains(dead), dead + "\n" + all);
        }
    }

    @Test
    void corpusDashboardEnvExample() {
        Assumptions.assumeTrue(TestCatalogs.corpusPresent(), "../shared/corpus not present: skipping corpus test");
        Snippet s = Snippet.ofFile(Path.of("app/dashboard/.env.example"), "dotenv", Map.of("component", "dashboard"),
            TestCatalogs.corpus("agentops/dashboard.env.example"));
        List<Finding> findings = check.check(s, TestCatalogs.context(scratch));
        List<String> out = formatted(findings);
        String all = String.join("\n", out);
        assertFalse(all.contains("is not a variable"), all);
        assertFalse(all.contains("unterminated"), all);
        // the known problem: "oauth" is not a sign-in method
        assertTrue(out.stream().anyMatch(l -> l.startsWith("app/dashboard/.env.example:57: [dotenv] NEXT_PUBLIC_SIGNIN_METHODS contains 'oauth'")), all);
        assertEquals(1, findings.stream().filter(Finding::isError).count(), all);
        // what the dashboard really reads is quiet
        for (String live : List.of("NEXT_PUBLIC_API_URL", "NEXT_PUBLIC_SITE_URL", "NEXT_PUBLIC_POSTHOG_KEY", "NEXT_PUBLIC_PLAYGROUND")) {
            assertFalse(all.contains(" " + live + " "), live + " flagged:\n" + all);
        }
        assertTrue(all.contains("warning: NEXT_PUBLIC_SUPABASE_URL has no effect here: no dashboard code reads it"), all);
    }
}

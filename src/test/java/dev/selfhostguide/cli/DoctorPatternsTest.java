package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each false alarm and miss reported against {@code guide doctor} on real-world files (issue 14),
 * as a test built from the pattern with inputs of our own. Findings are asserted at file:line.
 */
class DoctorPatternsTest {

    @TempDir
    Path dir;

    private GuideFixture.Run doctor(String... args) {
        return DoctorFixture.doctor(dir, args);
    }

    private Path write(String relative, String text) throws Exception {
        return DoctorFixture.write(dir, relative, text);
    }

    private static List<String> errors(GuideFixture.Run run) {
        return run.err().lines().filter(l -> l.contains(": [") && !l.contains("] warning:") && !l.startsWith("::")).toList();
    }

    // ---- false alarms ----------------------------------------------------------------------

    @Test
    void aSupabaseEnvIsReadAsSupabasesNotSpellCheckedAsAgentOps() throws Exception {
        write("supabase.env", """
            POSTGRES_PASSWORD=<postgres-password>
            ANON_KEY=<anon-key>
            SERVICE_ROLE_KEY=<service-role-key>
            DASHBOARD_USERNAME=admin
            SITE_URL=http://studio.internal:3000
            """);
        GuideFixture.Run run = doctor("supabase.env");
        assertTrue(run.out().contains("supabase.env: read as a Supabase .env (it sets ANON_KEY, SERVICE_ROLE_KEY, DASHBOARD_USERNAME"
            + "; --component to change)"), run.all());
        assertEquals(List.of(), errors(run), run.all());
        assertEquals(0, run.exitCode(), run.all());
    }

    @Test
    void aLitellmEnvPassedWithItsConfigIsTheProxysAndResolvesItsReferences() throws Exception {
        write(".env", "GEMINI_API_KEY=<gemini-key>\nPOSTGRES_PASSWORD=<db-password>\n");
        write("config.yaml", """
            model_list:
              - model_name: flash
                litellm_params:
                  model: gemini/gemini-2.5-flash
                  api_key: os.environ/GEMINI_API_KEY
            general_settings:
              master_key: os.environ/PROXY_MASTER_KEY
            """);
        GuideFixture.Run run = doctor(".env", "config.yaml");
        assertTrue(run.out().contains(".env: read as a LiteLLM proxy .env (config.yaml reads GEMINI_API_KEY from it"), run.all());
        assertEquals(List.of(), errors(run), run.all());
        // The one reference the .env does not set is worth a look, not a failure.
        assertTrue(run.err().contains("config.yaml:7: [litellm-config] warning: os.environ/PROXY_MASTER_KEY is set in none of the .env files"),
            run.all());
    }

    @Test
    void aFileWrittenInOneStyleGetsOneWarningAboutIt() throws Exception {
        write("proxy.env", "LITELLM_MASTER_KEY = \"<master-key>\"\nOPENAI_API_KEY = \"\"\nSTORE_MODEL_IN_DB = \"True\"\n");
        GuideFixture.Run run = doctor("proxy.env");
        assertEquals(List.of("proxy.env:1: [dotenv] warning: blank around '=' of LITELLM_MASTER_KEY: compose and python-dotenv trim it,"
            + " but docker run --env-file and a shell do not; write LITELLM_MASTER_KEY=value (and 2 more lines like it)"),
            run.err().lines().toList(), run.all());
        assertEquals(0, run.exitCode(), run.all());
    }

    @Test
    void aLitellmConfigCheckedAloneSaysNothingAboutItsEnvironment() throws Exception {
        write("config.yaml", """
            model_list:
              - model_name: gpt
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/OPENAI_API_KEY
            """);
        GuideFixture.Run run = doctor("config.yaml");
        assertEquals("", run.err(), run.all());
        assertEquals(0, run.exitCode(), run.all());
    }

    @Test
    void aVariableRepeatedWithTheSameValueIsUntidyButOneWithAnotherValueIsLost() throws Exception {
        // A program template that pastes each tool's block: the same lines twice.
        write(".env", """
            AGENTOPS_API_KEY=<agentops-key>
            SEARCH_API_KEY=...
            SEARCH_PROJECT=...

            SEARCH_API_KEY=...
            SEARCH_PROJECT=other-project
            """);
        GuideFixture.Run run = doctor(".env");
        assertEquals(List.of(".env:6: [dotenv] SEARCH_PROJECT is set twice with different values: compose and python-dotenv use"
            + " this line's and silently ignore line 3's; delete the line you do not mean"), errors(run), run.all());
        assertTrue(run.err().contains(".env:5: [dotenv] warning: SEARCH_API_KEY is set again to the same value (first at line 2);"
            + " the line changes nothing, keep one"), run.all());
    }

    @Test
    void aStacksEnvThatSharesOneNameWithTheProxyIsAnotherProgramsButTheProxysOwnIsLitellms() throws Exception {
        write("stack/.env", "LITELLM_MASTER_KEY=<key>\nWIKI_ADMIN_USER=me\nWIKI_ADMIN_PASSWORD=<pw>\n"
            + "CHAT_UI_SECRET=<s>\nCHAT_UI_AUTH=true\nOPENAI_API_KEY=\n");
        GuideFixture.Run stack = doctor("stack/.env");
        assertTrue(stack.out().contains("stack/.env: read as the .env of another program (only published secrets are checked)"
            + " (it sets LITELLM_MASTER_KEY among the variables of several programs (WIKI_*, CHAT_*)"), stack.all());
        // The proxy's own: provider keys and one more group are no stack.
        write("proxy/.env", "LITELLM_MASTER_KEY=<key>\nOPENAI_API_KEY=\nGROQ_API_KEY=\nBILLING_API_URL=x\nBILLING_API_KEY=y\n");
        GuideFixture.Run proxy = doctor("proxy/.env");
        assertTrue(proxy.out().contains("proxy/.env: read as a LiteLLM proxy .env (it sets LITELLM_MASTER_KEY;"), proxy.all());
    }

    @Test
    void aUrlWhoseHostIsBracesWithoutADollarIsNoHost() throws Exception {
        write("compose.yaml", """
            services:
              db:
                image: postgres:16
              jobs:
                image: example/jobs:1
                environment:
                  DATABASE_URL: postgresql://app:${DB_PASSWORD}@{DB_HOST}:5432/app
                  CACHE_URL: redis://${CACHE_HOST}:6379
            """);
        GuideFixture.Run run = doctor("compose.yaml");
        assertEquals(List.of("compose.yaml:7: [doctor] the URL's host is the literal text {DB_HOST}: the '$' before it is missing,"
            + " so no variable is put in and the program looks for a host called '{DB_HOST}', which no name resolves to;"
            + " write ${DB_HOST} and check it names the database or service host"), errors(run), run.all());
    }

    @Test
    void anEmptyPlaceholderFilledInFurtherDownLosesNothingButAValueEmptiedLaterIsLost() throws Exception {
        write(".env", """
            DB_PASSWORD=
            CACHE_PASSWORD=s3cret-cache
            # filled in by the operator
            DB_PASSWORD=s3cret-db
            CACHE_PASSWORD=
            """);
        GuideFixture.Run run = doctor(".env");
        assertEquals(List.of(".env:5: [dotenv] CACHE_PASSWORD is set twice with different values: compose and python-dotenv use"
            + " this line's and silently ignore line 2's; delete the line you do not mean"), errors(run), run.all());
        assertTrue(run.err().contains(".env:4: [dotenv] warning: DB_PASSWORD is set here and left empty at line 1; this later"
            + " value is the one used, delete the empty line"), run.all());
    }

    @Test
    void aProgramTemplateWhoseAgentopsLinesAreCommentedOutIsStillAnSdkEnv() throws Exception {
        write("program.env", "#AGENTOPS_API_KEY=...\n# OPENAI_API_KEY=...\n\n# Tools\nSCRAPER_API_KEY=...\n");
        GuideFixture.Run run = doctor("program.env");
        assertTrue(run.out().contains("program.env: read as an AgentOps SDK program's .env (it names (commented out)"
            + " AGENTOPS_API_KEY; --component to change)"), run.all());
        assertEquals(List.of(), errors(run), run.all());
        // A commented server name is no reason to spell-check the names the file does set against AgentOps'.
        write("other.env", "# CLICKHOUSE_HOST=clickhouse\nSCRAPER_API_KEY=...\n");
        GuideFixture.Run other = doctor("other.env");
        assertTrue(other.out().contains("other.env: read as the .env of another program"), other.all());
        assertEquals(List.of(), errors(other), other.all());
    }

    @Test
    void aNameUnlikeAnyAgentopsReadsIsAnotherProgramsButANearOneIsAMisspelling() throws Exception {
        // A Next.js app on Supabase: .env.local is Next.js's, and its Supabase names are AgentOps' too.
        write("web/.env.local", "NEXT_PUBLIC_SUPABASE_URL=https://project.supabase.co\nNEXT_PUBLIC_SUPABASE_ANON_KEY=<anon>\n"
            + "OPENAI_API_KEY=<openai>\n");
        GuideFixture.Run run = doctor("web/.env.local");
        assertEquals(List.of(), errors(run), run.all());
        assertTrue(run.err().contains("web/.env.local:3: [dotenv] warning: OPENAI_API_KEY is not a variable the dashboard reads"
            + " (content/data/variables.yml), so AgentOps ignores it; if the file is another program's, say so with --component other"),
            run.all());
        write("app/.env", "JWT_SECRET_KEY=<jwt>\nCLICKHOUSE_HOST=clickhouse\nLOGGING_LEVL=DEBUG\n");
        assertEquals(List.of("app/.env:3: [dotenv] LOGGING_LEVL is not a variable the compose reads (content/data/variables.yml),"
            + " so it is silently ignored; did you mean LOGGING_LEVEL?"), errors(doctor("app/.env")));
    }

    @Test
    void upstreamPortsInAReadersComposeAreTheirsUnlessTheyAskForTheGuidesProfile() throws Exception {
        write("compose.yaml", """
            services:
              api:
                build:
                  context: ./api
                ports:
                  - '8000:8000'
              dashboard:
                build:
                  context: ./dashboard
                ports:
                  - '3000:3000'
            """);
        GuideFixture.Run run = doctor("compose.yaml");
        assertEquals(List.of(), errors(run), run.all());
        GuideFixture.Run guide = doctor("--profile", "guide", "compose.yaml");
        assertTrue(guide.err().lines().anyMatch(l -> l.startsWith("compose.yaml:6: [compose] service 'api' publishes port 8000")
            && l.contains("reference port")), guide.all());
        assertEquals(2, doctor("--profile", "mine", "compose.yaml").exitCode());
    }

    @Test
    void crlfYamlAndLitellmsIncludeSectionAreRead() throws Exception {
        write("proxy.yaml", "include:\r\n  - models.yaml\r\nlitellm_settings:\r\n  drop_params: true\r\n");
        GuideFixture.Run run = doctor("proxy.yaml");
        assertTrue(run.out().contains("proxy.yaml: read as a LiteLLM proxy config"), run.all());
        assertEquals("", run.err(), run.all());
        assertEquals(0, run.exitCode(), run.all());
    }

    @Test
    void anSdkProgramsEnvMayHoldOtherLibrariesKeysButNotAMisspeltAgentopsName() throws Exception {
        write(".env", """
            OPENAI_API_KEY=<openai-key>
            SERPER_API_KEY=<serper-key>
            AGENTOPS_API_KEY=<agentops-key>
            AGENTOPS_API_ENDPIONT=http://agentops.internal:8000
            """);
        GuideFixture.Run run = doctor(".env");
        assertTrue(run.out().contains(".env: read as an AgentOps SDK program's .env"), run.all());
        assertEquals(List.of(".env:4: [dotenv] AGENTOPS_API_ENDPIONT is not a variable the AgentOps SDK reads (agentops/config.py),"
            + " so the SDK ignores it; did you mean AGENTOPS_API_ENDPOINT?"), errors(run), run.all());
    }

    // ---- misses ------------------------------------------------------------------------------

    @Test
    void anExporterEndpointWithoutV1TracesInAnEnv() throws Exception {
        write("agent.env", "AGENTOPS_API_KEY=<key>\nAGENTOPS_EXPORTER_ENDPOINT=http://otel.internal:4318\n"
            + "# the right one\n#AGENTOPS_EXPORTER_ENDPOINT=http://otel.internal:4318/v1/traces\n");
        GuideFixture.Run run = doctor("agent.env");
        assertEquals(List.of("agent.env:2: [dotenv] AGENTOPS_EXPORTER_ENDPOINT is used as given, the full URL spans are posted to"
            + " (agentops/sdk/exporters.py), so without /v1/traces the collector answers 404 and no span arrives;"
            + " write http://otel.internal:4318/v1/traces"), errors(run), run.all());
        write("ok.env", "AGENTOPS_API_KEY=<key>\nAGENTOPS_EXPORTER_ENDPOINT=http://otel.internal:4318/v1/traces/\n");
        assertEquals(List.of(), errors(doctor("ok.env")));
    }

    @Test
    void aCollectorHostNameThatIsNoServiceOfTheFolder() throws Exception {
        write("deploy/compose.yaml", """
            services:
              otelcollector:
                image: otel/opentelemetry-collector-contrib:0.120.0
              proxy:
                image: nginx:1.27
            """);
        write("deploy/site.conf", """
            server {
                listen 80;
                location /v1/traces {
                    proxy_pass http://otel-collector:4318;
                }
            }
            """);
        GuideFixture.Run run = doctor("deploy");
        assertTrue(run.out().contains("deploy: 2 files to check"), run.all());
        assertTrue(errors(run).contains("deploy/site.conf:4: [doctor] host 'otel-collector' is no service of the compose files checked"
            + " with it; nginx resolves it when it starts and refuses to start ('host not found in upstream'); the service is called"
            + " 'otelcollector'"), run.all());
    }

    @Test
    void anNginxConfigWithAUserAndAnUpstreamNamedLikeItsServiceIsNotTheMachinesProblem() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CI") != null || dev.selfhostguide.checks.Tools.onPath(System.getenv("PATH"))
            .find("nginx").isPresent(), "nginx not installed: skipping");
        write("nginx.conf", """
            user nginx;
            events {
              worker_connections 1024;
            }
            http {
              upstream api {
                server api:8080;
              }
              server {
                listen 80;
                location / {
                  proxy_pass http://api;
                }
              }
            }
            """);
        GuideFixture.Run run = doctor("nginx.conf");
        assertEquals(List.of(), errors(run), run.all());
    }

    @Test
    void aDashboardApiUrlOnLocalhostIsWarnedAbout() throws Exception {
        write("app/.env", "NEXT_PUBLIC_API_URL=http://localhost:8000\nNEXT_PUBLIC_SUPABASE_URL=http://supabase.internal:8000\n");
        GuideFixture.Run run = doctor("app/.env");
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("app/.env:1: [dotenv] warning: NEXT_PUBLIC_API_URL points at localhost")
            && l.contains("every user's browser calls its own machine")), run.all());
        assertEquals(0, run.exitCode(), run.all());
    }

    @Test
    void twoServicesPublishingOneHostPort() throws Exception {
        write("compose.yaml", """
            services:
              otelcollector:
                image: otel/opentelemetry-collector-contrib:0.120.0
                ports:
                  - '4317:4317'
                  - '4318:4318'
              otel-collector:
                image: otel/opentelemetry-collector-contrib:0.120.0
                ports:
                  - '127.0.0.1:4319:4317'
                  - "0.0.0.0:4318:4318"
            """);
        GuideFixture.Run run = doctor("compose.yaml");
        assertEquals(List.of("compose.yaml:11: [doctor] host port 4318 is already published by service 'otelcollector'"
            + " (compose.yaml:6): docker compose cannot start both ('port is already allocated'); publish another host port for one of them"),
            errors(run), run.all());
    }

    @Test
    void aCollectorComposeThatFeedsTheCollectorAnEmptyJwtSecret() throws Exception {
        write("collector/compose.yaml", """
            services:
              otelcollector:
                image: agentops-otel:local
                environment:
                  - CLICKHOUSE_PASSWORD=${CLICKHOUSE_PASSWORD:-password}
                  - JWT_SECRET=${JWT_SECRET:-}
            """);
        GuideFixture.Run alone = doctor("collector/compose.yaml");
        assertEquals(List.of("collector/compose.yaml:6: [doctor] service 'otelcollector' gets JWT_SECRET from ${JWT_SECRET}, which"
            + " app/.env does not set (it sets JWT_SECRET_KEY, variables.yml): an empty JWT_SECRET makes the collector reject what it"
            + " should accept; write JWT_SECRET=${JWT_SECRET_KEY}"), errors(alone), alone.all());
    }

    @Test
    void secretsTheApiAndTheCollectorShareMustArriveEqual() throws Exception {
        write(".env", "JWT_SECRET_KEY=<jwt-secret>\nCLICKHOUSE_PASSWORD=<clickhouse-password>\n");
        write("compose.yaml", """
            services:
              api:
                image: agentops-api:local
                environment:
                  JWT_SECRET_KEY: ${JWT_SECRET_KEY}
                  CLICKHOUSE_PASSWORD: ${CLICKHOUSE_PASSWORD}
              otelcollector:
                image: agentops-otel:local
                environment:
                  JWT_SECRET: ${JWT_SECRET_KEY}
                  CLICKHOUSE_PASSWORD: another-password-typed-here
            """);
        GuideFixture.Run run = doctor(".");
        assertEquals(List.of("compose.yaml:11: [doctor] service 'otelcollector' gets a different CLICKHOUSE_PASSWORD than service"
            + " 'api' gets as CLICKHOUSE_PASSWORD (compose.yaml:6): the collector rejects what the API signs; take both from"
            + " ${CLICKHOUSE_PASSWORD}"), errors(run), run.all());
    }

    @Test
    void aComposeVariableTheEnvBesideItDoesNotSet() throws Exception {
        write(".env", "JWT_SECRET_KEY=<jwt-secret>\n");
        write("compose.override.yaml", """
            services:
              api:
                environment:
                  JWT_SECRET_KEY: ${JWT_SECRET_KEY}
                  LOGGING_LEVEL: ${LOG_LEVEL}
                  SUPABASE_SSLMODE: ${SUPABASE_SSLMODE:-prefer}
            """);
        GuideFixture.Run run = doctor(".");
        assertEquals(List.of(), errors(run), run.all());
        assertTrue(run.err().contains("compose.override.yaml:5: [doctor] warning: ${LOG_LEVEL} is set in none of the .env files"
            + " checked with it, so docker compose passes service 'api' an empty LOGGING_LEVEL unless the shell exports it;"
            + " set LOG_LEVEL in the .env"), run.all());
        assertFalse(run.err().contains("SUPABASE_SSLMODE}"), run.all());
    }

    @Test
    void theGuidesProfileAlsoHoldsAnEnvsPortsToTheReferenceDeployment() throws Exception {
        write(".env", "API_DOMAIN=agentops.internal:8000\n");
        assertEquals(List.of(), errors(doctor(".env")));
        GuideFixture.Run guide = doctor("--profile", "guide", ".env");
        assertTrue(guide.err().lines().anyMatch(l -> l.startsWith(".env:1: [ports] ")), guide.all());
    }

    @Test
    void aSupabaseEnvWithThePublishedJwtSecretAndFixedS3Keys() throws Exception {
        write("supabase/.env", """
            ANON_KEY=<anon>
            SERVICE_ROLE_KEY=<service>
            JWT_SECRET=your-super-secret-jwt-token-with-at-least-32-characters-long
            S3_PROTOCOL_ACCESS_KEY_ID=625729a08b95bf1b7ff351a663f3a23c
            POSTGRES_DB=postgres
            """);
        GuideFixture.Run run = doctor("supabase/.env");
        List<String> errors = errors(run);
        assertEquals(2, errors.size(), run.all());
        assertTrue(errors.get(0).startsWith("supabase/.env:3: [dotenv] JWT_SECRET is set to a published example value:"), run.all());
        assertTrue(errors.get(1).startsWith("supabase/.env:4: [dotenv] S3_PROTOCOL_ACCESS_KEY_ID is set to a published example value:"),
            run.all());
    }

    /** The value neighbours.yml records for a variable of Supabase's docker/.env.example. */
    private static String supabaseExample(String variable) {
        return dev.selfhostguide.content.Catalog.load(GuideFixture.repositoryRoot().resolve("content/data")).neighbours()
            .publishedSecrets().entrySet().stream().filter(e -> e.getValue().matches(".*Supabase's (demo|example) " + variable + "[ ,;].*"))
            .map(java.util.Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no example " + variable));
    }

    @Test
    void aSupabaseEnvThatKeepsTheDemoKeysAndSecretsOfItsExample() throws Exception {
        List<String> names = List.of("ANON_KEY", "SERVICE_ROLE_KEY", "POSTGRES_PASSWORD", "DASHBOARD_PASSWORD", "SECRET_KEY_BASE",
            "VAULT_ENC_KEY", "LOGFLARE_PRIVATE_ACCESS_TOKEN");
        StringBuilder env = new StringBuilder("DASHBOARD_USERNAME=supabase\nPOSTGRES_DB=postgres\n");
        for (String name : names) {
            env.append(name).append('=').append(supabaseExample(name)).append('\n');
        }
        env.append("JWT_EXPIRY=3600\nMINIO_ROOT_PASSWORD=my-own-minio-password-7f3a\n");
        write("supabase/.env", env.toString());
        GuideFixture.Run run = doctor("--format", "json", "supabase/.env");
        GuideFixture.Run text = doctor("supabase/.env");
        List<String> errors = errors(text);
        assertEquals(names.size(), errors.size(), text.all());
        for (int i = 0; i < names.size(); i++) {
            assertTrue(errors.get(i).startsWith("supabase/.env:" + (i + 3) + ": [dotenv] " + names.get(i)
                + " is set to a published example value: self-hosted Supabase's"), errors.get(i));
        }
        // A signed key is replaced by signing new ones, not by a random string.
        assertTrue(errors.get(0).endsWith("set a signing secret of your own and sign new keys with it, then set them everywhere these"
            + " keys are used"), errors.get(0));
        assertTrue(errors.get(2).endsWith("generate your own (e.g. openssl rand -hex 32) and set it everywhere this secret is used"),
            errors.get(2));
        for (String name : names) {
            String value = supabaseExample(name);
            assertFalse(text.all().contains(value) || run.all().contains(value), name + " printed:\n" + text.all());
        }
        assertTrue(run.out().contains("\"component\":\"supabase\""), run.all());
    }

    @Test
    void kongsHostPortCollidesWithTheAgentopsApi() throws Exception {
        write("app/compose.yaml", """
            services:
              api:
                image: agentops-api:local
                ports:
                  - '8000:8000'
            """);
        write("supabase/.env", "ANON_KEY=<anon>\nSERVICE_ROLE_KEY=<service>\nKONG_HTTP_PORT=8000\nKONG_HTTPS_PORT=8443\n");
        GuideFixture.Run run = doctor(".");
        assertEquals(List.of("supabase/.env:3: [doctor] KONG_HTTP_PORT=8000 publishes kong of supabase on host port 8000, which"
            + " service 'api' publishes too (app/compose.yaml:5): the stack started second fails ('port is already allocated'); set"
            + " KONG_HTTP_PORT to a free port"), errors(run), run.all());
    }

    @Test
    void litellmDollarBracesAndASettingUnderTheWrongSection() throws Exception {
        write("config.yaml", """
            model_list:
              - model_name: gpt
                litellm_params:
                  model: openai/gpt-4o
                  api_key: ${OPENAI_API_KEY}
            general_settings:
              cache: true
            """);
        GuideFixture.Run run = doctor("config.yaml");
        List<String> errors = errors(run);
        assertEquals(2, errors.size(), run.all());
        assertTrue(errors.get(0).startsWith("config.yaml:5: [litellm-config] LiteLLM does not expand ${OPENAI_API_KEY}")
            && errors.get(0).endsWith("write os.environ/OPENAI_API_KEY"), run.all());
        assertTrue(errors.get(1).startsWith("config.yaml:7: [litellm-config] general_settings.cache is never read")
            && errors.get(1).endsWith("move it to litellm_settings"), run.all());
    }

    // ---- output ------------------------------------------------------------------------------

    @Test
    void noSecretValueInTextJsonOrSarif() throws Exception {
        write(".env", "SUPABASE_PASSWORD=\"Sup3rS3cretPassw0rd\"trailing-Sup3rTail9\nDATABASE_URL=postgres://app:Db-pa55word-xyz@db:5432/app\n"
            + "SUPABASE_PORT=Db-pa55word-xyz\n");
        for (String format : List.of("text", "json", "sarif")) {
            GuideFixture.Run run = doctor("--format", format, "--component", "compose", ".env");
            assertFalse(run.all().contains("Sup3rS3cretPassw0rd"), run.all());
            assertFalse(run.all().contains("trailing-Sup3rTail9"), run.all());
            assertFalse(run.all().contains("Db-pa55word-xyz"), run.all());
            assertTrue(run.all().contains("trai…il9 (19 chars)"), format + ": " + run.all());
            assertTrue(run.all().contains("Db-p…xyz (15 chars)"), format + ": " + run.all());
        }
    }

    @Test
    void noSecretValueInGithubAnnotations() throws Exception {
        write(".env", "SUPABASE_PASSWORD=\"Sup3rS3cretPassw0rd\"trailing-Sup3rTail9\n");
        dev.selfhostguide.doctor.Doctor.Report report = new dev.selfhostguide.doctor.Doctor(
            dev.selfhostguide.content.Catalog.load(GuideFixture.repositoryRoot().resolve("content/data")),
            new dev.selfhostguide.doctor.DoctorOptions(java.util.Optional.empty(), java.util.Optional.of("compose"),
                java.util.Optional.empty()),
            dev.selfhostguide.checks.Tools.onPath(System.getenv("PATH")), false).run(dir, List.of(".env"));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream errStream = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        new Console(System.out, errStream, false, true).findings(report.findings(), new dev.selfhostguide.content.Project(dir));
        String printed = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.contains("::error file=.env,line=1,title=dotenv::text after the closing quote of SUPABASE_PASSWORD:"
            + " 'trai…il9 (19 chars)'"), printed);
        assertFalse(printed.contains("Sup3rS3cret") || printed.contains("trailing-Sup3rTail9"), printed);
    }

    @Test
    void sarifIsVersion210WithOneResultPerFinding() throws Exception {
        write("config.yaml", "model_list:\n  - model_name: x\n    litellm_params:\n      model: openai/x\n      api_key: ${KEY}\n");
        GuideFixture.Run run = doctor("--format", "sarif", "config.yaml");
        assertEquals(1, run.exitCode(), run.all());
        String out = run.out().strip();
        assertTrue(out.startsWith("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"), out);
        assertTrue(out.contains("\"ruleId\":\"litellm-config\",\"level\":\"error\""), out);
        assertTrue(out.contains("\"uri\":\"config.yaml\""), out);
        assertTrue(out.contains("\"startLine\":5"), out);
        assertEquals("", run.err(), run.all());
        GuideFixture.Run json = doctor("--format", "json", "config.yaml");
        assertTrue(json.out().startsWith("{\"files\":[{\"path\":\"config.yaml\",\"kind\":\"litellm-config\",\"component\":null,"), json.all());
        assertEquals(2, doctor("--format", "xml", "config.yaml").exitCode());
    }

    @Test
    void aFolderIsSearchedForDeploymentFilesOnly() throws Exception {
        write("stack/.env", "JWT_SECRET_KEY=<jwt>\n");
        write("stack/.env.example", "NOT_A_VARIABLE=1\n");
        write("stack/compose.yaml", "services:\n  api:\n    image: agentops-api:local\n");
        write("stack/compose.override.yaml", "services:\n  api:\n    environment:\n      LOGGING_LEVEL: INFO\n");
        write("stack/litellm/config.yaml", "model_list:\n  - model_name: x\n    litellm_params:\n      model: openai/x\n");
        write("stack/collector/config.yaml", "receivers:\n  otlp:\n    protocols:\n      http:\nexporters:\n  debug:\n"
            + "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n");
        write("stack/nginx/site.conf", "server {\n    listen 80;\n    location / {\n        proxy_pass http://api:8000;\n    }\n}\n");
        write("stack/node_modules/pkg/.env", "WHATEVER=1\n");
        write("stack/.github/workflows/ci.yml", "on: push\njobs: {}\n");
        GuideFixture.Run run = doctor("stack");
        assertTrue(run.out().contains("stack: 6 files to check"), run.all());
        for (String file : List.of("stack/.env: read as the AgentOps app/.env", "stack/compose.yaml: read as a Compose file",
                "stack/compose.override.yaml: read as a Compose file", "stack/litellm/config.yaml: read as a LiteLLM proxy config",
                "stack/collector/config.yaml: read as an OpenTelemetry collector config", "stack/nginx/site.conf: read as an nginx config")) {
            assertTrue(run.out().contains(file), file + "\n" + run.all());
        }
        assertFalse(run.all().contains(".env.example"), run.all());
        assertFalse(run.all().contains("node_modules"), run.all());
        assertEquals(List.of(), errors(run), run.all());
    }

    @Test
    void aBuildContextThatDoesNotHoldWhatTheDockerfileCopies() throws Exception {
        write("app/api/Dockerfile", "FROM python:3.12-slim\nCOPY api/pyproject.toml /app/\nCOPY api/agentops /app/agentops\n");
        write("app/api/pyproject.toml", "[project]\n");
        write("app/api/agentops/app.py", "");
        write("app/compose.yaml", "services:\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile\n");
        GuideFixture.Run run = doctor("app");
        assertEquals(List.of("app/compose.yaml:4: [doctor] service 'api' is built from app/api/, but app/api/Dockerfile:2 COPY reads"
            + " 'api/pyproject.toml', which is not under that context (nor are 'api/agentops' at line 3): docker compose build fails"
            + " ('not found'); they are under app/: set context: . (and dockerfile: relative to it), or fix the paths in the Dockerfile"),
            errors(run), run.all());
        // The same compose file passed alone: the reader named no folder, so its neighbours are not read.
        assertEquals(List.of(), errors(doctor("app/compose.yaml")), "a file operand reads no Dockerfile");
    }

    @Test
    void aCollectorConfigTheFoldersDockerfileMergesWithAnotherIsAPart() throws Exception {
        String base = "receivers:\n  otlp:\n    protocols:\n      http:\n        endpoint: 0.0.0.0:4318\nexporters:\n  debug:\n"
            + "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [batch]\n      exporters: [debug]\n";
        write("stack/collector/config/base.yaml", base);
        write("stack/collector/Dockerfile", "FROM otel/opentelemetry-collector-contrib:0.120.0\nCOPY config /etc/config/\n"
            + "CMD [\"--config=/etc/config/base.yaml\", \"--config=/etc/config/processors.yaml\"]\n");
        GuideFixture.Run run = doctor("stack");
        assertTrue(run.out().contains("stack/collector/config/base.yaml: read as an OpenTelemetry collector config, one part of the"
            + " config stack/collector/Dockerfile starts the collector with (--as to change)"), run.all());
        assertEquals(List.of(), errors(run), run.all());
        assertTrue(run.err().contains("stack/collector/config/base.yaml:12: [otel-collector] warning: pipeline 'traces' uses processor"
            + " 'batch'"), run.all());
        // The same config started alone is refused by the collector.
        write("stack/collector/Dockerfile", "FROM otel/opentelemetry-collector-contrib:0.120.0\nCMD [\"--config=/etc/config/base.yaml\"]\n");
        assertEquals(1, errors(doctor("stack")).size(), doctor("stack").all());
    }
}

package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The severity audit of issue 14 (CONTRIBUTING, "guide doctor: what is an error"): in a reader's
 * file an error means upstream fails, refuses or silently ignores what the reader wrote; advice,
 * guesses and what doctor's own sandbox cannot check are warnings. One test per rule whose
 * severity the audit changed, on inputs of our own, asserted at file:line.
 */
class DoctorSeverityTest {

    @TempDir
    Path dir;

    private GuideFixture.Run doctor(String... args) {
        return DoctorFixture.doctor(dir, args);
    }

    private void write(String relative, String text) throws Exception {
        DoctorFixture.write(dir, relative, text);
    }

    private static List<String> errors(GuideFixture.Run run) {
        return run.err().lines().filter(l -> l.contains(": [") && !l.contains("] warning:") && !l.startsWith("::")).toList();
    }

    // ---- what doctor's sandbox or its guesses cannot know: warnings ---------------------------

    @Test
    void aReadersCurlIsNotHeldToTheGuidesHostsPortsAndPathsUnlessTheyAskForIt() throws Exception {
        write("smoke.sh", """
            #!/bin/sh
            curl -fsS https://api.openai.com/v1/models
            curl -fsS http://localhost:8000/not-an-endpoint
            curl -fsS -K curl.conf
            """);
        GuideFixture.Run run = doctor("smoke.sh");
        assertEquals(List.of(), errors(run), run.all());
        assertTrue(run.err().contains("smoke.sh:4: [http] warning: curl without a URL"), run.all());
        assertTrue(!run.err().contains("api.openai.com"), run.all());
        // Under --profile guide the reader asked to be held to the reference deployment, as a guide block is.
        GuideFixture.Run guide = doctor("--profile", "guide", "smoke.sh");
        assertTrue(errors(guide).stream().anyMatch(l -> l.startsWith("smoke.sh:2: [http] host 'api.openai.com' in"
            + " https://api.openai.com/v1/models is not loopback")), guide.all());
    }

    @Test
    void aReadersProgramMayReadAnyVariableItself() throws Exception {
        write("agent.py", """
            import os
            import agentops
            region = os.environ.get("AGENTOPS_REGION_LABEL")
            agentops.init(api_key=os.environ["AGENTOPS_API_KEY"])
            """);
        GuideFixture.Run run = doctor("agent.py");
        Assumptions.assumeFalse(run.all().contains("python3 is not installed"), "python3 is not installed here");
        assertEquals(List.of(), errors(run), run.all());
        assertTrue(run.err().contains("agent.py:3: [python] warning: AGENTOPS_REGION_LABEL is not an environment variable the agentops"
            + " SDK reads"), run.all());
        // What the SDK itself refuses stays an error: init() has no such keyword (TypeError).
        write("bad.py", "import agentops\nagentops.init(api_kye=\"x\")\n");
        GuideFixture.Run bad = doctor("bad.py");
        assertTrue(errors(bad).stream().anyMatch(l -> l.startsWith("bad.py:2: [python] agentops.init() has no keyword api_kye")),
            bad.all());
    }

    @Test
    void aFileOfTheReadersServerThatThisMachineLacksIsNotTheConfigsFault() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")) || System.getenv("CI") != null,
            "nginx is not installed here");
        write("site.conf", """
            server {
                listen 80;
                include /etc/nginx/snippets/reader-only.conf;
                location / { root /srv/www; }
            }
            """);
        GuideFixture.Run run = doctor("site.conf");
        assertEquals(List.of(), errors(run), run.all());
        assertTrue(run.err().contains("site.conf:3: [nginx] warning: not fully checked here: nginx -t stopped here because this machine"
            + " lacks what the line names"), run.all());
        // A mistake in the config itself is still an error.
        write("broken.conf", "server {\n    listen 80;\n    proxy_passs http://127.0.0.1:8003;\n}\n");
        GuideFixture.Run broken = doctor("broken.conf");
        assertTrue(errors(broken).stream().anyMatch(l -> l.startsWith("broken.conf:3: [nginx] nginx -t: unknown directive")),
            broken.all());
    }

    @Test
    void aFileDoctorCannotReadOrPlaceIsNotCheckedNotWrong() throws Exception {
        Files.write(dir.resolve("latin1.env"), "# caf\u00e9\nAGENTOPS_API_KEY=x\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        GuideFixture.Run latin = doctor("latin1.env");
        assertEquals(List.of(), errors(latin), latin.all());
        assertTrue(latin.err().contains("latin1.env:1: [doctor] warning: not checked: invalid UTF-8"), latin.all());
        // A byte order mark is skipped by compose's and PyYAML's readers: a warning, and the rest is checked.
        Files.write(dir.resolve("bom.env"), ("\uFEFFAGENTOPS_API_KEY=x\nAGENTOPS_API_ENDPIONT=http://api.internal\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        GuideFixture.Run bom = doctor("bom.env");
        assertTrue(bom.err().contains("bom.env:1: [doctor] warning: the file starts with a UTF-8 byte order mark"), bom.all());
        assertTrue(errors(bom).stream().anyMatch(l -> l.startsWith("bom.env:2: [dotenv] AGENTOPS_API_ENDPIONT")), bom.all());
    }

    @Test
    void aKubernetesManifestReadAsACollectorConfigIsDoctorsGuessNotTheReadersMistake() throws Exception {
        write("otel-collector.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: otel-collector
            """);
        GuideFixture.Run run = doctor("--as", "otel-collector", "otel-collector.yaml");
        assertEquals(List.of(), errors(run), run.all());
        assertTrue(run.err().contains("otel-collector.yaml:1: [otel-collector] warning: no OpenTelemetry Collector config found: the file"
            + " is a Kubernetes manifest"), run.all());
    }

    @Test
    void aCallbackTheCatalogDoesNotListIsAdviceButTheCloudOnlyOneStaysAnError() throws Exception {
        write("config.yaml", """
            model_list:
              - model_name: m
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/OPENAI_API_KEY
            litellm_settings:
              success_callback: ["wandb"]
              failure_callback: ["agentops"]
            """);
        GuideFixture.Run run = doctor("config.yaml");
        assertTrue(run.err().contains("config.yaml:7: [litellm-config] warning: success_callback 'wandb' is not a callback name"), run.all());
        // The guide's reader self-hosts AgentOps: this callback never reaches their instance.
        assertEquals(List.of("config.yaml:8: [litellm-config] failure_callback 'agentops': LiteLLM's agentops callback only reaches"
            + " AgentOps Cloud: its trace endpoint (otlp.agentops.cloud, or otlp.agentops.ai in the OTel v2 preset) and its auth"
            + " endpoint (https://api.agentops.ai/v3/auth/token) are hard-coded, no setting or variable changes them, and it would send"
            + " your self-hosted API key to the cloud; for a self-hosted AgentOps use the otel callback with OTEL_ENDPOINT pointing at"
            + " your collector (untested) or a custom callback module"), errors(run), run.all());
    }

    @Test
    void anAgentopsNameUnlikeAnyTheSdkReadsMayBeTheProgramsOwn() throws Exception {
        write("agent.env", "AGENTOPS_API_KEY=<key>\nAGENTOPS_PROJECT_LABEL=research\n");
        GuideFixture.Run run = doctor("agent.env");
        assertEquals(List.of(), errors(run), run.all());
        assertTrue(run.err().contains("agent.env:2: [dotenv] warning: AGENTOPS_PROJECT_LABEL is not a variable the AgentOps SDK reads"),
            run.all());
    }

    @Test
    void aServiceAnIncludedFileMayDefineIsNotReportedAsMissing() throws Exception {
        write("compose.yaml", """
            include:
              - infra/compose.yaml
            services:
              api:
                image: example/api:1
                depends_on: [db]
            """);
        write("other/compose.yaml", "services:\n  web:\n    image: example/web:1\n");
        GuideFixture.Run run = doctor("compose.yaml", "other/compose.yaml");
        assertEquals(List.of(), errors(run), run.all());
        assertTrue(run.err().contains("compose.yaml:6: [compose] warning: service 'api' depends on 'db', which this file does not define"),
            run.all());
    }

    // ---- what upstream fails on, refuses or silently ignores: errors -------------------------

    @Test
    void litellmsPublishedMasterKeyIsAnErrorInItsConfigAndInAComposeEnvironment() throws Exception {
        write("config.yaml", """
            model_list:
              - model_name: m
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/OPENAI_API_KEY
            general_settings:
              master_key: sk-1234
            """);
        write("compose.yaml", """
            services:
              proxy:
                image: ghcr.io/berriai/litellm:main-stable
                environment:
                  - LITELLM_MASTER_KEY=sk-1234
              worker:
                image: example/worker:1
                environment:
                  LITELLM_MASTER_KEY: sk-1234
                  LOG_LEVEL: info
            """);
        GuideFixture.Run run = doctor("config.yaml", "compose.yaml");
        List<String> errors = errors(run);
        assertTrue(errors.stream().anyMatch(l -> l.startsWith("config.yaml:7: [litellm-config] general_settings.master_key is a published"
            + " example value: the master key of LiteLLM's examples")), run.all());
        assertTrue(errors.stream().anyMatch(l -> l.startsWith("compose.yaml:5: [compose] service 'proxy' gets LITELLM_MASTER_KEY set to a"
            + " published example value")), run.all());
        assertTrue(errors.stream().anyMatch(l -> l.startsWith("compose.yaml:9: [compose] service 'worker' gets LITELLM_MASTER_KEY")),
            run.all());
        assertEquals(3, errors.size(), run.all());
        // The secret itself is masked wherever it is shown.
        assertTrue(!run.err().contains("=sk-1234"), run.all());
        // The database password of the same .env.example, hard-coded between the stack's own containers
        // as LiteLLM's compose file does: not client-facing, so advice.
        write("db/compose.yaml", """
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_DB: litellm
                  POSTGRES_PASSWORD: dbpassword9090
            """);
        GuideFixture.Run db = doctor("db/compose.yaml");
        assertEquals(List.of(), errors(db), db.all());
        assertTrue(db.err().contains("db/compose.yaml:6: [compose] warning: service 'db' gets POSTGRES_PASSWORD set to a published"
            + " example value: the Postgres password of LiteLLM's .env.example (its DATABASE_URL, user llmproxy)"), db.all());
        // In a .env the same value is an error whatever it guards: the reader set it there themselves.
        write("db/.env", "POSTGRES_PASSWORD=dbpassword9090\n");
        assertTrue(errors(doctor("--component", "other", "db/.env")).stream()
            .anyMatch(l -> l.startsWith("db/.env:1: [dotenv] POSTGRES_PASSWORD is set to a published example value")));
    }

    @Test
    void aClickhouseDatabaseOtherThanOtel2IsAnErrorInTheAppEnv() throws Exception {
        write("app/.env", """
            NEXT_PUBLIC_SUPABASE_URL=http://supabase.internal:8000
            SUPABASE_SERVICE_ROLE_KEY=<service-role-key>
            CLICKHOUSE_HOST=clickhouse
            CLICKHOUSE_DATABASE=agentops
            JWT_SECRET_KEY=<jwt-secret>
            """);
        GuideFixture.Run run = doctor("app/.env");
        assertTrue(errors(run).contains("app/.env:4: [dotenv] CLICKHOUSE_DATABASE must be otel_2, not 'agentops': the API's queries"
            + " (app/api/agentops/exporter/processor.py, opsboard/services/billing_service.py) and the ClickHouse migrations"
            + " (app/clickhouse/migrations/0000_init.sql) name the database otel_2 outright, so with another name the collector writes"
            + " spans where the API never reads them (content/data/variables.yml)"), run.all());
        write("ok/.env", "NEXT_PUBLIC_SUPABASE_URL=http://supabase.internal:8000\nCLICKHOUSE_HOST=clickhouse\nCLICKHOUSE_DATABASE=otel_2\n");
        assertEquals(List.of(), errors(doctor("--component", "compose", "ok/.env")));
    }

    @Test
    void aDuplicateKeySaysWhichBlockTheProgramKeeps() throws Exception {
        write("config.yaml", """
            litellm_settings:
              drop_params: true
              request_timeout: 30
            model_list: []
            litellm_settings:
              drop_params: true
            """);
        GuideFixture.Run run = doctor("config.yaml");
        assertEquals(List.of("config.yaml:5: [yaml] duplicate key 'litellm_settings' (first at line 1): LiteLLM loads its config with"
            + " PyYAML, which keeps this one (line 5) and silently ignores the one at line 1; whatever that one sets and this one does not"
            + " is lost, so merge them into one (column 1)"), errors(run), run.all());
        write("compose.yaml", "services:\n  a:\n    image: x:1\nservices:\n  b:\n    image: y:1\n");
        GuideFixture.Run compose = doctor("compose.yaml");
        assertTrue(errors(compose).stream().anyMatch(l -> l.startsWith("compose.yaml:4: [yaml] duplicate key 'services' (first at line 1):"
            + " docker compose parses with Go's yaml.v3, which refuses the file")), compose.all());
    }

    // ---- knowing the file ----------------------------------------------------------------------

    @Test
    void aProxyEnvOfProviderKeysIsLitellmsByTheSpellingsOnlyLitellmReads() throws Exception {
        write("keys.env", """
            OPENAI_API_KEY=<openai>
            AZURE_API_KEY=<azure>
            AZURE_API_BASE=https://example.openai.azure.com
            AZURE_API_VERSION=2024-06-01
            REPLICATE_API_KEY=<replicate>
            GROQ_API_KEY=<groq>
            """);
        GuideFixture.Run run = doctor("keys.env");
        assertTrue(run.out().contains("keys.env: read as a LiteLLM proxy .env (it sets AZURE_API_BASE, AZURE_API_VERSION, REPLICATE_API_KEY,"
            + " spelled as only litellm reads them"), run.all());
        // An SDK program that uses LiteLLM as a library stays an SDK program's .env.
        write("agent.env", "AGENTOPS_API_KEY=<key>\nAZURE_API_BASE=https://example.openai.azure.com\nAZURE_API_VERSION=2024-06-01\n"
            + "REPLICATE_API_KEY=<replicate>\n");
        assertTrue(doctor("agent.env").out().contains("agent.env: read as an AgentOps SDK program's .env"));
        // Two of them are not enough: a program's .env may use one provider the LiteLLM way.
        write("two.env", "AZURE_API_BASE=https://example.openai.azure.com\nAZURE_API_VERSION=2024-06-01\nOPENAI_API_KEY=<k>\n");
        assertTrue(doctor("two.env").out().contains("two.env: read as the .env of another program"));
    }
}

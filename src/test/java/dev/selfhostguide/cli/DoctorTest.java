package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guide doctor} on readers' files: the real upstream files in ../shared/corpus when they
 * are there (valid ones pass, known upstream problems are reported), and files of our own.
 */
class DoctorTest {

    private static final Path CORPUS = GuideFixture.repositoryRoot().resolve("../shared/corpus").normalize();

    @TempDir
    Path dir;

    @BeforeEach
    void needsNoProjectAround() {
        assertFalse(Files.exists(dir.resolve("jbake.properties")));
    }

    private static GuideFixture.Run doctor(Path cwd, String... args) {
        return DoctorFixture.doctor(cwd, args);
    }

    private static Path corpus(String relative) {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "../shared/corpus not present: skipping corpus test");
        return CORPUS.resolve(relative);
    }

    private static List<String> errors(GuideFixture.Run run) {
        return run.err().lines().filter(l -> l.contains(": [") && !l.contains("] warning:")).toList();
    }

    @Test
    void upstreamEnvExampleSetsAVariableNoComponentReads() {
        Path file = corpus("agentops/env.example");
        GuideFixture.Run run = doctor(file.getParent(), "--as", "dotenv", "--component", "compose", file.getFileName().toString());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("env\\.example:\\d+: \\[dotenv\\] warning: DEMO_ORG_ID has no effect.*")),
            run.all());
        // Compose hands NEXT_PUBLIC_SUPABASE_URL to the API as SUPABASE_URL: it is not dead.
        assertFalse(run.err().contains("NEXT_PUBLIC_SUPABASE_URL has no effect"), run.all());
    }

    @Test
    void upstreamComposeHandsTheApiAnAppUrlAndNoCookieSecret() {
        Path file = corpus("agentops/compose.yaml");
        GuideFixture.Run run = doctor(file.getParent(), "compose.yaml");
        assertTrue(run.all().contains("compose.yaml: read as a Compose file"), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("compose.yaml:") && l.contains("APP_URL")), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("compose.yaml:") && l.contains("AUTH_COOKIE_SECRET")), run.all());
    }

    @Test
    void validUpstreamFilesRaiseNoErrors() {
        for (String name : List.of("compose/supabase-docker-compose.yml", "compose/langfuse-docker-compose.yml",
                "compose/mattermost-docker-compose.yml", "otel/core-local-otel-config.yaml",
                "nginx/mattermost-default.conf", "litellm/spend_tracking_config.yaml")) {
            Path file = corpus(name);
            GuideFixture.Run run = doctor(file.getParent(), file.getFileName().toString());
            assertEquals(List.of(), errors(run), name + ":\n" + run.all());
            assertEquals(0, run.exitCode(), name + ":\n" + run.all());
        }
    }

    @Test
    void knownBadUpstreamFilesAreReportedAtTheirLine() {
        Path file = corpus("litellm/proxy_config.yaml");
        GuideFixture.Run run = doctor(file.getParent(), "proxy_config.yaml");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("proxy_config.yaml:34: [yaml]")), run.all());
    }

    @Test
    void agentopsCallbackAndDeadLitellmKeysInAReadersConfig() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), """
            model_list:
              - model_name: chat
                litellm_params:
                  model: openai/chat
            litellm_settings:
              success_callback: ["agentops"]
              agentops_endpoint: http://127.0.0.1:8003
            """);
        GuideFixture.Run run = doctor(dir, "config.yaml");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("config.yaml:6: [litellm-config]")), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("config.yaml:7: [litellm-config]")), run.all());
    }

    @Test
    void crlfInAReadersEnvIsAWarningNotAStop() throws Exception {
        Files.writeString(dir.resolve(".env"), "JWT_SECRET_KEY=change-me\r\nCLICKHOUSE_PASWORD=x\r\n");
        GuideFixture.Run run = doctor(dir, ".env");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().startsWith(".env:1: [doctor] warning: Windows line endings (CRLF)"), run.all());
        // The checks still ran, past the CR: the misspelt name on line 2 is found, without a CR in it.
        assertTrue(run.err().contains(".env:2: [dotenv] CLICKHOUSE_PASWORD is not a variable the compose reads"), run.all());
    }

    @Test
    void usage() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertEquals(2, doctor(dir).exitCode());
        assertEquals(2, doctor(dir, "missing.env").exitCode());
        assertEquals(2, doctor(dir, "--as", "toml", "notes.txt").exitCode());
        GuideFixture.Run unknown = doctor(dir, "notes.txt");
        // doctor's own limit, not a fault of the file: a warning that it was not checked.
        assertEquals(0, unknown.exitCode(), unknown.all());
        assertTrue(unknown.err().contains("notes.txt: [doctor] warning: not checked: cannot tell what kind of file this is"), unknown.all());
    }
}

package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Operate chapter tells operators what {@code guide doctor} does with their files: the
 * reference deployment's own files, laid out as the chapter's command names them, pass with exit
 * code 0 (warnings alone keep 0), and one broken file makes it exit 1 with a line at that file.
 */
class OperateDoctorTest {

    private static final Path EXAMPLES = GuideFixture.repositoryRoot().resolve("content/examples");

    @TempDir
    Path dir;

    private Path app() throws Exception {
        Path app = dir.resolve("app");
        Files.createDirectories(app);
        Files.copy(EXAMPLES.resolve("agentops.env"), app.resolve(".env"));
        Files.copy(EXAMPLES.resolve("compose.override.yaml"), app.resolve("compose.override.yaml"));
        Files.copy(EXAMPLES.resolve("compose.harden.yaml"), app.resolve("compose.harden.yaml"));
        return app;
    }

    @Test
    void theChaptersCommandPassesOnTheReferenceFiles() throws Exception {
        app();
        GuideFixture.Run run = GuideFixture.runIn("-C", dir.toString(), "doctor",
            "app/.env", "app/compose.override.yaml", "app/compose.harden.yaml");
        assertEquals(0, run.exitCode(), run.all());
    }

    @Test
    void aPortTypoInTheHardeningFileExitsOneAtItsLine() throws Exception {
        Path app = app();
        Path harden = app.resolve("compose.harden.yaml");
        String text = Files.readString(harden).replace("\"127.0.0.1:8123:8123\"", "\"127.0.0.1:8123:81234\"");
        Files.writeString(harden, text);
        int line = 1 + (int) text.substring(0, text.indexOf("81234")).chars().filter(c -> c == '\n').count();
        GuideFixture.Run run = GuideFixture.runIn("-C", dir.toString(), "doctor",
            "app/.env", "app/compose.override.yaml", "app/compose.harden.yaml");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("app/compose.harden.yaml:" + line + ": [compose]")), run.all());
    }
}

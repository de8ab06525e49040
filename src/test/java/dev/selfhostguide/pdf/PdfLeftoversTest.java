package dev.selfhostguide.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PDF run that was killed leaves its half-written file; the next run removes it, and only it. */
class PdfLeftoversTest {

    @TempDir
    Path dir;

    @Test
    void aKilledRunsPartFileGoesAndEverythingElseStays() throws Exception {
        long self = ProcessHandle.current().pid();
        // Above any pid_max Linux allows: a process that cannot be running.
        Path dead = Files.writeString(dir.resolve(".agentops-selfhost-guide.pdf.999999999-123.part"), "half");
        Path running = Files.writeString(dir.resolve(".agentops-selfhost-guide-ko.pdf." + self + "-456.part"), "half");
        Path recentOldStyle = Files.writeString(dir.resolve(".agentops-selfhost-guide.pdf789.part"), "half");
        Path pdf = Files.writeString(dir.resolve("agentops-selfhost-guide.pdf"), "%PDF");

        assertEquals(List.of(dead), PdfEditions.removeLeftovers(dir));
        for (Path kept : List.of(running, recentOldStyle, pdf)) {
            assertTrue(Files.exists(kept), kept + " was removed");
        }
    }
}

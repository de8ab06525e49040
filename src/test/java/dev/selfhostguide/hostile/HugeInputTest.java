package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs at the size limits must cost time in proportion to their size, never its square. */
class HugeInputTest {

    @TempDir
    Path dir;

    @Test
    void findingsOnEveryLineOfAHundredThousandLineSnippetAreLinear() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            text.append("K").append(i).append("=v\n");
        }
        Snippet snippet = Snippet.ofFile(dir.resolve("big.env"), "dotenv", Map.of(), text.toString());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int n = 1; n <= 100_000; n++) {
                assertEquals(n, Finding.error(snippet, n, "t", "m").line());
            }
            assertEquals(100_000, Finding.error(snippet, 100_001, "t", "past the end").line());
        });
    }

    @Test
    void doctorOnAHundredThousandLineEnvFinishesInSeconds() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            text.append("NOPE_").append(i % 10).append("=x\n");
        }
        Files.writeString(dir.resolve("big.env"), text.toString());
        long start = System.nanoTime();
        GuideFixture.Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> GuideFixture.runIn(
            "-C", dir.toString(), "doctor", "--quiet", "--as", "dotenv", "--component", "api", "big.env"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(run.exitCode() <= 1, run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("big.env:100000: ")), "the last line is reported:\n"
            + run.err().lines().reduce((a, b) -> b).orElse(""));
        assertFalse(run.all().contains("\tat "), "no stack trace");
        assertTrue(seconds < 20, "doctor took " + seconds + " s on 100,000 lines");
    }
}

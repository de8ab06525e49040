package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it: generated help, one-line usage errors with exit 2, completion. */
class CommandLineTest {

    private static void assertUsageError(GuideFixture.Run run, String expected) {
        assertEquals(2, run.exitCode(), run.all());
        assertEquals(1, run.err().strip().lines().count(), "one line:\n" + run.all());
        assertTrue(run.err().startsWith(expected), "expected '" + expected + "' in:\n" + run.all());
    }

    @Test
    void helpListsEveryCommandAndEveryCommandHasHelp() {
        GuideFixture.Run help = GuideFixture.runIn("--help");
        assertEquals(0, help.exitCode());
        for (String command : new String[] {"build", "check", "serve", "bundle", "doctor", "completion"}) {
            assertTrue(help.out().contains("  " + command + " "), command + " in:\n" + help.out());
            GuideFixture.Run own = GuideFixture.runIn(command, "--help");
            assertEquals(0, own.exitCode(), own.all());
            assertTrue(own.out().startsWith("Usage: java -jar target/guide.jar " + command), own.out());
        }
        assertEquals(2, GuideFixture.runIn().exitCode(), "no command is a usage error");
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        assertUsageError(GuideFixture.runIn("frob"), "guide: unknown command 'frob'. Commands: build, check, serve");
        assertUsageError(GuideFixture.runIn("build", "--frobnicate"), "guide build: Unknown option: '--frobnicate'");
        assertUsageError(GuideFixture.runIn("build", "--out"), "guide build: Missing required parameter for option '--out'");
        assertUsageError(GuideFixture.runIn("serve", "--port", "http"), "guide serve: Invalid value for option '--port'");
        assertUsageError(GuideFixture.runIn("serve", "--port", "70000"), "guide serve: --port needs a number from 0 to 65535");
        assertUsageError(GuideFixture.runIn("build", "extra"), "guide build: Unmatched argument");
        assertUsageError(GuideFixture.runIn("doctor", "--as", "nope", "x.env"), "guide doctor: ");
    }

    @Test
    void completionCoversCommandsAndOptions() {
        GuideFixture.Run run = GuideFixture.runIn("completion");
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().startsWith("#!/usr/bin/env bash"), run.out());
        assertTrue(run.out().contains("complete -F _complete_guide"), "registered for the launcher's name");
        for (String word : new String[] {"build", "bundle", "doctor", "--no-checks", "--bind", "--component", "otel-collector"}) {
            assertTrue(run.out().contains(word), word);
        }
    }
}

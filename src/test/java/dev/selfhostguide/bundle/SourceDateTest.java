package dev.selfhostguide.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceDateTest {

    @TempDir
    Path dir;

    @Test
    void sourceDateEpochWins() {
        assertEquals(1_700_000_000L, SourceDate.resolve(Map.of("SOURCE_DATE_EPOCH", "1700000000"), dir));
    }

    @Test
    void datesBeforeZipsCouldHoldThemAreRaised() {
        assertEquals(SourceDate.ZIP_EPOCH, SourceDate.resolve(Map.of("SOURCE_DATE_EPOCH", "0"), dir));
    }

    @Test
    void garbageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SourceDate.resolve(Map.of("SOURCE_DATE_EPOCH", "yesterday"), dir));
    }

    @Test
    void withoutGitIt1980() {
        assertEquals(SourceDate.ZIP_EPOCH, SourceDate.resolve(Map.of(), dir));
    }

    @Test
    void inTheRepositoryItIsTheLastCommit() {
        Long commit = SourceDate.commitDate(GuideFixture.repositoryRoot());
        if (commit != null) {                             // a source tarball has no .git
            assertEquals(commit, SourceDate.resolve(Map.of(), GuideFixture.repositoryRoot()));
            assertTrue(commit > 1_700_000_000L);
        }
    }
}

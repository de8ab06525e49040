package dev.selfhostguide.pipeline;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve's warm state gives the data as the files hold it, even when a write kept a file's size and time. */
class WarmStateTest {

    @TempDir
    Path dir;

    @Test
    void aDataFileTheWatcherReportsIsLoadedAgainWhateverItsStamp() throws Exception {
        GuideFixture.create(dir);
        Project project = new Project(dir);
        Path deployment = project.data().resolve("deployment.yml");
        WarmState warm = new WarmState(project);
        Catalog first = warm.catalog(project);
        assertSame(first, warm.catalog(project), "unchanged data is not loaded again");
        assertTrue(first.attributes().toString().contains("agentops.internal.example"), first.attributes().toString());

        // Same size, and the time put back: the stamp alone cannot tell.
        FileTime time = Files.getLastModifiedTime(deployment);
        Files.writeString(deployment, Files.readString(deployment).replace("internal.example", "internal.exampla"));
        Files.setLastModifiedTime(deployment, time);
        warm.forget(deployment);
        Catalog second = warm.catalog(project);
        assertTrue(second.attributes().toString().contains("agentops.internal.exampla"), second.attributes().toString());
    }
}

package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.bake.DataAttributes;
import dev.selfhostguide.content.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data value used as an {attribute} never reaches a page as markup. */
class DataEscapingTest {

    @TempDir
    Path dir;

    @Test
    void markupInADataValueIsRefusedAtItsLine() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/data/deployment.yml", """
                ports:
                  api: {reference: 8003, upstream: 8000, protocol: http, component: api, source: app/api/Dockerfile}
                hosts:
                  public: agentops.internal.example
                values:
                  evil: "<script>alert(1)</script> & <img src=x onerror=alert(2)>"
                """)
            .write("content/index.adoc", """
                = Home
                :jbake-type: page
                :jbake-status: published

                [#home-a]
                == A

                The value is {evil}.
                """);
        GuideFixture.Run run = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> fixture.run("build", "--quiet", "--no-checks"));
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("content/data/deployment.yml:6: [data] the value of {evil} holds <, > or &")),
            run.all());
        assertFalse(run.all().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(dir.resolve("target/site")), "nothing is published");
    }

    @Test
    void theRealDataHasNoMarkup() {
        assertEquals(List.of(), DataAttributes.problems(Catalog.load(GuideFixture.repositoryRoot().resolve("content/data"))));
    }
}

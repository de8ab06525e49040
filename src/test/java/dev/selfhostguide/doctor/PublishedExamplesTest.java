package dev.selfhostguide.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.SecretShapes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example secrets other projects publish (neighbours.yml) are kept as whole values so doctor
 * can recognise them in a reader's .env; the scan of everything the guide publishes must let
 * them through, as it does AgentOps' own insecure defaults, or the data file fails the build.
 */
class PublishedExamplesTest {

    private final Path data = GuideFixture.repositoryRoot().resolve("content/data");

    @Test
    void theNeighboursFileHoldsNoValueThePublishedTextScanRejects() throws Exception {
        Catalog catalog = Catalog.load(data);
        List<SecretShapes.Match> matches = SecretShapes.of(catalog).scan(Files.readString(data.resolve("neighbours.yml")));
        assertEquals(List.of(), matches);
        // Without the neighbours' entries on the allowlist the signed demo keys are what it would report.
        List<SecretShapes.Allowed> others = SecretShapes.allowed(catalog).stream()
            .filter(a -> catalog.neighbours().publishedSecrets().keySet().stream().noneMatch(v -> a.value().contains(v))).toList();
        List<SecretShapes.Match> without = new SecretShapes(others).scan(Files.readString(data.resolve("neighbours.yml")));
        assertTrue(without.stream().anyMatch(m -> m.shape().equals("a JSON Web Token")), without.toString());
    }

    @Test
    void everyPublishedExampleNamesTheFileAndCommitItWasReadAt() throws Exception {
        // The evidence is not a fact doctor uses, so it has no record: read the file as it is written.
        java.util.Map<?, ?> file = new org.yaml.snakeyaml.Yaml().load(Files.readString(data.resolve("neighbours.yml")));
        List<?> entries = (List<?>) file.get("published_secrets");
        for (Object entry : entries) {
            java.util.Map<?, ?> e = (java.util.Map<?, ?>) entry;
            java.util.Map<?, ?> source = (java.util.Map<?, ?>) e.get("source");
            assertTrue(source != null && source.get("path") != null && String.valueOf(source.get("commit")).matches("[0-9a-f]{40}"),
                "published secret without a pinned source: " + e.get("reason"));
        }
    }
}

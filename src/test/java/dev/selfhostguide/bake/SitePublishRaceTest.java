package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs publishing the same site at once (mvn package's background bundle and a test bundling
 * the same checkout): each swap must land, whole, whatever the interleaving of the renames.
 */
class SitePublishRaceTest {

    @TempDir
    Path dir;

    @Test
    void twoRunsPublishingTheSameSiteAtOnceBothSucceedAndLeaveOneWholeSite() throws Exception {
        Path site = dir.resolve("site");
        int rounds = 250;
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (String run : List.of("a", "b")) {
                runs.add(pool.submit(() -> {
                    try {
                        for (int i = 0; i < rounds; i++) {
                            Path staging = Files.createTempDirectory(dir, ".site.staging-" + run + "-");
                            Files.writeString(staging.resolve("index.html"), run + i, StandardCharsets.UTF_8);
                            together.await(10, TimeUnit.SECONDS);
                            SiteOutput.publish(staging, site);
                        }
                        return null;
                    } catch (Exception e) {
                        together.reset();   // the other run stops waiting for this one
                        throw e;
                    }
                }));
            }
            Throwable lost = null;   // the publish that failed, not the other run's broken barrier
            for (Future<?> run : runs) {
                try {
                    run.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (lost == null || lost instanceof BrokenBarrierException) {
                        lost = e.getCause();
                    }
                }
            }
            if (lost != null) {
                throw new AssertionError("a publish failed: " + lost, lost);
            }
        } finally {
            pool.shutdownNow();
        }
        String last = Files.readString(site.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(last.equals("a" + (rounds - 1)) || last.equals("b" + (rounds - 1)), last);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(site), left.toList(), "no staging or old folder is left behind");
        }
    }
}

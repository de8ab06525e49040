package dev.selfhostguide.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's own catalog against a real AgentOps clone, when one is named by AGENTOPS_CLONE (a
 * clone or a bare git dir holding the pinned commit); skipped otherwise, since nothing is fetched.
 */
class RealCloneTest {

    @TempDir
    Path dir;

    private static Path agentopsClone() {
        String clone = System.getenv("AGENTOPS_CLONE");
        Assumptions.assumeTrue(clone != null && Files.isDirectory(Path.of(clone)),
            "AGENTOPS_CLONE names no AgentOps clone: skipping the real-clone verification");
        return Path.of(clone);
    }

    @Test
    void everyAgentopsFactIsVerifiedAtThePin() throws Exception {
        Path clone = agentopsClone();
        FactCatalog catalog = FactCatalog.load(GuideFixture.repositoryRoot().resolve("content/data"));
        List<String> bad = new Verifier(catalog, Clones.open(catalog, Map.of("agentops", clone), null)).verify().stream()
            .filter(r -> r.status() == Verifier.Status.MISSING || r.status() == Verifier.Status.MOVED)
            .map(r -> r.finding(false).orElseThrow().format(GuideFixture.repositoryRoot())).toList();
        assertEquals(List.of(), bad);
    }

    /** The two errors a review found in the data: the verifier must catch both on the real source. */
    @Test
    void theOldSupabaseReadAtAndThePprofPortAreCaught() throws Exception {
        Path clone = agentopsClone();
        Path data = dir.resolve("content/data");
        Files.createDirectories(data);
        try (Stream<Path> files = Files.list(GuideFixture.repositoryRoot().resolve("content/data"))) {
            for (Path f : files.toList()) {
                Files.copy(f, data.resolve(f.getFileName().toString()));
            }
        }
        Path variables = data.resolve("variables.yml");
        Files.writeString(variables, Files.readString(variables).replace(
            "SUPABASE_HOST: {read_at: app/api/agentops/common/environment.py", "SUPABASE_HOST: {read_at: app/api/agentops/api/environment.py"));
        Path deployment = data.resolve("deployment.yml");
        Files.writeString(deployment, Files.readString(deployment).replace("reference: 1777\n    upstream: 1777", "reference: 1888\n    upstream: 1888"));
        FactCatalog catalog = FactCatalog.load(data);
        List<Verifier.Result> results = new Verifier(catalog, Clones.open(catalog, Map.of("agentops", clone), null)).verify();
        Verifier.Result host = results.stream().filter(r -> r.fact().id().equals("components.api.variables.SUPABASE_HOST")).findFirst().orElseThrow();
        assertEquals(Verifier.Status.MOVED, host.status());
        assertTrue(String.join("; ", host.found()).contains("app/api/agentops/api/environment.py has no SUPABASE_HOST (read_at)"), host.found().toString());
        Verifier.Result pprof = results.stream().filter(r -> r.fact().id().equals("ports.collector-pprof")).findFirst().orElseThrow();
        assertEquals(Verifier.Status.MISSING, pprof.status());
        assertTrue(String.join("; ", pprof.found()).contains("listens on 1888"), pprof.found().toString());
    }
}

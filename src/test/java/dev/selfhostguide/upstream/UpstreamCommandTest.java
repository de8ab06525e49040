package dev.selfhostguide.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The commands as a contributor runs them: exit codes, one line per problem, and the JSON of guide facts. */
class UpstreamCommandTest {

    @TempDir
    Path dir;

    @Test
    void verifyExitsOneWhenAFactIsMissingAndPrintsItAtItsLine() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.data(up.base(), SyntheticUpstream.variables("app/api/common/environment.py"));
        GuideFixture.Run run = GuideFixture.runIn("-C", up.project.toString(), "upstream", "verify", "--repo", "agentops=" + up.repo, "-q");
        assertEquals(1, run.exitCode(), run.all());
        String missing = "content/data/deployment.yml:" + up.line("deployment.yml", "collector-pprof:") + ": [upstream] missing: port collector-pprof: ";
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith(missing)), run.all());
        assertTrue(run.out().contains("upstream verify: 17 facts: 14 verified, 0 moved, 1 missing, 1 not verified (no clone given), "
            + "1 the guide's own in "), run.all());
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.data(up.base(), SyntheticUpstream.variables("app/api/common/environment.py"));
        for (List<String> args : List.of(List.of("upstream"), List.of("upstream", "verify"), List.of("upstream", "verify", "--repo", "nope"),
                List.of("upstream", "verify", "--repo", "other=" + up.repo), List.of("upstream", "diff", "--repo", "agentops=" + up.repo),
                List.of("upstream", "verify", "--repo", "agentops=" + up.repo, "--at", "not-a-commit"), List.of("facts"))) {
            List<String> all = new java.util.ArrayList<>(List.of("-C", up.project.toString()));
            all.addAll(args);
            String[] full = all.toArray(String[]::new);
            GuideFixture.Run run = GuideFixture.runIn(full);
            assertEquals(2, run.exitCode(), args + ": " + run.all());
            assertEquals(1, run.err().lines().count(), args + ": " + run.all());
        }
    }

    @Test
    void factsJsonListsEveryFactWithEvidenceAndStatus() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.data(up.base(), SyntheticUpstream.variables("app/api/common/environment.py"));
        GuideFixture.Run plain = GuideFixture.runIn("-C", up.project.toString(), "facts", "--json");
        assertEquals(0, plain.exitCode(), plain.all());
        Map<String, Object> json = new Yaml().load(plain.out());
        List<Map<String, Object>> facts = cast(json.get("facts"));
        assertEquals(17, facts.size());
        Map<String, Object> host = facts.stream().filter(f -> f.get("id").equals("components.api.variables.DB_HOST")).findFirst().orElseThrow();
        assertEquals("content/data/variables.yml", host.get("file"));
        assertEquals(up.line("variables.yml", "      DB_HOST: {read_at: app/api/common"), host.get("line"));
        assertEquals("not verified: no clone given", host.get("status"));
        List<Map<String, Object>> evidence = cast(host.get("evidence"));
        assertEquals("app/api/common/environment.py", evidence.get(0).get("path"));
        assertEquals("example/agentops", evidence.get(0).get("github"));

        GuideFixture.Run verified = GuideFixture.runIn("-C", up.project.toString(), "facts", "--json", "--repo", "agentops=" + up.repo);
        List<Map<String, Object>> statuses = cast(((Map<String, Object>) new Yaml().load(verified.out())).get("facts"));
        assertEquals("verified", statuses.stream().filter(f -> f.get("id").equals("components.api.variables.DB_HOST")).findFirst()
            .orElseThrow().get("status"));
        assertEquals("missing", statuses.stream().filter(f -> f.get("id").equals("ports.collector-pprof")).findFirst()
            .orElseThrow().get("status"));
    }

    @Test
    void theBundlesFactsJsonIsTheGuidesCatalogAndTheSameBytesEachTime() throws Exception {
        Path data = GuideFixture.repositoryRoot().resolve("content/data");
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        FactsJson.write(data, dir.resolve("a"));
        FactsJson.write(data, dir.resolve("b"));
        byte[] a = Files.readAllBytes(dir.resolve("a").resolve(FactsJson.FILE));
        assertTrue(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("b").resolve(FactsJson.FILE))));
        Map<String, Object> json = new Yaml().load(new String(a, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(FactCatalog.load(data).facts().size(), ((List<?>) json.get("facts")).size());
        assertTrue(((Map<?, ?>) json.get("sources")).containsKey("agentops"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}

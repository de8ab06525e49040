package dev.selfhostguide.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.snippets.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** guide upstream verify on a synthetic upstream: verified, moved and missing facts at their data file lines. */
class VerifierTest {

    @TempDir
    Path dir;

    private static Verifier.Result result(List<Verifier.Result> results, String id) {
        return results.stream().filter(r -> r.fact().id().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError("no fact " + id));
    }

    private static String formatted(Verifier.Result result, Path project) {
        return result.finding(false).map(f -> f.format(project)).orElse("(no finding)");
    }

    @Test
    void factsWhoseEvidenceMatchesAtThePinAreVerified() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.data(up.base(), SyntheticUpstream.variables("app/api/common/environment.py"));
        List<Verifier.Result> results = new Verifier(up.catalog(), up.clones()).verify();
        for (String id : List.of("components.api.variables.DB_HOST", "components.api.variables.DB_PORT",
                "components.compose.variables.DB_HOST", "ports.api", "services.api", "services.collector",
                "agentops_config.extensions.pprof")) {
            assertEquals(Verifier.Status.VERIFIED, result(results, id).status(), id + ": " + result(results, id).found());
        }
        assertTrue(result(results, "components.api.variables.DB_PORT").found().get(0).endsWith("app/api/common/environment.py:4"),
            result(results, "components.api.variables.DB_PORT").found().toString());
        assertEquals(Verifier.Status.OWN, result(results, "ports.proxy").status());
    }

    @Test
    void aWrongReadAtPathIsReportedAtTheVariablesLineWithWhereTheNameReallyIs() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.data(up.base(), SyntheticUpstream.variables("app/api/api/environment.py"));
        Verifier.Result host = result(new Verifier(up.catalog(), up.clones()).verify(), "components.api.variables.DB_HOST");
        assertEquals(Verifier.Status.MOVED, host.status());
        int line = up.line("variables.yml", "      DB_HOST: {read_at: app/api/api/environment.py");
        assertEquals("content/data/variables.yml:" + line + ": [upstream] warning: moved: variable DB_HOST: "
            + "'os.getenv('DB_HOST')' at app/api/common/environment.py:3; app/api/api/environment.py has no DB_HOST (read_at) at "
            + Verifier.abbreviate(up.clones().tree("agentops").orElseThrow().commit())
            + "; found at app/api/common/environment.py:3, app/compose.yaml:8", formatted(host, up.project));
        assertEquals(Finding.Severity.ERROR, host.finding(true).orElseThrow().severity(), "--strict fails a moved fact");
    }

    @Test
    void aReadAtThatDoesNotExistIsMissing() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.data(up.base(), SyntheticUpstream.variables("app/api/nowhere.py"));
        Verifier.Result host = result(new Verifier(up.catalog(), up.clones()).verify(), "components.api.variables.DB_HOST");
        assertEquals(Verifier.Status.MISSING, host.status(), host.found().toString());
        assertTrue(formatted(host, up.project).contains("read_at app/api/nowhere.py does not exist at "), formatted(host, up.project));
    }

    @Test
    void evidenceThatMovedToAnotherFileIsReportedWithTheNewPlace() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.base();
        up.delete("app/api/api/environment.py");
        up.write("app/api/storage/settings.py", "import os\n\nBUCKET = os.environ['BUCKET']\n");
        up.data(up.commit("move BUCKET"), SyntheticUpstream.variables("app/api/common/environment.py"));
        Verifier.Result bucket = result(new Verifier(up.catalog(), up.clones()).verify(), "components.api.variables.BUCKET");
        assertEquals(Verifier.Status.MOVED, bucket.status());
        assertTrue(formatted(bucket, up.project).startsWith("content/data/variables.yml:" + up.line("variables.yml", "BUCKET:")
            + ": [upstream] warning: moved: variable BUCKET: app/api/api/environment.py does not exist at "), formatted(bucket, up.project));
        assertTrue(formatted(bucket, up.project).contains("found at app/api/storage/settings.py:3"), formatted(bucket, up.project));
    }

    @Test
    void aVariableUpstreamRemovedIsMissingAtItsLine() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.base();
        up.write("app/api/common/environment.py", "import os\n\nDB_HOST = os.getenv('DB_HOST')\nDB_PORT = int(os.getenv('DB_PORT', 5432))\n");
        up.data(up.commit("drop OLD_FLAG"), SyntheticUpstream.variables("app/api/common/environment.py"));
        Verifier.Result flag = result(new Verifier(up.catalog(), up.clones()).verify(), "components.api.variables.OLD_FLAG");
        assertEquals(Verifier.Status.MISSING, flag.status());
        assertEquals("content/data/variables.yml:" + up.line("variables.yml", "OLD_FLAG:") + ": [upstream] missing: variable OLD_FLAG: "
            + "app/api/common/environment.py has no 'OLD_FLAG' at " + Verifier.abbreviate(up.clones().tree("agentops").orElseThrow().commit())
            + ", nor has any other file", formatted(flag, up.project));
    }

    @Test
    void aCollectorPortNothingListensOnIsMissingThoughComposePublishesIt() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.data(up.base(), SyntheticUpstream.variables("app/api/common/environment.py"));
        Verifier.Result pprof = result(new Verifier(up.catalog(), up.clones()).verify(), "ports.collector-pprof");
        assertEquals(Verifier.Status.MISSING, pprof.status());
        String line = formatted(pprof, up.project);
        assertTrue(line.startsWith("content/data/deployment.yml:" + up.line("deployment.yml", "collector-pprof:")
            + ": [upstream] missing: port collector-pprof: "), line);
        assertTrue(line.contains("nothing in app/collector/config.yaml listens on 1888"), line);
        assertTrue(line.contains("pprof on localhost:1777 (its default: the config sets no endpoint)"), line);
    }

    @Test
    void aPortOnItsDefaultLoopbackListenerIsVerifiedWithAWarning() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        String base = up.base();
        up.data(base, SyntheticUpstream.variables("app/api/common/environment.py"));
        String deployment = java.nio.file.Files.readString(up.project.resolve("content/data/deployment.yml"))
            .replace("reference: 1888\n    upstream: 1888", "reference: 1777\n    upstream: 1777")
            .replace("match: \"'1888:1888'\"", "regex: '^  pprof:$'").replace("path: app/compose.yaml, regex: '^  pprof", "path: app/collector/config.yaml, regex: '^  pprof");
        java.nio.file.Files.writeString(up.project.resolve("content/data/deployment.yml"), deployment);
        Verifier.Result pprof = result(new Verifier(up.catalog(), up.clones()).verify(), "ports.collector-pprof");
        assertEquals(Verifier.Status.VERIFIED, pprof.status(), pprof.found().toString());
        assertTrue(pprof.warnings().get(0).contains("binds the container's loopback"), pprof.warnings().toString());
    }

    @Test
    void factsOfARepositoryWithoutACloneAreNotVerifiedRatherThanFailed() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.data(up.base(), SyntheticUpstream.variables("app/api/common/environment.py"));
        Verifier.Result litellm = result(new Verifier(up.catalog(), up.clones()).verify(), "ports.litellm");
        assertEquals(Verifier.Status.NOT_VERIFIED, litellm.status());
        assertEquals(List.of("not verified: no clone given for litellm"), litellm.found());
        assertTrue(litellm.finding(true).isEmpty());
    }

    @Test
    void aBareGitDirAndAnotherCommitCanBeGiven() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        String base = up.base();
        up.write("app/api/common/environment.py", "import os\n");
        up.commit("drop everything");
        up.data(base, SyntheticUpstream.variables("app/api/common/environment.py"));
        Path bare = up.repo.resolve(".git");
        FactCatalog catalog = up.catalog();
        Verifier.Result atPin = result(new Verifier(catalog, Clones.open(catalog, Map.of("agentops", bare), null)).verify(),
            "components.api.variables.DB_PORT");
        assertEquals(Verifier.Status.VERIFIED, atPin.status());
        Verifier.Result atHead = result(new Verifier(catalog, Clones.open(catalog, Map.of("agentops", bare), "HEAD")).verify(),
            "components.api.variables.DB_PORT");
        assertEquals(Verifier.Status.MISSING, atHead.status());
    }

    @Test
    void anUnknownCommitOrFolderIsOneClearError() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.data(up.base(), SyntheticUpstream.variables("app/api/common/environment.py"));
        FactCatalog catalog = up.catalog();
        UpstreamException e = org.junit.jupiter.api.Assertions.assertThrows(UpstreamException.class,
            () -> Clones.open(catalog, Map.of("agentops", up.repo), "0000000"));
        assertTrue(e.getMessage().startsWith("no commit 0000000 in "), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(UpstreamException.class,
            () -> Clones.open(catalog, Map.of("agentops", dir.resolve("absent")), null));
        assertTrue(e.getMessage().startsWith("no such folder: "), e.getMessage());
    }
}

package dev.selfhostguide.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facts and their evidence as read from the data files, and the gate on the guide's own data. */
class FactCatalogTest {

    @TempDir
    Path dir;

    private List<String> problems(String variables) throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.data("abc1234", variables);
        return up.catalog().problems().stream().map(f -> f.format(up.project)).toList();
    }

    @Test
    void malformedEvidenceIsReportedAtItsLine() throws Exception {
        List<String> problems = problems("""
            components:
              api:
                variables:
                  A: {evidence: [{repo: nowhere, path: x.py, match: A}]}
                  B: {evidence: [{repo: agentops, path: x.py, match: B, regex: B}]}
                  C: {evidence: [{repo: agentops, path: x.py, regex: '('}]}
                  D: {evidence: [{repo: agentops, path: x.py, match: D, line: 3}]}
                  E: {evidence: {repo: agentops}}
            evidence:
              components.api.variables.F: []
            """);
        assertEquals(List.of(
            "content/data/variables.yml:4: [upstream] evidence repo 'nowhere' is not a source of content/data/upstream.yml (agentops, litellm)",
            "content/data/variables.yml:5: [upstream] an evidence entry needs exactly one of match (a literal) or regex",
            "content/data/variables.yml:6: [upstream] evidence regex does not compile: Unclosed group",
            "content/data/variables.yml:7: [upstream] unknown evidence key 'line'; an entry has repo, path and match or regex",
            "content/data/variables.yml:8: [upstream] evidence of components.api.variables.E must be a list of {repo, path, match|regex}",
            "content/data/variables.yml:10: [upstream] evidence for 'components.api.variables.F', which is no fact of this file"), problems);
    }

    @Test
    void aSingleValuedFactTakesItsEvidenceFromTheFilesEvidenceIndex() throws Exception {
        SyntheticUpstream up = new SyntheticUpstream(dir);
        up.data("abc1234", SyntheticUpstream.variables("app/api/common/environment.py"));
        Fact api = up.catalog().ofKind("service").get(0);
        assertEquals("services.api", api.id());
        assertEquals("api", api.field("value"));
        assertEquals(up.line("deployment.yml", "  api: api"), api.line());
        assertEquals(up.line("deployment.yml", "services.api:"), api.evidence().get(0).line());
    }

    /** The gate on the guide's own catalog: every fact carries evidence, and it is well formed. */
    @Test
    void everyFactOfTheGuideHasEvidence() {
        FactCatalog catalog = FactCatalog.load(GuideFixture.repositoryRoot().resolve("content/data"));
        assertEquals(List.of(), catalog.problems().stream().map(f -> f.format(GuideFixture.repositoryRoot())).toList());
        List<String> without = catalog.facts().stream().filter(f -> f.evidence().isEmpty() && !f.fields().containsKey("own"))
            .map(f -> f.file().getFileName() + ":" + f.line() + " " + f.id()).toList();
        assertEquals(List.of(), without);
        assertTrue(catalog.facts().size() > 400, "facts: " + catalog.facts().size());
    }

    /** The data's provenance is its evidence: no data file points at a path outside the repository. */
    @Test
    void noDataFileCitesAPathOutsideTheRepository() throws Exception {
        try (Stream<Path> files = Files.list(GuideFixture.repositoryRoot().resolve("content/data"))) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                for (String outside : List.of("/work/", "shared/facts", "shared/notes", "../shared")) {
                    assertTrue(!text.contains(outside), file.getFileName() + " mentions " + outside);
                }
            }
        }
    }
}

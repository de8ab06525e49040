package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.bake.PublishedSecrets;
import dev.selfhostguide.bundle.ExternalReferenceScan;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve keeps what the site-wide scans found in each text and scans again only what changed; a
 * scan with that memory must say exactly what a fresh scan says, after every kind of change.
 */
class ScanMemoTest {

    @TempDir
    Path dir;

    private GuideFixture fixture() throws Exception {
        return GuideFixture.create(dir)
            .write("content/index.adoc", "= Home\n:jbake-type: page\n:jbake-status: published\n\nNothing secret.\n")
            .write("site/index.html", "<p>Nothing secret.</p>\n")
            .write("site/start.html", "<p>Start here.</p>\n")
            .write("site/search-index.js", "window.GUIDE_SEARCH = {\"pages\":[\n[\"index.html\",\"nothing secret\"]\n]};\n");
    }

    private static List<String> shown(List<Finding> findings, Path root) {
        return findings.stream().map(f -> f.format(root)).sorted().toList();
    }

    private List<String> secrets(Project project, PublishedSecrets.Memo memo) throws Exception {
        Catalog catalog = Catalog.load(project.data());
        List<String> fresh = shown(PublishedSecrets.scan(project, catalog, project.root().resolve("site")), dir);
        List<String> remembered = shown(PublishedSecrets.scan(project, catalog, project.root().resolve("site"), memo), dir);
        assertEquals(fresh, remembered, "the memo must not change what the scan says");
        return remembered;
    }

    @Test
    void aSecretScanWithMemoryFindsWhatChangedAndForgetsWhatWentAway() throws Exception {
        GuideFixture fixture = fixture();
        Project project = new Project(dir);
        PublishedSecrets.Memo memo = new PublishedSecrets.Memo();
        assertEquals(List.of(), secrets(project, memo));

        fixture.write("site/start.html", "<p>Start with glpat-abcdefghij0123456789 here.</p>\n");
        assertEquals(1, secrets(project, memo).size());
        assertEquals(1, secrets(project, memo).size(), "an unchanged site gives the same findings again");

        fixture.write("site/start.html", "<p>Start here.</p>\n")
            .write("site/search-index.js", "window.GUIDE_SEARCH = {\"pages\":[\n[\"start.html\",\"glpat-abcdefghij0123456789\"]\n]};\n");
        List<String> inIndex = secrets(project, memo);
        assertEquals(1, inIndex.size(), inIndex.toString());

        fixture.write("site/search-index.js", "window.GUIDE_SEARCH = {\"pages\":[]};\n");
        assertEquals(List.of(), secrets(project, memo));
    }

    @Test
    void aChangedAllowlistIsNotAnsweredFromMemory() throws Exception {
        GuideFixture fixture = fixture();
        Project project = new Project(dir);
        fixture.write("site/start.html", "<p>Use glpat-abcdefghij0123456789 and sk-zyxwvutsrqponmlkjihgfedc.</p>\n");
        PublishedSecrets.Memo memo = new PublishedSecrets.Memo();
        int before = secrets(project, memo).size();
        fixture.write("content/data/secrets.yml", "placeholders:\n  - value: sk-zyxwvutsrqponmlkjihgfedc\n    reason: a test placeholder\n");
        List<String> after = secrets(project, memo);
        assertEquals(before - 1, after.size(), "the newly allowed value is no longer reported: " + after);
    }

    @Test
    void anOfflineScanWithMemoryParsesWhatChanged() throws Exception {
        GuideFixture fixture = fixture();
        Project project = new Project(dir);
        Path site = dir.resolve("site");
        ExternalReferenceScan.Memo memo = new ExternalReferenceScan.Memo();
        assertEquals(List.of(), ExternalReferenceScan.findings(project, site, memo));

        fixture.write("site/start.html", "<p>Start.</p><script src=\"https://cdn.example.com/x.js\"></script>\n");
        List<String> fresh = shown(ExternalReferenceScan.findings(project, site), dir);
        assertEquals(1, fresh.size(), fresh.toString());
        assertEquals(fresh, shown(ExternalReferenceScan.findings(project, site, memo), dir));
        assertEquals(fresh, shown(ExternalReferenceScan.findings(project, site, memo), dir));

        Files.delete(site.resolve("start.html"));
        assertEquals(List.of(), ExternalReferenceScan.findings(project, site, memo));
    }
}

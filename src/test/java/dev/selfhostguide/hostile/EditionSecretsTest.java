package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.bake.PublishedSecrets;
import dev.selfhostguide.bundle.Bundle;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pdf.NanumFonts;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editions made after the site are scanned for secrets too: the single-page HTML as the
 * bundle writes it (downloads inlined as data: URIs included), and what a PDF edition is made of
 * (chapters with their includes, the attributes it is converted with, its title page), each
 * finding at the source file and line.
 */
class EditionSecretsTest {

    private static final String HEADER = "= Home\n:jbake-type: page\n:jbake-status: published\n";
    private static final String STRIPE = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    private static final String GITLAB = "glpat-abcdefghij0123456789";

    @TempDir
    Path dir;

    private static void assertLine(List<String> lines, String start, String contains) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(start) && l.contains(contains)),
            "expected a line starting with '" + start + "' holding '" + contains + "' in:\n" + String.join("\n", lines));
    }

    @Test
    void theSinglePageEditionIsScannedAsTheBundleWritesIt() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir).write("content/examples/a.env", "A=1\n")
            .write("content/index.adoc", HEADER + "\n[#home-a]\n== A\n\nGet link:examples/a.env[the file].\n");
        assertEquals(0, fixture.run("build", "--quiet", "--no-checks").exitCode());
        // The site scans passed; now a page and a download change under the bundle, as a page the
        // single-page edition assembles differently would: its own scan is the last gate.
        Path site = dir.resolve("target/site");
        fixture.write("content/index.adoc", HEADER + "\n[#home-a]\n== A\n\nGet link:examples/a.env[the file].\nThe key " + STRIPE + ".\n")
            .write("content/examples/a.env", "A=1\nTOKEN=" + GITLAB + "\n");
        Files.writeString(site.resolve("index.html"), Files.readString(site.resolve("index.html"))
            .replace("</main>", "<p>The key " + STRIPE + ".</p></main>"));
        Files.writeString(site.resolve("examples/a.env"), "A=1\nTOKEN=" + GITLAB + "\n");
        Project project = new Project(dir);
        Catalog catalog = Catalog.load(project.data());
        Path zip = dir.resolve("out/guide.zip");
        Bundle.Result result = new Bundle("1.0", 0)
            .scanning((folder, files) -> PublishedSecrets.scanFiles(project, catalog, folder, files))
            .write(site, catalog, zip);
        assertFalse(result.ok());
        List<String> lines = result.findings().stream().map(f -> f.format(dir)).toList();
        assertLine(lines, "content/index.adoc:9: [secrets] 'sk_live_4eC3…' looks like a Stripe secret key", "the published agentops-selfhost-guide.html shows it");
        assertLine(lines, "content/examples/a.env:2: [secrets] 'glpat-abcdef…' looks like a GitLab token", "the published agentops-selfhost-guide.html shows it");
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertFalse(Files.exists(zip), "no zip is written");
    }

    @Test
    void whatAPdfEditionIsMadeOfIsScannedBeforeItIsMade() throws Exception {
        Assumptions.assumeTrue(NanumFonts.find().isPresent() || "true".equals(System.getenv("CI")),
            "fonts-nanum is not installed: the PDF step is skipped, and so is this test");
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/partials/.jbakeignore", "")
            .write("content/partials/print.adoc", "ifdef::backend-pdf[]\nThe printed key is " + STRIPE + ".\nendif::[]\n")
            .write("content/index.adoc", HEADER + """

                [#home-a]
                == A

                ifdef::backend-pdf[]
                Printed token: {part-one}{part-two}.
                endif::[]

                include::partials/print.adoc[]
                """)
            .write("content/data/deployment.yml", """
                ports:
                  api: {reference: 8003, upstream: 8000, protocol: http, component: api, source: app/api/Dockerfile}
                hosts:
                  public: agentops.internal.example
                values:
                  part-one: npm_
                  part-two: abcdefghijklmnopqrstuvwxyz0123456789
                """);
        for (String theme : List.of("guide-theme.yml", "guide-ko-theme.yml")) {
            fixture.write("templates/pdf/" + theme, Files.readString(GuideFixture.repositoryRoot().resolve("templates/pdf/" + theme)));
        }
        GuideFixture.Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> fixture.run("pdf"));
        assertEquals(1, run.exitCode(), run.all());
        List<String> lines = run.err().lines().toList();
        assertLine(lines, "content/index.adoc:9: [secrets] 'npm_abcdefgh…' looks like an npm token",
            "the PDF edition agentops-selfhost-guide.pdf shows it (assembled from the attribute references on this line)");
        assertLine(lines, "content/partials/print.adoc:2: [secrets] 'sk_live_4eC3…' looks like a Stripe secret key",
            "the PDF edition agentops-selfhost-guide.pdf shows it");
        assertTrue(run.all().contains("pdf failed: the PDF editions would print what looks like a secret"), run.all());
        assertFalse(Files.exists(dir.resolve("target/pdf/agentops-selfhost-guide.pdf")), "no PDF is written");
    }

    @Test
    void thePdfTitlePageIsScannedToo() throws Exception {
        GuideFixture.create(dir);
        Project project = new Project(dir);
        Catalog catalog = Catalog.load(project.data());
        List<Finding> found = PublishedSecrets.scanBook(project, catalog, "PDF edition x.pdf", List.of(project.content().resolve("index.adoc")),
            catalog.attributes(), Map.of("version", "1.0+" + GITLAB));
        assertEquals(List.of("pom.xml: [secrets] 'glpat-abcdef…' looks like a GitLab token"),
            found.stream().map(f -> f.format(dir).replaceAll(";.*", "")).toList());
        assertTrue(found.get(0).message().endsWith("the published PDF edition x.pdf title page (version) shows it, and no source line holds it as written"),
            found.get(0).message());
    }
}

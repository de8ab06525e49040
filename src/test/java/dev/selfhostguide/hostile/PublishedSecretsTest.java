package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.bake.PublishedSecrets;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential anywhere a reader can see or download it fails the build at the source line that
 * holds it, and only what a page uses is published.
 */
class PublishedSecretsTest {

    private static final String HEADER = "= Home\n:jbake-type: page\n:jbake-status: published\n";

    @TempDir
    Path dir;

    private GuideFixture.Run build(GuideFixture fixture) {
        return assertTimeoutPreemptively(Duration.ofSeconds(120), () -> fixture.run("build", "--quiet", "--no-checks"));
    }

    private static void assertLine(GuideFixture.Run run, String start) {
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith(start)), "expected a line starting with '" + start + "' in:\n" + run.all());
    }

    @Test
    void secretsInEveryKindOfTextAreFoundAtTheirSourceLine() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/index.adoc", HEADER + """
                :description: Sign in with AIzaSyA1234567890abcdefghijklmnopqrstuv to start.

                [#home-a]
                == A

                Use the key sk_live_4eC39HqLyjWDarjtT1zdp7dc to sign in.

                |===
                |name |value
                |token |glpat-abcdefghij0123456789
                |===

                ====
                An example block with hf_abcdefghijklmnopqrstuvwxyz0123456789.
                ====

                ****
                A sidebar with xoxb-1234567890-abcdefghij.
                ****

                The webhook is https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX here.
                The database is postgres://admin:Tr0ub4dor3x@db.internal:5432/app today.
                The key is sk-proj-abcdefghij
                klmnopqrstuvwxyz0123 split over two lines.
                The region key is {leaked} and the assembled one is {part-one}{part-two}.
                """)
            .write("content/ko/index.adoc", HEADER + "\n[#home-a]\n== A\n\n키는 sk-ant-api03-abcdefghijklmnopqrstuvwxyz 입니다.\n")
            .write("content/data/deployment.yml", """
                ports:
                  api: {reference: 8003, upstream: 8000, protocol: http, component: api, source: app/api/Dockerfile}
                hosts:
                  public: agentops.internal.example
                values:
                  leaked: AKIAIOSFODNN7REALKEY
                  part-one: npm_
                  part-two: abcdefghijklmnopqrstuvwxyz0123456789
                """);
        GuideFixture.Run run = build(fixture);
        assertEquals(1, run.exitCode(), run.all());
        assertLine(run, "content/index.adoc:4: [secrets] 'AIzaSyA12345…' looks like a Google API key");
        assertLine(run, "content/index.adoc:9: [secrets] 'sk_live_4eC3…' looks like a Stripe secret key");
        assertLine(run, "content/index.adoc:13: [secrets] 'glpat-abcdef…' looks like a GitLab token");
        assertLine(run, "content/index.adoc:17: [secrets] 'hf_abcdefghi…' looks like a Hugging Face token");
        assertLine(run, "content/index.adoc:21: [secrets] 'xoxb-1234567…' looks like a Slack token");
        assertLine(run, "content/index.adoc:24: [secrets] 'https://hook…' looks like a Slack webhook");
        assertLine(run, "content/index.adoc:25: [secrets] 'Tr0ub4dor3x' looks like a URL with a password");
        assertLine(run, "content/index.adoc:26: [secrets] 'sk-proj-abcd…' looks like an OpenAI project key split over two lines");
        assertLine(run, "content/ko/index.adoc:8: [secrets] 'sk-ant-api03…' looks like an Anthropic API key");
        assertLine(run, "content/data/deployment.yml:6: [secrets] 'AKIAIOSFODNN…' looks like an AWS access key id");
        // Neither attribute holds the npm token; the rendered page does. Reported where its longest part is.
        assertLine(run, "content/data/deployment.yml:8: [secrets] 'npm_abcdefgh…' looks like an npm token");
        assertTrue(run.err().contains("(assembled: this line holds part of it)"), run.all());
        assertEquals(1, run.err().lines().filter(l -> l.contains("'npm_abcdefgh…'")).count(), "once, not per published file:\n" + run.all());
        assertEquals(1, run.err().lines().filter(l -> l.contains("'sk_live_4eC3…'")).count(), "once, not per published file:\n" + run.all());
        assertFalse(Files.exists(dir.resolve("target/site")), "nothing is published");
        assertFalse(run.all().contains("sk_live_4eC39HqLyjWDarjtT1zdp7dc"), "the message does not repeat the whole secret");
    }

    @Test
    void onlyExamplesAPageUsesOrTheDataListsArePublished() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/examples/used.env", "A=1\n")
            .write("content/examples/linked.conf", "listen 80;\n")
            .write("content/examples/listed.txt", "notes\n")
            .write("content/examples/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n")
            .write("content/data/downloads.yml", "publish:\n  - {file: listed.txt, reason: the notes readers asked for}\n")
            .write("content/index.adoc", HEADER + """

                [#home-a]
                == A

                [source,text,check=none,reason="sample"]
                ----
                include::examples/used.env[]
                ----

                Download link:examples/linked.conf[the config].
                """);
        GuideFixture.Run run = build(fixture);
        assertEquals(0, run.exitCode(), run.all());
        Path examples = dir.resolve("target/site/examples");
        assertTrue(Files.isRegularFile(examples.resolve("used.env")), "included: published");
        assertTrue(Files.isRegularFile(examples.resolve("linked.conf")), "linked: published");
        assertTrue(Files.isRegularFile(examples.resolve("listed.txt")), "listed with a reason: published");
        assertFalse(Files.exists(examples.resolve("id_rsa")), "used by no page: not published");
    }

    @Test
    void aPublishedExampleIsScannedAndAListEntryNeedsAReason() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/examples/deploy_key", "# the key\n-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----\n")
            .write("content/examples/other.txt", "x\n")
            .write("content/data/downloads.yml", "publish:\n  - {file: deploy_key, reason: readers need it}\n  - {file: other.txt}\n");
        GuideFixture.Run run = build(fixture);
        assertEquals(1, run.exitCode(), run.all());
        assertLine(run, "content/examples/deploy_key:2: [secrets] '-----BEGIN R…' looks like a private key");
        assertLine(run, "content/data/downloads.yml:3: [publish] publish: other.txt needs a reason");
    }

    @Test
    void anAllowlistEntryWithoutAReasonAllowsNothingAndIsReported() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/data/secrets.yml", "placeholders:\n  - value: sk_live_4eC39HqLyjWDarjtT1zdp7dc\n")
            .write("content/index.adoc", HEADER + "\n[#home-a]\n== A\n\nThe key sk_live_4eC39HqLyjWDarjtT1zdp7dc.\n");
        GuideFixture.Run run = build(fixture);
        assertEquals(1, run.exitCode(), run.all());
        assertLine(run, "content/data/secrets.yml:2: [secrets] 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' has no reason");
        assertLine(run, "content/index.adoc:8: [secrets] 'sk_live_4eC3…' looks like a Stripe secret key");
    }

    @Test
    void theSearchIndexIsReadAsTheBrowserReadsItsStrings() throws Exception {
        GuideFixture.create(dir);
        Path site = Files.createDirectories(dir.resolve("built"));
        // JSON-escaped as the index writer escapes: the raw text holds no key, the browser's string does.
        Files.writeString(site.resolve("search-index.js"), "window.GUIDE_INDEX=[{\"t\":\"the key sk\\u005flive\\u005f4eC39HqLyjWDarjtT1zdp7dc\"}];\n");
        List<Finding> found = PublishedSecrets.scan(new Project(dir), Catalog.load(dir.resolve("content/data")), site);
        assertEquals(List.of("built/search-index.js: [secrets] 'sk_live_4eC3…' looks like a Stripe secret key"),
            found.stream().map(f -> f.format(dir).replaceAll(";.*", "")).toList());
        assertTrue(found.get(0).message().endsWith("the published search-index.js shows it, and no source line holds it as written"),
            found.get(0).message());
    }

    @Test
    void theRealGuidePublishesNoSecretAndTheScanIsCheap() throws Exception {
        Path root = GuideFixture.repositoryRoot();
        Project project = new Project(root);
        Catalog catalog = Catalog.load(project.data());
        Path site = Files.isDirectory(project.site()) ? project.site() : null;
        PublishedSecrets.scan(project, catalog, site);        // warm up the regular expressions
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long startCpu = cpu.getCurrentThreadCpuTime();
        List<Finding> findings = new java.util.ArrayList<>(PublishedSecrets.scan(project, catalog, site));
        long siteNs = System.nanoTime() - start;
        long siteCpu = cpu.getCurrentThreadCpuTime() - startCpu;
        // The PDF editions: what each is made of, as the PDF step scans it.
        long pdfStart = System.nanoTime();
        long pdfCpu = cpu.getCurrentThreadCpuTime();
        for (String[] edition : List.of(new String[] {"", "agentops-selfhost-guide.pdf"}, new String[] {"ko", "agentops-selfhost-guide-ko.pdf"})) {
            List<Path> chapters = catalog.nav().stream().map(e -> project.content().resolve(edition[0]).resolve(e.page() + ".adoc"))
                .filter(Files::isRegularFile).toList();
            findings.addAll(PublishedSecrets.scanBook(project, catalog, "PDF edition " + edition[1], chapters, catalog.attributes(),
                java.util.Map.of("version", "dev")));
        }
        pdfStart = System.nanoTime() - pdfStart;
        pdfCpu = cpu.getCurrentThreadCpuTime() - pdfCpu;
        // The single-page editions, written from the built site as the bundle writes them.
        long singleNs = 0;
        long singleCpu = 0;
        if (site != null) {
            Path out = Files.createDirectories(dir.resolve("single"));
            List<Path> files = new java.util.ArrayList<>();
            for (dev.selfhostguide.bundle.SinglePage.Edition edition : dev.selfhostguide.bundle.Bundle.EDITIONS) {
                files.add(new dev.selfhostguide.bundle.SinglePage(site, edition, catalog.nav()).write(out));
            }
            long t = System.nanoTime();
            long c = cpu.getCurrentThreadCpuTime();
            findings.addAll(PublishedSecrets.scanFiles(project, catalog, out, files));
            singleNs = System.nanoTime() - t;
            singleCpu = cpu.getCurrentThreadCpuTime() - c;
        }
        assertEquals(List.of(), findings.stream().map(f -> f.format(root)).toList());
        System.out.printf("content-wide secret scan of the real guide: sources%s %.0f ms wall / %.0f ms CPU; PDF editions' sources"
                + " %.0f ms / %.0f ms; single-page editions %s%n", site == null ? " only (no target/site)" : " and target/site",
            siteNs / 1e6, siteCpu / 1e6, pdfStart / 1e6, pdfCpu / 1e6,
            site == null ? "not measured (no target/site)" : String.format("%.0f ms / %.0f ms", singleNs / 1e6, singleCpu / 1e6));
        assertTrue(siteNs + pdfStart + singleNs < 10_000_000_000L, "the scans took " + (siteNs + pdfStart + singleNs) / 1e6 + " ms");
    }
}

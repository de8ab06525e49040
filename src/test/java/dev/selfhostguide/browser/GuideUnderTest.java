package dev.selfhostguide.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.RealGuide;
import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.bundle.BundleFixture;
import dev.selfhostguide.content.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The guide the hosted-site and browser tests look at: the repository's own content when it has
 * chapters (so after the merge these tests exercise the real site), else the bundle fixture.
 * Bundled as the real CLI bundles (the real guide from {@link RealGuide}'s bake) and unzipped, so the
 * tests see exactly what readers download.
 */
final class GuideUnderTest {

    final Path project;
    /** The unzipped bundle folder: the site plus the single pages, README and SHA256SUMS. */
    final Path folder;
    final List<Catalog.NavEntry> nav;
    final boolean real;

    private GuideUnderTest(Path project, Path folder, boolean real) {
        this.project = project;
        this.folder = folder;
        this.real = real;
        this.nav = Catalog.load(project.resolve("content/data")).nav();
    }

    static boolean repositoryHasChapters() {
        Path content = GuideFixture.repositoryRoot().resolve("content");
        if (!Files.isRegularFile(content.resolve("data/nav.yml"))) {
            return false;
        }
        try (Stream<Path> list = Files.list(content)) {
            return list.anyMatch(p -> p.toString().endsWith(".adoc"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the shared bundle is unzipped, and the browser keeps its profile. */
    static Path folderOfTheRun() {
        return GuideFixture.repositoryRoot().resolve("target/browser-tests");
    }

    private static GuideUnderTest shared;

    /**
     * The guide bundled once per test JVM, for every class that only reads it (the browser
     * classes and the nginx test): a bundle of the real guide is a whole bake, and nothing here
     * writes into the unzipped folder.
     */
    static synchronized GuideUnderTest shared() throws IOException {
        if (shared == null) {
            Path temp = folderOfTheRun();
            SiteOutput.delete(temp);
            Files.createDirectories(temp);
            shared = bundle(temp);
        }
        return shared;
    }

    static GuideUnderTest bundle(Path temp) throws IOException {
        boolean real = repositoryHasChapters();
        Path project = real ? GuideFixture.repositoryRoot() : BundleFixture.create(Files.createDirectory(temp.resolve("project"))).root();
        Path zip = temp.resolve("guide.zip");
        // Snippet checks have their own tests and need tools these tests do not; the bake's own checks still run.
        // The PDFs are PdfEditionTest's; a browser does not read them.
        if (real) {
            RealGuide.bundle(zip);      // the same zip, from the bake the other real-guide tests share
        } else {
            GuideFixture.Run run = GuideFixture.runIn("-C", project.toString(), "bundle", "--no-checks", "--no-pdf", "--quiet", "--out", zip.toString());
            assertEquals(0, run.exitCode(), "bundling " + project + " failed:\n" + run.all());
        }
        Path out = Files.createDirectory(temp.resolve("unzipped"));
        Path folder = null;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                Path target = out.resolve(entry.getName()).normalize();
                if (!target.startsWith(out)) {
                    throw new IOException("zip entry outside the folder: " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, file.getInputStream(entry).readAllBytes());
                folder = out.resolve(entry.getName().substring(0, entry.getName().indexOf('/')));
            }
        }
        return new GuideUnderTest(project, folder, real);
    }

    /** Nav pages that exist in {@code dir} of the site ("" for English), in nav order. */
    List<String> navPages(String dir) {
        return nav.stream().map(Catalog.NavEntry::page)
            .filter(p -> Files.isRegularFile(folder.resolve(dir).resolve(p + ".html"))).toList();
    }
}

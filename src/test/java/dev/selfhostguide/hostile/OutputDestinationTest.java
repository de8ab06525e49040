package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.bake.OutputGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --out} replaces what it names, so it may only name a new or empty folder, or a site or
 * bundle this tool wrote: never the project, its sources, the tool's jar, or someone's files.
 */
class OutputDestinationTest {

    @TempDir
    Path dir;

    private GuideFixture fixture;
    private Path project;

    @BeforeEach
    void project() throws Exception {
        project = dir.resolve("guide");
        Files.createDirectories(project);
        fixture = GuideFixture.create(project);
        fixture.write("src/main/java/Keep.java", "class Keep {}\n");
        fixture.write("target/guide.jar", "the tool\n");
        fixture.write(".git/HEAD", "ref: refs/heads/main\n");
    }

    private void assertRefused(GuideFixture.Run run, String expected) throws Exception {
        assertEquals(2, run.exitCode(), run.all());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in:\n" + run.all());
        assertEquals(1, run.err().strip().lines().count(), "one line:\n" + run.all());
        assertSourcesIntact();
    }

    private void assertSourcesIntact() throws Exception {
        assertTrue(Files.isRegularFile(fixture.path("content/index.adoc")), "the page survives");
        assertTrue(fixture.read("content/index.adoc").startsWith("= Home"), "the page is unchanged");
        assertTrue(Files.isRegularFile(fixture.path("src/main/java/Keep.java")), "src/ survives");
        assertEquals("the tool\n", fixture.read("target/guide.jar"), "the jar survives");
        assertTrue(Files.isRegularFile(fixture.path(".git/HEAD")), ".git survives");
        assertTrue(Files.isRegularFile(fixture.path("jbake.properties")), "the project survives");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "content", "src", "templates", ".git"})
    void buildRefusesTheProjectAndItsSources(String out) throws Exception {
        assertRefused(fixture.run("build", "--no-checks", "--out", out), "refusing to");
    }

    @Test
    void buildRefusesAFolderInsideTheSources() throws Exception {
        assertRefused(fixture.run("build", "--no-checks", "--out", "content/site"), "refusing to write the site into content/");
    }

    @Test
    void buildRefusesTheToolsOwnTargetFolder() throws Exception {
        assertRefused(fixture.run("build", "--no-checks", "--out", "target"), "it holds the tool itself");
    }

    @Test
    void buildRefusesAFolderThatHoldsTheProject() throws Exception {
        assertRefused(fixture.run("build", "--no-checks", "--out", dir.toString()), "it holds the guide's sources");
        assertRefused(fixture.run("build", "--no-checks", "--out", "/"), "refusing to write the site to the file system root");
    }

    @Test
    void buildRefusesALinkToTheProject() throws Exception {
        Path link = dir.resolve("alias");
        Files.createSymbolicLink(link, project);
        assertRefused(fixture.run("build", "--no-checks", "--out", link.toString()), "it holds the guide's sources");
    }

    @Test
    void anEmptyOutIsAUsageError() throws Exception {
        assertRefused(fixture.run("build", "--no-checks", "--out="), "--out needs a value");
        assertRefused(fixture.run("build", "--no-checks", "--out", ""), "--out needs a value");
        assertRefused(fixture.run("bundle", "--no-checks", "--out="), "--out needs a value");
    }

    @Test
    void buildRefusesAFolderOfSomeoneElsesFiles() throws Exception {
        Path other = dir.resolve("notes");
        Files.createDirectories(other);
        Files.writeString(other.resolve("todo.txt"), "mine\n");
        assertRefused(fixture.run("build", "--no-checks", "--out", other.toString()), "is not empty and is not a site this tool wrote");
        assertEquals("mine\n", Files.readString(other.resolve("todo.txt")));
    }

    @Test
    void buildWritesANewOrEmptyFolderAndReplacesItsOwnSite() throws Exception {
        Path fresh = dir.resolve("public");
        GuideFixture.Run first = fixture.run("build", "--no-checks", "--quiet", "--out", fresh.toString());
        assertEquals(0, first.exitCode(), first.all());
        assertTrue(Files.isRegularFile(fresh.resolve("index.html")));
        assertTrue(Files.isRegularFile(fresh.resolve(OutputGuard.SITE_MARKER)), "the site is marked as the tool's");
        GuideFixture.Run again = fixture.run("build", "--no-checks", "--quiet", "--out", fresh.toString());
        assertEquals(0, again.exitCode(), "a site this tool wrote may be replaced:\n" + again.all());

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        GuideFixture.Run intoEmpty = fixture.run("build", "--no-checks", "--quiet", "--out", empty.toString());
        assertEquals(0, intoEmpty.exitCode(), intoEmpty.all());
        assertTrue(Files.isRegularFile(empty.resolve("index.html")));
        assertSourcesIntact();
    }

    @Test
    void bundleRefusesToOverwriteAPageOrAFolderOrAnotherFile() throws Exception {
        assertRefused(fixture.run("bundle", "--no-checks", "--out", "content/index.adoc"), "refusing to write the bundle into content/");
        Path folder = dir.resolve("downloads");
        Files.createDirectories(folder);
        assertRefused(fixture.run("bundle", "--no-checks", "--out", folder.toString()), "is a folder");
        Path notes = dir.resolve("notes.zip");
        Files.writeString(notes, "not a zip\n");
        assertRefused(fixture.run("bundle", "--no-checks", "--out", notes.toString()), "is not a bundle this tool wrote");
        assertEquals("not a zip\n", Files.readString(notes));
    }

    @Test
    void bundleReplacesItsOwnBundle() throws Exception {
        Path zip = dir.resolve("guide.zip");
        GuideFixture.Run first = fixture.run("bundle", "--no-checks", "--quiet", "--out", zip.toString());
        assertEquals(0, first.exitCode(), first.all());
        GuideFixture.Run again = fixture.run("bundle", "--no-checks", "--quiet", "--out", zip.toString());
        assertEquals(0, again.exitCode(), "a bundle this tool wrote may be replaced:\n" + again.all());
        try (ZipFile bundle = new ZipFile(zip.toFile())) {
            assertFalse(bundle.stream().anyMatch(e -> e.getName().endsWith(OutputGuard.SITE_MARKER)), "the marker stays out of the bundle");
        }
    }

    @Test
    void neitherBuildNorBundleReplacesTheHomeFolder() throws Exception {
        // A stand-in home, so that a guard that failed would cost a temp folder, not the user's files.
        Path home = Files.createDirectories(dir.resolve("home"));
        String before = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            assertEquals(java.util.Optional.of("refusing to replace the home folder " + home.toRealPath() + " with the site"),
                OutputGuard.siteDestination(new dev.selfhostguide.content.Project(project), home));
            assertRefused(fixture.run("build", "--no-checks", "--out", home.toString()), "refusing to replace the home folder");
        } finally {
            System.setProperty("user.home", before);
        }
    }
}

package dev.selfhostguide.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.bundle.Bundle;
import dev.selfhostguide.bundle.BundleFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PDF editions in the bundle: both are there, the Korean font is embedded (pdffonts), the text
 * comes back out with its Korean words and every chapter title (pdftotext), and two bundles of the
 * same sources are the same bytes, PDFs included. Skipped per test without fonts-nanum or
 * poppler-utils, except under CI=true.
 */
class PdfEditionTest {

    static final String FOLDER = "agentops-selfhost-guide-dev/";

    @TempDir
    Path dir;

    @BeforeEach
    void needsFontAndPoppler() {
        boolean font = NanumFonts.find().isPresent();
        boolean poppler = Files.isExecutable(Path.of("/usr/bin/pdffonts")) && Files.isExecutable(Path.of("/usr/bin/pdftotext"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(font && poppler, "CI=true but fonts-nanum or poppler-utils is missing");
        }
        Assumptions.assumeTrue(font, "the Korean font is not installed (" + NanumFonts.INSTALL + "); skipping the PDF test");
        Assumptions.assumeTrue(poppler, "pdffonts/pdftotext are not installed (apt-get install poppler-utils); skipping the PDF test");
    }

    static String run(Path cwd, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }

    /** The repository's own PDF themes, which the fixture's templates do not have. */
    static GuideFixture withThemes(GuideFixture fixture) throws IOException {
        Path themes = GuideFixture.repositoryRoot().resolve("templates/pdf");
        try (var list = Files.list(themes)) {
            for (Path theme : list.toList()) {
                fixture.write("templates/pdf/" + theme.getFileName(), Files.readString(theme, StandardCharsets.UTF_8));
            }
        }
        return fixture;
    }

    @Test
    void aMissingThemeIsOneLineNotASilentFallback() throws Exception {
        GuideFixture fixture = BundleFixture.create(dir);
        fixture.write("templates/pdf/guide-ko-theme.yml", "extends: guide-theme.yml\n");
        GuideFixture.Run run = fixture.run("pdf", "--quiet");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.all().contains("pdf failed: the en PDF failed: no PDF theme templates/pdf/guide-theme.yml"), run.all());
    }

    @Test
    void theBundleHoldsBothPdfsWithTheKoreanFontEmbeddedAndStaysReproducible() throws Exception {
        GuideFixture one = withThemes(BundleFixture.create(Files.createDirectory(dir.resolve("one"))));
        GuideFixture two = withThemes(BundleFixture.create(Files.createDirectory(dir.resolve("two"))));
        GuideFixture.Run first = one.run("bundle", "--no-checks", "--quiet");
        assertEquals(0, first.exitCode(), first.all());
        assertEquals(0, two.run("bundle", "--no-checks", "--quiet").exitCode());
        Path zip = one.path("target/" + Bundle.fileName("dev"));
        assertArrayEquals(Files.readAllBytes(zip), Files.readAllBytes(two.path("target/" + Bundle.fileName("dev"))),
            "two bundles of the same sources, PDFs included, are the same bytes");

        Path out = Files.createDirectory(dir.resolve("unzipped"));
        List<String> names = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                names.add(entry.getName());
                if (entry.getName().endsWith(".pdf")) {
                    Files.write(out.resolve(entry.getName().substring(FOLDER.length())), file.getInputStream(entry).readAllBytes());
                }
            }
        }
        assertTrue(names.contains(FOLDER + "agentops-selfhost-guide.pdf") && names.contains(FOLDER + "agentops-selfhost-guide-ko.pdf"),
            names.toString());

        String fonts = run(out, "pdffonts", "agentops-selfhost-guide-ko.pdf");
        assertTrue(fonts.lines().anyMatch(l -> l.contains("+NanumGothic ") && l.matches(".*\\byes\\s+\\w+\\s+yes.*")),
            "Nanum Gothic embedded (emb yes):\n" + fonts);
        String ko = run(out, "pdftotext", "-enc", "UTF-8", "agentops-selfhost-guide-ko.pdf", "-");
        for (String expected : List.of("AgentOps 자체 호스팅 가이드", "시작하기", "소개", "API는")) {
            assertTrue(ko.contains(expected), "'" + expected + "' in the Korean PDF:\n" + ko);
        }
        String en = run(out, "pdftotext", "-enc", "UTF-8", "agentops-selfhost-guide.pdf", "-");
        for (String chapter : List.of("Home", "Plan", "Connect", "Exporter endpoint")) {
            assertTrue(en.contains(chapter), "chapter '" + chapter + "' in the English PDF:\n" + en);
        }
        assertTrue(en.contains("Version dev"), "the title page names the version:\n" + en);
        String raw = new String(Files.readAllBytes(out.resolve("agentops-selfhost-guide.pdf")), StandardCharsets.ISO_8859_1);
        assertTrue(raw.contains("/Dest") && !raw.contains("plan.pdf"), "xref:plan.adoc#plan-ports is a link inside the PDF");
        String info = run(out, "pdfinfo", "agentops-selfhost-guide.pdf");
        assertTrue(info.lines().anyMatch(l -> l.startsWith("CreationDate:") && l.contains("1980")), "dates from the source date, not the clock:\n" + info);
    }
}

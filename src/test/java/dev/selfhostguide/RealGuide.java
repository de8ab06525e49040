package dev.selfhostguide;

import dev.selfhostguide.bake.PublishedSecrets;
import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.bundle.Bundle;
import dev.selfhostguide.bundle.GuideVersion;
import dev.selfhostguide.bundle.SiteFinish;
import dev.selfhostguide.bundle.SourceDate;
import dev.selfhostguide.cli.SiteRun;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.pipeline.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's real guide, baked once per test JVM into target/test-site, so that every test
 * about the real content shares one bake and the one Asciidoctor runtime; the browser and nginx
 * tests' offline bundle of it ({@link #bundle}) is made from the same bake.
 */
public final class RealGuide {

    private static Pipeline.Outcome baked;

    private RealGuide() {
    }

    /** Where {@link #baked()} wrote the site. */
    public static Path site() {
        return project().target().resolve("test-site");
    }

    public static Project project() {
        return new Project(GuideFixture.repositoryRoot());
    }

    /**
     * The real guide baked without the snippet checks, as {@code build --no-checks} renders it
     * (finish, link check and the site scans included).
     */
    public static synchronized Pipeline.Outcome baked() {
        if (baked == null) {
            Path site = site();
            SiteOutput.delete(site);
            try {
                Files.createDirectories(site.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            baked = new Pipeline(AsciidoctorRuntimeExtension.runtime(), dev.selfhostguide.checks.Tools.onPath(System.getenv("PATH")), false)
                .run(Request.site(project(), site, false, new SiteFinish(System.getenv()), SiteRun.scans(project()), page -> { }));
        }
        return baked;
    }

    /**
     * The offline bundle of the real guide, without PDFs, written to {@code zip} from the one bake of
     * {@link #baked()}: what {@code guide bundle --no-checks --no-pdf --out ZIP} writes (that command
     * bakes the same way, then bundles with these arguments), for a second bake of the real guide
     * costs more than any test that reads the bundle.
     */
    public static synchronized Path bundle(Path zip) throws IOException {
        Pipeline.Outcome outcome = baked();
        if (outcome.errors() > 0) {
            throw new IllegalStateException("the real guide does not bake: " + outcome.findings());
        }
        Project project = project();
        Bundle.Result result = new Bundle(GuideVersion.current(), SourceDate.resolve(System.getenv(), project.root()), null, java.util.Map.of())
            .scanning((folder, files) -> PublishedSecrets.scanFiles(project, outcome.catalog(), folder, files))
            .write(site(), outcome.catalog(), zip);
        if (!result.ok()) {
            throw new IllegalStateException("bundling the real guide failed: " + result);
        }
        return zip;
    }
}

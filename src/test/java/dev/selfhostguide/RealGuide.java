package dev.selfhostguide;

import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.bundle.SiteFinish;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.pipeline.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's real guide, baked once per test JVM into target/test-site, so that every test
 * about the real content shares one bake and the one Asciidoctor runtime.
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

    /** The real guide baked without the snippet checks, as build renders it (finish and link check included). */
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
                .run(Request.site(project(), site, false, new SiteFinish(), java.util.List.of(), page -> { }));
        }
        return baked;
    }
}

package dev.selfhostguide;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.bake.Bake;
import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.content.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's real guide, baked once per test JVM into target/test-site, so that every test
 * about the real content shares one bake and the one Asciidoctor runtime.
 */
public final class RealGuide {

    private static Bake.Result baked;

    private RealGuide() {
    }

    public static Project project() {
        return new Project(GuideFixture.repositoryRoot());
    }

    public static synchronized Bake.Result baked() {
        if (baked == null) {
            Path site = project().target().resolve("test-site");
            SiteOutput.delete(site);
            try {
                Files.createDirectories(site.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            baked = new Bake(project(), AsciidoctorRuntime.shared()).bake(site, page -> { }, new dev.selfhostguide.bundle.SiteFinish());
        }
        return baked;
    }
}

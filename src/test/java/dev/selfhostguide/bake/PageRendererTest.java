package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.AsciidoctorRuntimeExtension;
import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve's page rebuild renders a page through the same adapter as the whole-site bake, byte for byte. */
class PageRendererTest {

    @TempDir
    Path dir;

    @Test
    void aPageRenderedAloneIsTheBytesTheOvenWrites() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/ko/index.adoc", "= 홈\n:jbake-type: page\n:jbake-status: published\n\n[#home-intro]\n== 소개\n\n"
                + "API는 {api-port}에서 응답합니다.\n\n[source,bash,check=none,reason=\"예시\"]\n----\necho \"{api-port}\" # 포트\n----\n");
        Project project = new Project(fixture.root());
        Catalog catalog = Catalog.load(project.data());
        Bake bake = new Bake(project, AsciidoctorRuntimeExtension.runtime());
        Bake.Conversion conversion = bake.convert(bake.pages(), catalog, page -> null);
        Path whole = dir.resolve("whole");
        assertEquals(List.of(), bake.render(whole, catalog, conversion.pages()));
        Path alone = dir.resolve("alone");
        PageRenderer renderer = bake.pageRenderer(alone, catalog);
        for (Path page : bake.pages()) {
            renderer.write(alone, conversion.pages().get(page));
            String uri = renderer.uri(page);
            assertArrayEquals(Files.readAllBytes(whole.resolve(uri)), Files.readAllBytes(alone.resolve(uri)), uri);
        }
    }
}

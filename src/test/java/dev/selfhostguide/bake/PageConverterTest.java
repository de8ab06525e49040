package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.selfhostguide.AsciidoctorRuntimeExtension;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageConverterTest {

    @TempDir
    Path content;

    private ConvertedPage convert(String name, String text) throws Exception {
        Path page = content.resolve(name);
        Files.createDirectories(page.getParent());
        Files.writeString(page, text);
        PageConverter converter = new PageConverter(AsciidoctorRuntimeExtension.runtime().asciidoctor(), content);
        return converter.convert(page, converter.load(page, List.of(), Map.of("api-port", "8003")));
    }

    @Test
    void aSnippetIsWhatTheReaderCopiesAtTheLineItStartsOn() throws Exception {
        Files.createDirectories(content.resolve("examples"));
        Files.writeString(content.resolve("examples/sample.env"), "A=1\nB=2\n");
        ConvertedPage page = convert("ko/page.adoc", """
            = Title
            :jbake-type: page

            == Section

            [source,bash,subs="attributes+"]
            ----
            curl http://localhost:{api-port}/health <1>
            echo "a < b && c"
            ----
            <1> the health check

            [source,text,check=none,reason="file"]
            ----
            include::examples/sample.env[]
            ----
            """);
        List<Snippet> snippets = page.snippets();
        assertEquals(2, snippets.size());
        Snippet first = snippets.get(0);
        assertEquals(8, first.line(), "the line after the opening delimiter");
        assertEquals("bash", first.language());
        assertEquals("curl http://localhost:8003/health\necho \"a < b && c\"", first.text(),
            "attributes in force, entities decoded, callout marks dropped");
        Snippet included = snippets.get(1);
        assertEquals(content.resolve("examples/sample.env"), included.file(), "an include from ko/ resolves against the content root");
        assertEquals(1, included.line());
        assertEquals("A=1\nB=2", included.text());
        assertEquals("Title", page.title());
        assertEquals("_section", page.sections().get(0).id(), "Asciidoctor's generated id, without jbake.properties' idprefix");
    }

    @Test
    void onlyARealHeaderTitleIsThePageTitle() throws Exception {
        ConvertedPage page = convert("untitled.adoc", ":jbake-type: page\n\n== First section\n\nText.\n");
        assertNull(page.title(), "not the first section's title");
        assertEquals("page", page.header().get("jbake-type"));
    }
}

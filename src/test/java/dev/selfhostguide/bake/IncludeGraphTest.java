package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeGraphTest {

    @TempDir
    Path content;

    private Path write(String relative, String text) throws Exception {
        Path file = content.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aPageIncludesAgainstTheContentRootAndAnIncludedFileAgainstItsOwnFolder() throws Exception {
        Path partial = write("parts/setup.adoc", "Setup\n\ninclude::steps/one.adoc[]\n");
        Path one = write("parts/steps/one.adoc", "one\n");
        Path env = write("examples/agentops.env", "A=1\n");
        Path page = write("ko/install.adoc", "= Install\n\ninclude::parts/setup.adoc[]\n\n----\ninclude::examples/{example}[lines=1]\n----\n");
        IncludeGraph graph = new IncludeGraph(content);
        graph.scan(page, Map.of("example", "agentops.env"));
        assertEquals(Set.of(partial, one, env), graph.includes(page));
        assertEquals(Set.of(page), graph.pagesIncluding(one), "through the partial");
        assertEquals(Set.of(page), graph.pagesIncluding(env));
    }

    @Test
    void unknownAttributesAndUrlsAreSkippedAndAMissingFileIsStillListed() throws Exception {
        Path page = write("page.adoc", "include::{nope}/x.adoc[]\ninclude::https://example.org/x.adoc[]\ninclude::later.adoc[]\n"
            + "Not include::here.adoc[] in a sentence.\n");
        IncludeGraph graph = new IncludeGraph(content);
        graph.scan(page, Map.of());
        assertEquals(Set.of(content.resolve("later.adoc")), graph.includes(page),
            "a file that does not exist yet is listed, so its arrival rebuilds the page");
    }

    @Test
    void aRescanReplacesAndRemoveForgets() throws Exception {
        Path a = write("a.adoc", "a\n");
        Path b = write("b.adoc", "b\n");
        Path page = write("page.adoc", "include::a.adoc[]\n");
        IncludeGraph graph = new IncludeGraph(content);
        graph.scan(page, Map.of());
        Files.writeString(page, "include::b.adoc[]\n");
        graph.scan(page, Map.of());
        assertEquals(Set.of(), graph.pagesIncluding(a));
        assertEquals(Set.of(page), graph.pagesIncluding(b));
        graph.remove(page);
        assertEquals(Set.of(), graph.includes(page));
        assertEquals(Set.of(), graph.pagesIncluding(b));
    }

    @Test
    void anIncludeCycleEnds() throws Exception {
        Path x = write("x.adoc", "include::y.adoc[]\n");
        Path y = write("y.adoc", "include::x.adoc[]\n");
        Path page = write("page.adoc", "include::x.adoc[]\n");
        IncludeGraph graph = new IncludeGraph(content);
        graph.scan(page, Map.of());
        assertEquals(Set.of(x, y), graph.includes(page));
    }
}

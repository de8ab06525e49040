package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.content.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of content/examples/ the pages use, and so the site publishes. */
class PublicationTest {

    @TempDir
    Path root;

    @Test
    void anExampleIsPublishedWhenAPageIncludesOrLinksIt() throws IOException {
        Path content = Files.createDirectories(root.resolve("content/ko"));
        for (String name : List.of("a.sh", "b.yml", "c.env", "d.conf", "e f.txt", "g.py", "h.json", "i.sh", "j.sh", "k.yml")) {
            Files.writeString(Files.createDirectories(root.resolve("content/examples")).resolve(name), "x\n");
        }
        Files.writeString(content.getParent().resolve("index.adoc"), String.join("\n",
            "include::examples/a.sh[]",
            "See link:examples/b.yml[the file] and include::../examples/c.env[lines=1].",
            "A macro inside a failed one: include::link:examples/d.conf[]",
            "include::examples/e f.txt[] stops at the space; include::examples/g.py has no bracket",
            "examples/h.json[] without a macro; link:../../examples/i.sh[]",
            "include::examples/j.sh[]include::examples/k.yml[]", ""));
        Files.writeString(content.resolve("index.adoc"), "include::examples/a.sh[]\n");
        Publication publication = Publication.of(new Project(root), null);
        List<String> published;
        try (Stream<Path> files = Files.list(root.resolve("content/examples"))) {
            published = files.filter(publication::publishes).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("a.sh", "b.yml", "c.env", "d.conf", "i.sh", "j.sh", "k.yml"), published);
    }
}

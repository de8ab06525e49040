package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.AsciidoctorRuntimeExtension;
import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asciidoctor.jruby.internal.JRubyRuntimeContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages are converted on several threads with one runtime. rouge builds each lexer state the first
 * time a block needs it, without a lock; the runtime serializes highlighting so that this cannot
 * race. This test puts rouge back into its fresh state (as in a new process) before each parallel
 * conversion, many times, and requires every page to come out as when converted alone. Without
 * the serialization it fails in the first round on 2 cores: tokens come out as rouge's {@code err}
 * class or not highlighted at all (a state built with too few rules), and with an unlucky
 * interleaving rouge raises NoMethodError 'beginning_of_line' for nil (a rule slot still empty).
 */
class ConcurrentConversionTest {

    private static final String BLOCKS = """
        [source,bash,check=none,reason="test"]
        ----
        for f in *.env; do [ -f "$f" ] && echo "${f%%.env}: $(wc -l < "$f")"; done
        ----

        [source,yaml,check=none,reason="test"]
        ----
        services:
          api: {image: "agentops/api:1", ports: ["8003:8000"], environment: [A=1, B="two"]}
        ----

        [source,python,check=none,reason="test"]
        ----
        import os
        def handler(event, *args, **kw):
            return {"key": os.environ.get("K", 'default'), "n": [i ** 2 for i in range(3)]}
        ----

        [source,json,check=none,reason="test"]
        ----
        {"a": [1, 2.5, true, null], "b": {"c": "d"}}
        ----

        [source,nginx,check=none,reason="test"]
        ----
        server { listen 443 ssl; location /api/ { proxy_pass http://api:8000/; } }
        ----

        [source,dockerfile,check=none,reason="test"]
        ----
        FROM python:3.12-slim
        RUN pip install --no-cache-dir agentops && useradd -m app
        ----
        """;

    /** Forgets every lexer state rouge has built, as if no block had been highlighted yet. */
    private static final String FRESH_ROUGE = """
        Rouge::Lexer.all.each do |lexer|
          next unless lexer < Rouge::RegexLexer
          lexer.instance_variable_set(:@states, nil)
          lexer.state_definitions.each_value do |dsl|
            dsl.instance_variable_set(:@rules, [])
            dsl.instance_variable_set(:@loaded, false)
            dsl.instance_variable_set(:@closed, false)
          end
        end
        """;

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void pagesConvertOnManyThreadsAsTheyDoOneByOne() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        List<Path> pages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = String.format("content/page-%02d.adoc", i);
            // The first page is converted alone (it loads the converter); give it no blocks, so
            // that the lexers are first needed on several threads at once.
            fixture.write(name, "= Page " + i + "\n:jbake-type: page\n:jbake-status: published\n\n== Blocks\n\n"
                + (i == 0 ? "No code here.\n" : BLOCKS));
            pages.add(fixture.path(name));
        }
        Project project = new Project(fixture.root());
        Catalog catalog = Catalog.load(project.data());
        AsciidoctorRuntime runtime = AsciidoctorRuntimeExtension.runtime();
        Bake bake = new Bake(project, runtime);
        Map<Path, String> alone = new HashMap<>();
        for (Path page : pages) {
            Bake.Conversion one = bake.convert(List.of(page), catalog, p -> null);
            assertEquals(List.of(), one.pageFindings().get(page));
            alone.put(page, one.pages().get(page).html());
        }
        for (int round = 0; round < 4; round++) {
            JRubyRuntimeContext.get(runtime.asciidoctor()).evalScriptlet(FRESH_ROUGE);
            Bake.Conversion together = bake.convert(pages, catalog, p -> null);
            for (Path page : pages) {
                assertEquals(List.of(), together.pageFindings().get(page), "round " + round + ", " + page.getFileName());
                assertEquals(alone.get(page), together.pages().get(page).html(), "round " + round + ", " + page.getFileName());
            }
        }
    }
}

package dev.selfhostguide.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline scan: each kind of reference that breaks without a network is found, and only those. */
class ExternalReferenceScanTest {

    @TempDir
    Path dir;

    private List<String> scan() throws Exception {
        return ExternalReferenceScan.scan(dir).stream().map(p -> dir.relativize(p.file()) + " " + p.reference()).toList();
    }

    private void write(String name, String text) throws Exception {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aCleanSitePasses() throws Exception {
        write("docs/index.html", "<p>docs</p>");
        write("css/site.css", "body { background: url('../img/a.png'); }");
        write("img/a.png", "png");
        write("index.html", """
            <link rel="stylesheet" href="css/site.css"><a href="docs/">docs</a><a href="#top">top</a>
            <a href="https://github.com/AgentOps-AI/agentops" rel="noopener external">upstream</a>
            <img src="data:image/png;base64,AA" srcset="img/a.png 2x"><a href="mailto:x@example.com">mail</a>
            <script>document.querySelector('a').href = 'docs/index.html';</script>""");
        write(SearchIndex.FILE, "window.GUIDE_SEARCH = {\"text\": \"fetch( https://example.com\"};");
        assertEquals(List.of(), scan());
    }

    @Test
    void everyWayOfReachingTheNetworkIsFound() throws Exception {
        write("css/site.css", "@import \"https://fonts.example.com/a.css\";\nh1 { background: url(//cdn.example.com/x.png); }");
        write("js/app.js", "fetch('data.json'); import x from 'https://esm.example.com/x.js'; img.src = \"https://t.example.com/p.gif\";");
        write("index.html", """
            <script src="https://cdn.example.com/lib.js"></script>
            <link rel="icon" href="//cdn.example.com/favicon.ico">
            <img srcset="https://img.example.com/a.png 1x">
            <div style="background: url('http://img.example.com/b.png')"></div>
            <style>@import url("https://fonts.example.com/b.css");</style>
            <a href="https://github.com/AgentOps-AI/agentops">unmarked upstream</a>
            <a href="/plan.html">root-relative</a><a href="missing.html">missing</a><a href="../outside.html">outside</a>""");
        assertEquals(List.of(
            "css/site.css //cdn.example.com/x.png",
            "css/site.css https://fonts.example.com/a.css",
            "index.html https://cdn.example.com/lib.js",
            "index.html //cdn.example.com/favicon.ico",
            "index.html https://img.example.com/a.png",
            "index.html http://img.example.com/b.png",
            "index.html https://fonts.example.com/b.css",
            "index.html https://github.com/AgentOps-AI/agentops",
            "index.html /plan.html",
            "index.html missing.html",
            "index.html ../outside.html",
            "js/app.js fetch(",
            "js/app.js https://esm.example.com/x.js",
            "js/app.js https://t.example.com/p.gif"), scan());
    }
}

package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkCheckTest {

    @TempDir
    Path root;

    private Path write(String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private List<String> formatted(List<Finding> findings) {
        return findings.stream().map(f -> f.format(root)).toList();
    }

    private static String html(String body) {
        return "<!DOCTYPE html><html><body>" + body + "</body></html>";
    }

    @Test
    void brokenLinksAreReportedAtTheSourceLineThatWroteThem() throws Exception {
        write("content/index.adoc", "= Home\n\nSee xref:plan.adoc#ports[ports].\nAnd xref:gone.adoc[gone].\n");
        write("content/plan.adoc", "= Plan\n");
        write("target/site/index.html", html("<a href=\"plan.html#ports\">ports</a> <a href=\"gone.html\">gone</a>"));
        write("target/site/plan.html", html("<h2 id=\"hosts\">Hosts</h2>"));
        LinkCheck links = new LinkCheck(new Project(root), root.resolve("target/site"));
        assertEquals(List.of(
            "content/index.adoc:3: [link] link to 'plan.html#ports': plan.html has no anchor 'ports'",
            "content/index.adoc:4: [link] link to 'gone.html', which is not in the site"), formatted(links.run()));
    }

    @Test
    void whatTheSiteLoadsMustBeInsideItAndRelative() throws Exception {
        write("content/index.adoc", "= Home\n");
        write("target/site/index.html", html("<script src=\"https://cdn.example.org/x.js\"></script>"
            + "<a href=\"https://github.com/AgentOps-AI/agentops\">upstream</a><a href=\"/plan.html\">plan</a>"));
        List<String> found = formatted(new LinkCheck(new Project(root), root.resolve("target/site")).run());
        assertEquals(2, found.size(), found.toString());
        assertEquals(true, found.get(0).contains("loads 'https://cdn.example.org/x.js' from outside the site"), found.toString());
        assertEquals(true, found.get(1).contains("'/plan.html' is root-relative"), found.toString());
    }

    @Test
    void anUpdateRechecksTheChangedPagesAndThePagesLinkingToThem() throws Exception {
        write("content/index.adoc", "= Home\n\nxref:plan.adoc#ports[ports]\n");
        write("content/plan.adoc", "= Plan\n");
        Path site = root.resolve("target/site");
        write("target/site/index.html", html("<a href=\"plan.html#ports\">ports</a>"));
        Path plan = write("target/site/plan.html", html("<h2 id=\"ports\">Ports</h2>"));
        LinkCheck links = new LinkCheck(new Project(root), site);
        assertEquals(List.of(), links.run());
        Files.writeString(plan, html("<h2 id=\"moved\">Ports</h2>"));
        assertEquals(List.of("content/index.adoc:3: [link] link to 'plan.html#ports': plan.html has no anchor 'ports'"),
            formatted(links.update(site, List.of(plan))), "the unchanged page that links into the changed one");
        Files.writeString(plan, html("<h2 id=\"ports\">Ports</h2>"));
        assertEquals(List.of(), links.update(site, List.of(plan)));
    }
}

package dev.selfhostguide;

import dev.selfhostguide.cli.Environment;
import dev.selfhostguide.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small guide project in a temp folder: jbake.properties from the repository, a tiny template,
 * a nav and a deployment data file, plus whatever pages a test writes. Runs the real CLI in-process
 * on the test run's one Asciidoctor runtime ({@link AsciidoctorRuntimeExtension}).
 */
public final class GuideFixture {

    /** What a command printed and returned. */
    public record Run(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public static final String PAGE_TEMPLATE = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>${content.title!""}</title></head>
        <body><nav><#list guide_nav as item><a href="${content.rootpath!""}${item.href}">${item.title}</a></#list></nav>
        <main><div class="doc">${content.body}</div></main></body></html>
        """;

    private final Path root;

    private GuideFixture(Path root) {
        this.root = root;
    }

    public static Path repositoryRoot() {
        return Path.of(System.getProperty("guide.root", ".")).toAbsolutePath().normalize();
    }

    /** A fixture over a folder that already holds a project (a copy of another fixture's, say). */
    public static GuideFixture open(Path dir) {
        return new GuideFixture(dir);
    }

    public static GuideFixture create(Path dir) throws IOException {
        GuideFixture fixture = new GuideFixture(dir);
        Files.copy(repositoryRoot().resolve("jbake.properties"), dir.resolve("jbake.properties"));
        fixture.write("templates/page.ftl", PAGE_TEMPLATE);
        fixture.write("templates/assets/css/site.css", "body { margin: 0; }\n");
        fixture.write("content/data/.jbakeignore", "");
        fixture.write("content/examples/.jbakeignore", "");
        fixture.write("content/data/nav.yml", """
            chapters:
              - {page: index, title: Home}
              - {page: plan, title: Plan}
            """);
        fixture.write("content/data/deployment.yml", """
            ports:
              api: {reference: 8003, upstream: 8000, protocol: http, component: api, source: app/api/Dockerfile}
            hosts:
              public: agentops.internal.example
            """);
        fixture.write("content/index.adoc", """
            = Home
            :jbake-type: page
            :jbake-status: published

            [#home-intro]
            == Intro

            The API listens on {api-port}. See xref:plan.adoc#plan-ports[the ports].
            """);
        fixture.write("content/plan.adoc", """
            = Plan
            :jbake-type: page
            :jbake-status: published

            [#plan-ports]
            == Ports

            guide-table::ports[]
            """);
        return fixture;
    }

    public Path root() {
        return root;
    }

    public Path path(String relative) {
        return root.resolve(relative);
    }

    public GuideFixture write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return this;
    }

    public String read(String relative) throws IOException {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }

    /** Runs {@code guide ARGS} in this project and captures what it printed. */
    public Run run(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "-C";
        full[1] = root.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        return runIn(full);
    }

    /** Runs {@code guide ARGS} in the current folder, printing into buffers, on the test run's runtime. */
    public static Run runIn(String... args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code = Main.run(environment().printingTo(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8)), args);
        return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    }

    /** What a command runs with in a test: this folder, no GitHub annotations, the run's runtime. */
    public static Environment environment() {
        java.util.Map<String, String> variables = new java.util.HashMap<>(System.getenv());
        variables.remove("GITHUB_ACTIONS");
        return Environment.of(Path.of("").toAbsolutePath(), System.out, System.err, variables, AsciidoctorRuntimeExtension::runtime);
    }
}

package dev.selfhostguide.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.AsciidoctorRuntimeExtension;
import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.bundle.SiteFinish;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.pipeline.SiteRebuilds;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * build, check and a warm serve rebuild run the same pipeline, so for the same sources they report
 * the same findings at the same file:line. Each mutation is made to a clean two-edition guide,
 * with serve already warm; then it is undone and serve must be clean again.
 */
class SameFindingsTest {

    private static final String ENGLISH_PLAN = """
        = Plan
        :jbake-type: page
        :jbake-status: published

        [#plan-ports]
        == Ports

        guide-table::ports[]

        Check the API:

        [source,bash]
        ----
        curl -fsS http://localhost:8003/health
        ----

        The sample file:

        [source,text,check=none,reason="the example file, shown as it is"]
        ----
        include::examples/sample.env[]
        ----
        """;

    private static final String KOREAN_PLAN = """
        = 계획
        :jbake-type: page
        :jbake-status: published

        [#plan-ports]
        == 포트

        guide-table::ports[]

        API를 확인합니다:

        [source,bash]
        ----
        curl -fsS http://localhost:8003/health
        ----

        예시 파일:

        [source,text,check=none,reason="예시 파일 그대로"]
        ----
        include::examples/sample.env[]
        ----
        """;

    private static final String KOREAN_INDEX = """
        = 홈
        :jbake-type: page
        :jbake-status: published

        [#home-intro]
        == 소개

        API는 {api-port}에서 응답합니다. xref:plan.adoc#plan-ports[포트]를 보십시오.
        """;

    @TempDir
    Path dir;

    /** A mutation: the file it edits, its new text, and a finding (part of its line) build must report for it. */
    private record Mutation(String name, String file, String text, String expected) { }

    @Test
    @Timeout(600)
    void buildCheckAndAServeRebuildFindTheSame() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir)
            .write("content/examples/sample.env", "API_PORT=8003\n")
            .write("content/plan.adoc", ENGLISH_PLAN)
            .write("content/ko/plan.adoc", KOREAN_PLAN)
            .write("content/ko/index.adoc", KOREAN_INDEX);
        String index = fixture.read("content/index.adoc");
        String data = fixture.read("content/data/deployment.yml");
        List<Mutation> mutations = List.of(
            new Mutation("a changed port", "content/plan.adoc", ENGLISH_PLAN.replace("localhost:8003", "localhost:9999"),
                "content/plan.adoc:14: [ports] port 9999"),
            new Mutation("a changed Korean block", "content/ko/plan.adoc",
                KOREAN_PLAN.replace("/health", "/healthz"), "content/ko/plan.adoc:14: [parity]"),
            new Mutation("a broken xref", "content/index.adoc", index.replace("xref:plan.adoc#plan-ports", "xref:nope.adoc#plan-ports"),
                "content/index.adoc:8: [link]"),
            new Mutation("a missing include", "content/plan.adoc", ENGLISH_PLAN.replace("examples/sample.env", "examples/missing.env"),
                "content/plan.adoc:21: [asciidoctor]"),
            new Mutation("an unknown check", "content/plan.adoc", ENGLISH_PLAN.replace("[source,bash]", "[source,bash,check=frobnicate]"),
                "[coverage] unknown check 'frobnicate'"),
            new Mutation("a data typo", "content/data/deployment.yml", data.replace("ports:", "ports: [").replace("hosts:", "hosts: ]:"),
                "[data]"));

        Project project = new Project(fixture.root());
        SiteRebuilds serve = new SiteRebuilds(project, new Pipeline(AsciidoctorRuntimeExtension.runtime(), dev.selfhostguide.checks.Tools.onPath(System.getenv("PATH")), false), true,
            new SiteFinish(), SiteRun.scans(project));
        SiteRebuilds.Outcome first = serve.full(page -> { });
        assertEquals(List.of(), first.outstanding(), "the clean guide is clean");
        for (Mutation m : mutations) {
            Path file = fixture.path(m.file());
            String original = Files.readString(file);
            fixture.write(m.file(), m.text());
            List<String> served = formatted(serve.rebuild(List.of(file), page -> { }).outstanding(), project);
            List<String> built = printed(fixture.run("build", "--quiet", "--out", "target/build-out"));
            List<String> checked = printed(fixture.run("check", "--quiet"));
            assertTrue(built.stream().anyMatch(l -> l.contains(m.expected())), m.name() + ": expected " + m.expected() + " in " + built);
            assertEquals(built, checked, m.name() + ": build and check");
            assertEquals(built, served, m.name() + ": build and a serve rebuild");
            fixture.write(m.file(), original);
            assertEquals(List.of(), serve.rebuild(List.of(file), page -> { }).outstanding(), m.name() + " undone");
        }
    }

    /** The finding lines a command printed, in order. */
    private static List<String> printed(GuideFixture.Run run) {
        return List.copyOf(new TreeSet<>(run.err().lines().filter(l -> l.matches("^\\S+:\\d+: \\[[^]]+] .*")).toList()));
    }

    private static List<String> formatted(List<Finding> findings, Project project) {
        return List.copyOf(new TreeSet<>(findings.stream().map(f -> f.format(project.root())).toList()));
    }
}

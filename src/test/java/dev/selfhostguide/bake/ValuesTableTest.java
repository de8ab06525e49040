package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guide-table::replace[]}: the values a reader changes, from deployment.yml {@code replace:}.
 * The table must fail the build at the macro's line when an example file it names no longer holds
 * the value, so that the table and the downloadable files cannot drift apart.
 */
class ValuesTableTest {

    @TempDir
    Path dir;

    private static final String DEPLOYMENT = """
        ports:
          api: {reference: 8003, upstream: 8000, protocol: http, component: api, source: app/api/Dockerfile}
        hosts:
          server: agentops.internal.example
        replace:
          - attribute: server-host
            kind: host
            files: [agentops.env]
            what: The Docker host's name.
            what_ko: Docker 호스트의 이름입니다.
          - attribute: api-port
            kind: port
            files: [agentops.env]
            what: The API's port.
            what_ko: API의 포트입니다.
          - variable: JWT_SECRET_KEY
            kind: secret
            files: [agentops.env]
            what: Generate it.
            what_ko: 새로 생성합니다.
        """;

    private static final String PAGE = """
        = Plan
        :jbake-type: page
        :jbake-status: published

        [#plan-ports]
        == Ports

        guide-table::replace[]
        """;

    private GuideFixture fixture(String env) throws Exception {
        return GuideFixture.create(dir)
            .write("content/data/deployment.yml", DEPLOYMENT)
            .write("content/examples/agentops.env", env)
            .write("content/plan.adoc", PAGE);
    }

    @Test
    void rendersEveryValueWithItsFiles() throws Exception {
        GuideFixture f = fixture("API_DOMAIN=agentops.internal.example\nAPI_PORT=8003\nJWT_SECRET_KEY=change-me\n");
        GuideFixture.Run run = f.run("build", "--no-checks");
        assertEquals(0, run.exitCode(), run.all());
        String html = f.read("target/site/plan.html");
        assertTrue(html.contains("<code>agentops.internal.example</code>"), html);
        assertTrue(html.contains("<code>8003</code>"), html);
        assertTrue(html.contains("<code>JWT_SECRET_KEY</code>"), html);
        assertTrue(html.contains("<code>agentops.env</code>"), html);
        // The finish step re-serialises pages (tables get a scroll box), so the apostrophe is a character, not an entity.
        assertTrue(html.contains("The Docker host\u2019s name."), html);
    }

    @Test
    void theKoreanEditionGetsKoreanHeadersKindsAndText() throws Exception {
        GuideFixture f = fixture("API_DOMAIN=agentops.internal.example\nAPI_PORT=8003\nJWT_SECRET_KEY=change-me\n");
        f.write("content/ko/index.adoc", f.read("content/index.adoc"));
        f.write("content/ko/plan.adoc", PAGE.replace("== Ports", "== 포트"));
        GuideFixture.Run run = f.run("build", "--no-checks");
        assertEquals(0, run.exitCode(), run.all());
        String ko = f.read("target/site/ko/plan.html");
        assertTrue(ko.contains("넣을 값") && ko.contains("호스트 이름") && ko.contains("Docker 호스트의 이름입니다."), ko);
        assertTrue(!ko.contains("The API\u2019s port.") && !ko.contains("The API&#8217;s port."), ko);
        assertTrue(f.read("target/site/plan.html").contains("What to put there"));
    }

    @Test
    void anExampleThatLostTheValueFailsAtTheMacro() throws Exception {
        GuideFixture.Run run = fixture("API_DOMAIN=api.example.org\nAPI_PORT=8003\nJWT_SECRET_KEY=change-me\n")
            .run("build", "--no-checks", "--quiet");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("content/plan.adoc:8: [guide-table]")
                && l.contains("content/examples/agentops.env no longer contains 'agentops.internal.example'")),
            run.all());
    }

    @Test
    void anExampleThatLostTheVariableFailsAtTheMacro() throws Exception {
        GuideFixture.Run run = fixture("API_DOMAIN=agentops.internal.example\nAPI_PORT=8003\n")
            .run("build", "--no-checks", "--quiet");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("content/plan.adoc:8: [guide-table]")
                && l.contains("no longer contains 'JWT_SECRET_KEY'")), run.all());
    }

    @Test
    void aKoreanTableWithoutTheKoreanTextFails() throws Exception {
        GuideFixture f = fixture("API_DOMAIN=agentops.internal.example\nAPI_PORT=8003\nJWT_SECRET_KEY=x\n");
        f.write("content/data/deployment.yml", DEPLOYMENT.replace("    what_ko: 새로 생성합니다.\n", ""));
        f.write("content/ko/index.adoc", f.read("content/index.adoc"));
        f.write("content/ko/plan.adoc", PAGE);
        GuideFixture.Run run = f.run("build", "--no-checks", "--quiet");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("content/ko/plan.adoc:8: [guide-table]")
                && l.contains("'JWT_SECRET_KEY' has no what_ko")), run.all());
    }

    @Test
    void anUnknownAttributeFailsAtTheMacro() throws Exception {
        GuideFixture f = fixture("API_DOMAIN=agentops.internal.example\nAPI_PORT=8003\nJWT_SECRET_KEY=x\n");
        f.write("content/data/deployment.yml", DEPLOYMENT.replace("attribute: server-host", "attribute: proxy-host"));
        GuideFixture.Run run = f.run("build", "--no-checks", "--quiet");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("content/plan.adoc:8: [guide-table]")
                && l.contains("no attribute 'proxy-host'")), run.all());
    }
}

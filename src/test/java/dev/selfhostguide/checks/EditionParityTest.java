package dev.selfhostguide.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A drifted translation fails the gate, naming the translated page and the line. */
class EditionParityTest {

    private static final String ENGLISH = """
        = Plan
        :jbake-type: page
        :jbake-status: published

        [#plan-ports]
        == Ports

        Start it:

        [source,text,check=none,reason="sample output"]
        ----
        listening on 8003
        ----

        [#plan-hosts]
        == Hosts

        [source,bash,translate=comments]
        ----
        # show the hosts
        getent hosts agentops.internal.example
        ----
        """;

    private static final String KOREAN = """
        = 계획
        :jbake-type: page
        :jbake-status: published

        [#plan-ports]
        == 포트

        시작합니다:

        [source,text,check=none,reason="출력 예시"]
        ----
        listening on 8003
        ----

        [#plan-hosts]
        == 호스트

        [source,bash,translate=comments]
        ----
        # 호스트를 확인합니다
        getent hosts agentops.internal.example
        ----
        """;

    @TempDir
    Path dir;

    private GuideFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = GuideFixture.create(dir)
            .write("content/plan.adoc", ENGLISH)
            .write("content/ko/plan.adoc", KOREAN)
            .write("content/ko/index.adoc", fixture == null ? koreanIndex() : koreanIndex());
    }

    private static String koreanIndex() {
        return """
            = 홈
            :jbake-type: page
            :jbake-status: published

            [#home-intro]
            == 소개

            API는 {api-port}에서 응답합니다. xref:plan.adoc#plan-ports[포트]를 보십시오.
            """;
    }

    private GuideFixture.Run check() {
        return fixture.run("check", "--quiet");
    }

    private static void assertGate(GuideFixture.Run run, String expected) {
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith(expected)), "expected '" + expected + "' in:\n" + run.all());
    }

    @Test
    void faithfulTranslationPasses() {
        GuideFixture.Run run = check();
        assertEquals(0, run.exitCode(), "OUT[" + run.out() + "] ERR[" + run.err() + "]");
    }

    @Test
    void aChangedPortInTheTranslationFails() throws Exception {
        fixture.write("content/ko/plan.adoc", KOREAN.replace("listening on 8003", "listening on 8000"));
        assertGate(check(), "content/ko/plan.adoc:12: [parity] code block 1 differs from content/plan.adoc:12: "
            + "'listening on 8000' where the English has 'listening on 8003'");
    }

    @Test
    void aMissingBlockFails() throws Exception {
        fixture.write("content/ko/plan.adoc", KOREAN.replace("""
            [source,bash,translate=comments]
            ----
            # 호스트를 확인합니다
            getent hosts agentops.internal.example
            ----
            """, ""));
        assertGate(check(), "content/ko/plan.adoc:1: [parity] code block 2 (content/plan.adoc:20) is missing here");
    }

    @Test
    void aMissingSectionFails() throws Exception {
        fixture.write("content/ko/plan.adoc", KOREAN.replace("[#plan-hosts]\n== 호스트\n", ""));
        assertGate(check(), "content/ko/plan.adoc:");
        assertTrue(check().err().contains("[parity] section 'plan-hosts' (content/plan.adoc:16) is missing here"), check().all());
    }

    @Test
    void aRenamedSectionIdFails() throws Exception {
        fixture.write("content/ko/plan.adoc", KOREAN.replace("[#plan-hosts]", "[#plan-hosts-ko]"));
        assertGate(check(), "content/ko/plan.adoc:16: [parity] section 2 is 'plan-hosts-ko'");
    }

    @Test
    void aMissingPageFails() throws Exception {
        java.nio.file.Files.delete(dir.resolve("content/ko/plan.adoc"));
        assertGate(check(), "content/plan.adoc:1: [parity] this page has no ko edition");
    }

    @Test
    void aPageOnlyInTheTranslationFails() throws Exception {
        fixture.write("content/ko/extra.adoc", "= 추가\n\n[#extra-a]\n== 가\n");
        assertGate(check(), "content/ko/extra.adoc:1: [parity] this page exists only in ko");
    }

    @Test
    void commentsMayOnlyDifferInBlocksMarkedTranslatable() throws Exception {
        String english = ENGLISH.replace("[source,bash,translate=comments]", "[source,bash]");
        String korean = KOREAN.replace("[source,bash,translate=comments]", "[source,bash]");
        fixture.write("content/plan.adoc", english).write("content/ko/plan.adoc", korean);
        assertGate(check(), "content/ko/plan.adoc:20: [parity] code block 2 differs from content/plan.adoc:20");
    }
}

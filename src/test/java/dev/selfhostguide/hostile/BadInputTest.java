package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input a contributor can make ends in one clear line naming file and line,
 * exit code 1: never a stack trace, never a hang, never a half-written site.
 */
class BadInputTest {

    private static final String HEADER = "= Home\n:jbake-type: page\n:jbake-status: published\n\n[#home-a]\n== A\n\n";

    @TempDir
    Path dir;

    private GuideFixture.Run build(GuideFixture fixture) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> fixture.run("build", "--quiet"));
    }

    private GuideFixture.Run buildWithHome(String body) throws Exception {
        return build(GuideFixture.create(dir).write("content/index.adoc", HEADER + body));
    }

    private void assertClearError(GuideFixture.Run run, String expectedStart) {
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith(expectedStart)),
            "expected a line starting with '" + expectedStart + "' in:\n" + run.all());
        assertFalse(run.all().contains("\tat "), "no stack trace:\n" + run.all());
        assertFalse(run.all().contains("Exception"), "no exception names:\n" + run.all());
        assertFalse(Files.exists(dir.resolve("target/site")), "nothing is published");
    }

    @Test
    void unterminatedBlock() throws Exception {
        assertClearError(buildWithHome("[source,text,check=none,reason=\"x\"]\n----\nnever closed\n"),
            "content/index.adoc:9: [asciidoctor] unterminated listing block");
    }

    @Test
    void malformedAsciiDocSectionOutOfSequence() throws Exception {
        assertClearError(buildWithHome("==== Too deep\n\ntext\n"),
            "content/index.adoc:8: [asciidoctor] section title out of sequence");
    }

    @Test
    void invalidUtf8() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        byte[] good = (HEADER + "fine\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = Arrays.copyOf(good, good.length + 4);
        System.arraycopy(new byte[] {(byte) 0xC3, (byte) 0x28, '\n', 'x'}, 0, bad, good.length, 4);
        Files.write(dir.resolve("content/index.adoc"), bad);
        assertClearError(build(fixture), "content/index.adoc:9: [content] invalid UTF-8");
    }

    @Test
    void byteOrderMark() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        Files.write(dir.resolve("content/plan.adoc"), ("\uFEFF= Plan\n").getBytes(StandardCharsets.UTF_8));
        assertClearError(build(fixture), "content/plan.adoc:1: [content] the file starts with a UTF-8 byte order mark");
    }

    @Test
    void crlfLineEndings() throws Exception {
        assertClearError(build(GuideFixture.create(dir).write("content/index.adoc", HEADER.replace("\n", "\r\n"))),
            "content/index.adoc:1: [content] Windows line ending (CRLF)");
    }

    @Test
    void tabsInYaml() throws Exception {
        assertClearError(buildWithHome("[source,yaml]\n----\nservices:\n\tapi: {}\n----\n"),
            "content/index.adoc:11: [yaml] a tab is used for indentation");
    }

    @Test
    void yamlAliasBomb() throws Exception {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                .append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        assertClearError(buildWithHome("[source,yaml]\n----\n" + bomb + "----\n"), "content/index.adoc:");
    }

    @Test
    void deeplyNestedYaml() throws Exception {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            deep.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        deep.append("  ".repeat(60)).append("leaf\n");
        assertClearError(buildWithHome("[source,yaml]\n----\n" + deep + "----\n"), "content/index.adoc:");
    }

    @Test
    void tenMegabyteSnippet() throws Exception {
        String huge = "x".repeat(100) + "\n";
        assertClearError(buildWithHome("[source,text,check=none,reason=\"big\"]\n----\n" + huge.repeat(100_000) + "----\n"),
            "content/index.adoc: [content] the file is ");
    }

    @Test
    void includeOfAMissingFile() throws Exception {
        assertClearError(buildWithHome("include::examples/nope.env[]\n"),
            "content/index.adoc:8: [asciidoctor] include file not found");
    }

    @Test
    void includeOutsideTheContentRoot() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "TOP SECRET\n");
        GuideFixture.Run run = buildWithHome("----\ninclude::../secret.txt[]\n----\n");
        assertClearError(run, "content/index.adoc:9: [asciidoctor]");
        assertFalse(run.all().contains("TOP SECRET"));
    }

    @Test
    void symlinkLoop() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir);
        Files.createDirectories(dir.resolve("content/loop"));
        Files.createSymbolicLink(dir.resolve("content/loop/again"), dir.resolve("content/loop"));
        assertClearError(build(fixture), "content/loop/again: [content] symbolic link loop");
    }

    @Test
    void dataFileWithWrongTypes() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir).write("content/data/deployment.yml", """
            ports:
              api: {reference: eighty, upstream: 8000}
            """);
        assertClearError(build(fixture), "content/data/deployment.yml:2: [data] ports.api.reference must be a port number");
    }

    @Test
    void invalidYamlInADataFile() throws Exception {
        GuideFixture fixture = GuideFixture.create(dir).write("content/data/nav.yml", "chapters:\n  - {page: index\n");
        assertClearError(build(fixture), "content/data/nav.yml:3: [data] invalid YAML");
    }

    @Test
    void unknownCheckName() throws Exception {
        assertClearError(buildWithHome("[source,yaml,check=no-such-check]\n----\na: 1\n----\n"),
            "content/index.adoc:10: [coverage] unknown check 'no-such-check'");
    }

    @Test
    void optOutWithoutAReason() throws Exception {
        assertClearError(buildWithHome("[source,text,check=none]\n----\noutput\n----\n"),
            "content/index.adoc:10: [coverage] check=none needs a reason");
    }

    @Test
    void realLookingSecretsInAnyBlock() throws Exception {
        assertClearError(buildWithHome("""
            [source,text,check=none,reason="sample output"]
            ----
            token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudG9wcyJ9.c2lnbmF0dXJlX2lzX2hlcmU
            stripe: sk_live_4eC39HqLyjWDarjtT1zdp7dc
            aws: AKIAIOSFODNN7REALKEY
            key: 6f1c2a9e-3b7d-4c8e-9f0a-1b2c3d4e5f60
            ----
            """), "content/index.adoc:10: [secrets]");
    }

    @Test
    void templateError() throws Exception {
        assertClearError(build(GuideFixture.create(dir).write("templates/page.ftl", "<#if>\n")), "templates/page.ftl:1: [template]");
    }
}

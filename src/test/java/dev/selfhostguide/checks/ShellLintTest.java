package dev.selfhostguide.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One shellcheck process lints every shell block of a run, and each block gets exactly the
 * findings, at exactly the lines, it gets when linted alone.
 */
class ShellLintTest {

    @TempDir
    Path dir;

    private Path bin;
    private Path log;

    @BeforeEach
    void countingShellcheck() throws IOException {
        Assumptions.assumeTrue(TestCatalogs.toolPresent("bash") && TestCatalogs.toolPresent("shellcheck"),
            "bash or shellcheck is not installed: skipping");
        bin = Files.createDirectories(dir.resolve("bin"));
        log = dir.resolve("calls.log");
        for (String tool : List.of("bash", "env")) {
            Files.createSymbolicLink(bin.resolve(tool), Tools.onPath(System.getenv("PATH")).find(tool).orElseThrow());
        }
        // Wraps the real shellcheck and writes one line per process, so a test can count them.
        wrapper("echo \"$#\" >> '" + log + "'\nexec '" + Tools.onPath(System.getenv("PATH")).find("shellcheck").orElseThrow() + "' \"$@\"\n");
    }

    private void wrapper(String body) throws IOException {
        Path script = bin.resolve("shellcheck");
        Files.deleteIfExists(script);
        Files.writeString(script, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static final String UNQUOTED = "x=\"a b\"\nfor f in $(ls *.txt); do echo \"$f\"; done\n";
    private static final String LATE_ERROR = "echo ok\necho ok\nlocal x=1\n";
    private static final String CLEAN = "echo \"$HOME\"\n";

    private List<Snippet> blocks() {
        List<Snippet> blocks = new ArrayList<>();
        blocks.add(snippet("bash", Map.of(), UNQUOTED, 10));
        blocks.add(snippet("sh", Map.of(), LATE_ERROR, 30));
        blocks.add(snippet("console", Map.of(), CLEAN, 50));
        blocks.add(snippet("bash", Map.of("shellcheck-exclude", "SC2045"), UNQUOTED, 70));
        blocks.add(snippet("bash", Map.of(), UNQUOTED, 90)); // the same text again: linted once
        return blocks;
    }

    private static Snippet snippet(String language, Map<String, String> attributes, String text, int line) {
        Path page = Path.of("content/lint.adoc");
        return new Snippet(page, page, line, language, "", new HashMap<>(attributes), text);
    }

    private List<String> checkAll(CheckContext context, List<Snippet> snippets) {
        List<String> out = new ArrayList<>();
        ShellSnippetCheck check = new ShellSnippetCheck();
        for (Snippet s : snippets) {
            for (Finding f : check.check(s, context)) {
                out.add(f.file() + ":" + f.line() + ": " + f.message());
            }
        }
        return out;
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void oneProcessPerExclusionSetGivesEachBlockItsOwnFindings() throws IOException {
        List<Snippet> blocks = blocks();
        List<String> alone = new ArrayList<>();
        for (Snippet s : blocks) {
            alone.addAll(checkAll(new CheckContext(TestCatalogs.catalog(), List.of(s), Tools.on(List.of(bin)), dir), List.of(s)));
        }
        assertEquals(blocks.size(), calls().size(), "one process per block when each run has one block");
        Files.delete(log);

        List<String> together = checkAll(new CheckContext(TestCatalogs.catalog(), blocks, Tools.on(List.of(bin)), dir), blocks);

        assertEquals(alone, together);
        assertEquals(2, calls().size(), "one process per set of excluded codes: " + calls());
        assertEquals(List.of(
            "content/lint.adoc:11: shellcheck error at column 10: Iterating over ls output is fragile. Use globs. [SC2045]",
            "content/lint.adoc:32: shellcheck error at column 1: 'local' is only valid in functions. [SC2168]",
            "content/lint.adoc:91: shellcheck error at column 10: Iterating over ls output is fragile. Use globs. [SC2045]"),
            together);
    }

    @Test
    void aBatchShellcheckRefusesFallsBackToOneProcessPerBlock() throws IOException {
        Path real = Tools.onPath(System.getenv("PATH")).find("shellcheck").orElseThrow();
        // Refuses any run with more than one input file, as a broken or too old shellcheck might.
        wrapper("echo \"$#\" >> '" + log + "'\n[ \"$#\" -gt 10 ] && exit 3\nexec '" + real + "' \"$@\"\n");
        List<Snippet> blocks = blocks();

        List<String> together = checkAll(new CheckContext(TestCatalogs.catalog(), blocks, Tools.on(List.of(bin)), dir), blocks);

        assertEquals(3, together.size(), together.toString());
        assertEquals("content/lint.adoc:32: shellcheck error at column 1: 'local' is only valid in functions. [SC2168]",
            together.get(1));
        // The refused batch (three distinct texts: 9 options + 3 files); the one-block batch of the
        // other exclusion set, which it accepts; then one process for each of the other four blocks.
        assertEquals(List.of("12", "10", "10", "10", "10", "10"), calls());
    }

    @Test
    void bashSyntaxErrorsFromTheRunsParseAreThoseOfABlockAlone() throws IOException {
        List<Snippet> blocks = new ArrayList<>(blocks());
        blocks.add(snippet("bash", Map.of(), "if true; then\n  echo \"$HOME\"\n", 110));      // unterminated if: the if line
        blocks.add(snippet("bash", Map.of(), "echo ok\necho \"$x\" )\n", 130));             // bash -n names line 2
        blocks.add(snippet("sh", Map.of("shellcheck-exclude", "SC2045"), "echo ok\necho \"$x\" )\n", 150));
        List<String> alone = new ArrayList<>();
        for (Snippet s : blocks) {
            alone.addAll(checkAll(new CheckContext(TestCatalogs.catalog(), List.of(s), Tools.on(List.of(bin)), dir), List.of(s)));
        }

        List<String> together = checkAll(new CheckContext(TestCatalogs.catalog(), blocks, Tools.on(List.of(bin)), dir), blocks);

        assertEquals(alone, together);
        assertEquals(1, together.stream().filter(f -> f.startsWith("content/lint.adoc:110: ")).count(), together.toString());
        assertEquals(1, together.stream().filter(f -> f.startsWith("content/lint.adoc:131: ") && f.contains("bash -n")).count(),
            together.toString());
        assertEquals(1, together.stream().filter(f -> f.startsWith("content/lint.adoc:151: ") && f.contains("bash -n")).count(),
            together.toString());
    }

    @Test
    void oneBashParsesEachBlockAsBashAloneWould() throws IOException {
        List<String> texts = List.of(CLEAN, LATE_ERROR, "if true; then\n  echo \"$HOME\"\n", "echo ok\necho \"$x\" )\n",
            "cat <<EOF\nno end\n", "printf '%s\\n' \"키 값\"\r\n", "case x in\n", "", "#!/bin/sh\nexit 3\n");
        Map<String, Path> files = new java.util.LinkedHashMap<>();
        Path scripts = Files.createDirectories(dir.resolve("parse"));
        for (int i = 0; i < texts.size(); i++) {
            files.put(texts.get(i), Files.writeString(scripts.resolve(i + ".sh"), texts.get(i)));
        }
        Tools tools = Tools.on(List.of(bin));

        Map<String, ShellLint.Parse> together = ShellLint.parseEach(tools, files);

        assertEquals(texts, List.copyOf(together.keySet()));
        for (String text : texts) {
            Tools.Result alone = ShellLint.bashN(tools, files.get(text)).result();
            assertEquals(alone, together.get(text).result(), text);
        }
        // The unterminated if and case and the stray parenthesis; the open here-document is only a warning.
        assertEquals(3, together.values().stream().filter(p -> !p.result().ok()).count(), together.toString());
    }

    @Test
    void blocksABatchBashDidNotParseAreParsedAlone() throws IOException {
        Path real = Tools.onPath(System.getenv("PATH")).find("bash").orElseThrow();
        Files.delete(bin.resolve("bash"));
        // A bash that refuses to run a command string, so the batch parses nothing.
        Files.writeString(bin.resolve("bash"), "#!" + real + "\n[ \"$1\" = -c ] && exit 2\nexec '" + real + "' \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("bash"), PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Snippet> blocks = List.of(snippet("bash", Map.of(), "echo ok\necho \"$x\" )\n", 130), snippet("bash", Map.of(), CLEAN, 150));

        List<String> found = checkAll(new CheckContext(TestCatalogs.catalog(), blocks, Tools.on(List.of(bin)), dir), blocks);

        assertEquals(1, found.stream().filter(f -> f.startsWith("content/lint.adoc:131: ") && f.contains("bash -n")).count(),
            found.toString());
    }
}

package dev.selfhostguide.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * One python3 checks every Python block of a run, and each block gets exactly the findings, at
 * exactly the lines, it gets when checked alone; a batch that fails falls back to one process per
 * block; and a python3 that is a launcher script is asked once, then the interpreter runs.
 */
class PythonBatchTest {

    @TempDir
    Path dir;

    private Path bin;
    private Path log;
    private Path real;

    @BeforeEach
    void countingPython() throws IOException {
        Assumptions.assumeTrue(TestCatalogs.toolPresent("python3"), "python3 is not installed: skipping");
        bin = Files.createDirectories(dir.resolve("bin"));
        log = dir.resolve("calls.log");
        real = interpreter();
        // A launcher script, as pyenv's shim is: one line per start, then the real python3.
        wrapper("echo start >> '" + log + "'\nexec '" + real + "' \"$@\"\n");
    }

    private static Path interpreter;

    /**
     * The interpreter itself, asked once: python3 on PATH may be pyenv's shim, and a wrapper that
     * starts the shim would pay for it on every start (a third of a second or more).
     */
    private static synchronized Path interpreter() throws IOException {
        if (interpreter == null) {
            Path onPath = Tools.onPath(System.getenv("PATH")).find("python3").orElseThrow();
            Tools.Result r = Tools.onPath(System.getenv("PATH")).run(List.of(onPath.toString(), "-I", "-c",
                "import sys; print(sys.executable)"), null, java.time.Duration.ofSeconds(60), null);
            String found = r.stdout().strip();
            interpreter = r.ok() && !found.isEmpty() ? Path.of(found) : onPath;
        }
        return interpreter;
    }

    private void wrapper(String body) throws IOException {
        Path script = bin.resolve("python3");
        Files.deleteIfExists(script);
        Files.writeString(script, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static final List<String> TEXTS = List.of(
        "import agentops\nif True\n    agentops.init()\n",
        "import agentops as ao\nao.init(\n    api_key='<your-api-key>',\n    api_endpoint='http://localhost:8003',\n)\n",
        "import os\nos.environ['AGENTOPS_NOT_A_THING'] = '1'\nprint('\u00e9 \ud55c\uad6d\uc5b4 \ud83d\ude00\\t')\nx = '\u0000'\n",
        "import agentops\nif True\n    agentops.init()\n");  // the same text again: answered once

    private static List<Snippet> blocks() {
        List<Snippet> blocks = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            Path page = Path.of("content/py.adoc");
            blocks.add(new Snippet(page, page, 10 + 20 * i, "python", "", new HashMap<>(), TEXTS.get(i)));
        }
        return blocks;
    }

    private List<String> checkAll(CheckContext context, List<Snippet> snippets) {
        List<String> out = new ArrayList<>();
        for (Snippet s : snippets) {
            for (Finding f : new PythonCheck().check(s, context)) {
                out.add(f.file() + ":" + f.line() + ": " + f.severity() + " " + f.message());
            }
        }
        return out;
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void oneProcessGivesEachBlockTheFindingsItGetsAlone() throws IOException {
        List<Snippet> blocks = blocks();
        List<String> alone = new ArrayList<>();
        Tools once = Tools.on(List.of(bin));
        for (Snippet s : blocks) {
            alone.addAll(checkAll(new CheckContext(TestCatalogs.catalog(), List.of(s), once, dir), List.of(s)));
        }
        assertEquals(1, calls().size(), "the launcher once; then the interpreter it named: " + calls());
        Files.delete(log);

        List<String> together = checkAll(new CheckContext(TestCatalogs.catalog(), blocks, Tools.on(List.of(bin)), dir), blocks);

        assertEquals(alone, together);
        assertEquals(1, calls().size(), "one process for the run: " + calls());
        for (int line : List.of(11, 71)) {
            assertTrue(together.contains("content/py.adoc:" + line + ": ERROR Python syntax error: expected ':'")
                || together.contains("content/py.adoc:" + line + ": ERROR Python syntax error: invalid syntax"), together.toString());
        }
        assertTrue(together.stream().anyMatch(f -> f.startsWith("content/py.adoc:33: ERROR agentops.init() has no keyword api_endpoint")),
            together.toString());
        // A NUL: SyntaxError from Python 3.11.4 on (block line 1), ValueError before it (not checked, one line).
        List<String> nul = together.stream().filter(f -> f.startsWith("content/py.adoc:5")).toList();
        assertEquals(1, nul.size(), together.toString());
        assertTrue(nul.get(0).startsWith("content/py.adoc:50: ERROR Python syntax error: source code string cannot contain null bytes")
            || nul.get(0).startsWith("content/py.adoc:50: WARNING python3 could not check the block: ValueError:"), nul.get(0));
    }

    @Test
    void aBatchThatFailsFallsBackToOneProcessPerBlock() throws IOException {
        // Dies on any input of more than one block, as a crashed or killed batch would.
        wrapper("echo start >> '" + log + "'\ninput=$(cat)\ncase \"$input\" in *'\",\"'*) exit 3 ;; esac\n"
            + "printf '%s' \"$input\" | exec '" + real + "' \"$@\"\n");
        List<Snippet> blocks = blocks();
        List<String> expected = new ArrayList<>();
        for (Snippet s : blocks) {
            expected.addAll(checkAll(new CheckContext(TestCatalogs.catalog(), List.of(s), TestCatalogs.TOOLS, dir), List.of(s)));
        }
        Tools tools = Tools.on(List.of(bin));

        List<String> together = checkAll(new CheckContext(TestCatalogs.catalog(), blocks, tools, dir), blocks);

        assertEquals(expected, together);
        // The refused batch, then the first block alone through the launcher, which names the
        // interpreter: the other blocks start it directly (python3 on this PATH may itself be a
        // shim, so the interpreter is whatever the launcher ran).
        assertEquals(2, calls().size(), calls().toString());
        Path learned = tools.executable("python3").orElseThrow();
        assertTrue(!learned.equals(bin.resolve("python3")) && Files.isExecutable(learned)
            && !Files.readString(learned, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("#!"), learned.toString());
    }

    @Test
    void aBinaryOnPathIsNeverReplaced() throws IOException {
        Path binary = Files.createDirectories(dir.resolve("plain"));
        Files.createSymbolicLink(binary.resolve("python3"), Path.of("/usr/bin/env"));
        Tools tools = Tools.on(List.of(binary));
        tools.learn("python3", "/bin/sh");
        assertEquals(binary.resolve("python3"), tools.executable("python3").orElseThrow());
    }
}

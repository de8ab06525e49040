package dev.selfhostguide.checks;

import dev.selfhostguide.json.JsonString;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * python3 over every Python block of one run, in one process: each block is parsed and walked on
 * its own (the same function a block checked alone goes through), and its lines come back tagged
 * with the block's number.
 *
 * <p>Why: python3 starts in about 0.09 s, but through a version manager's shim (pyenv's is a bash
 * script that asks pyenv which interpreter to run) in about 0.35 s of CPU, and more under load. The
 * batch also prints {@code sys.executable}, which {@link Tools#learn} keeps for the Tools' later
 * runs (a serve session's rebuilds, a test run), so they start the interpreter itself.
 *
 * <p>A block the batch did not answer (the process timed out or died, or a context made for one
 * other snippet) is checked alone, in a process of its own.
 */
final class PythonBatch {

    /** What python3 said about one block: its S/K/E lines, or why it could not say. */
    record Answer(List<String> lines, String failure) {
        boolean failed() {
            return failure != null;
        }
    }

    // A bound, not an expectation: parsing takes milliseconds, but a python3 behind a version-manager
    // shim took 2-6 s just to start on a loaded 2-core machine, and 5 s failed the gate at random.
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** On top of {@link #TIMEOUT} per block in the batch: generous, a slow machine must not time out. */
    private static final Duration PER_BLOCK = Duration.ofMillis(500);

    /**
     * Reads a JSON list of sources on stdin. Prints {@code X executable} once, then per block
     * {@code N S line msg} for a syntax error, {@code N K line name value} per init keyword (value =
     * the string literal, or empty), {@code N E line name} per AGENTOPS_* environment name the code
     * reads or sets, {@code N F reason} when the block could not be checked, and {@code N D} when
     * its lines are complete. Aliases of agentops and of init are followed.
     */
    static final String SCRIPT = String.join("\n",
        "import ast, json, sys",
        "def clean(s): return s.replace('\\t', ' ').replace('\\n', ' ')",
        "def check(src):",
        "    out = []",
        "    try:",
        "        tree = ast.parse(src)",
        "    except SyntaxError as e:",
        "        out.append('S\\t%d\\t%s' % (e.lineno or 1, clean(e.msg or 'invalid syntax')))",
        "        return out",
        "    mods, funcs = {'agentops'}, set()",
        "    for n in ast.walk(tree):",
        "        if isinstance(n, ast.Import):",
        "            for a in n.names:",
        "                if a.name == 'agentops': mods.add(a.asname or a.name)",
        "        elif isinstance(n, ast.ImportFrom) and n.module == 'agentops':",
        "            for a in n.names:",
        "                if a.name == 'init': funcs.add(a.asname or a.name)",
        "    for n in ast.walk(tree):",
        "        if isinstance(n, ast.Call):",
        "            f = n.func",
        "            hit = (isinstance(f, ast.Attribute) and f.attr == 'init' and isinstance(f.value, ast.Name) and f.value.id in mods)"
            + " or (isinstance(f, ast.Name) and f.id in funcs)",
        "            if hit:",
        "                for k in n.keywords:",
        "                    if k.arg is None: continue",
        "                    v = k.value.value if isinstance(k.value, ast.Constant) and isinstance(k.value.value, str) else ''",
        "                    out.append('K\\t%d\\t%s\\t%s' % (k.value.lineno, k.arg, clean(v)))",
        "        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith('AGENTOPS_')"
            + " and n.value.replace('_', '').isalnum() and n.value.isupper():",
        "            out.append('E\\t%d\\t%s' % (n.lineno, n.value))",
        "    return out",
        "sys.stdout.reconfigure(encoding='utf-8', errors='replace')",
        "print('X\\t' + clean(sys.executable or ''))",
        "for i, src in enumerate(json.loads(sys.stdin.buffer.read().decode('utf-8'))):",
        "    try:",
        "        out = check(src)",
        "    except Exception as e:",
        "        out = ['F\\t' + clean('%s: %s' % (type(e).__name__, e))]",
        "    for line in out: print('%d\\t%s' % (i, line))",
        "    print('%d\\tD' % i)",
        "");

    private final Tools tools;
    /** Block text → its answer, for the blocks the batch answered. */
    private final Map<String, Answer> answered;

    private PythonBatch(Tools tools, Map<String, Answer> answered) {
        this.tools = tools;
        this.answered = answered;
    }

    /** Checks every distinct Python block of the context's run in one python3 process. */
    static PythonBatch forRun(CheckContext context) {
        Set<String> distinct = new LinkedHashSet<>();
        for (Snippet snippet : context.allSnippets()) {
            if (Language.of(snippet.language()).filter(Language.PYTHON::equals).isPresent()) {
                distinct.add(snippet.text());
            }
        }
        Map<String, Answer> answered = new HashMap<>();
        if (!distinct.isEmpty() && context.tools().find("python3").isPresent()) {
            run(context.tools(), List.copyOf(distinct), answered);
        }
        return new PythonBatch(context.tools(), answered);
    }

    /** The answer on this block: the batch's, or else from a python3 of its own. */
    Answer answer(String text) {
        Answer known = answered.get(text);
        if (known != null) {
            return known;
        }
        Map<String, Answer> alone = new HashMap<>();
        String failure = run(tools, List.of(text), alone);
        Answer answer = alone.get(text);
        return answer != null ? answer : new Answer(List.of(), failure == null ? "python3 gave no answer" : failure);
    }

    /**
     * One python3 over {@code texts}, putting the answers of the blocks it completed into
     * {@code result}; returns why it failed as a whole, or null.
     */
    private static String run(Tools tools, List<String> texts, Map<String, Answer> result) {
        Tools.Result r = start(tools, texts);
        if (r.timedOut()) {
            return "timed out";
        }
        if (r.exitCode() != 0) {
            String err = r.stderr().strip();
            return err.isEmpty() ? "python3 exited with " + r.exitCode() : err.lines().reduce((a, b) -> b).orElse(err);
        }
        Map<Integer, List<String>> lines = new HashMap<>();
        Map<Integer, String> failures = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\t", 2);
            if (f.length < 2) {
                continue;
            }
            if (f[0].equals("X")) {
                tools.learn("python3", f[1]);
                continue;
            }
            int block;
            try {
                block = Integer.parseInt(f[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (block < 0 || block >= texts.size()) {
                continue;
            }
            List<String> mine = lines.computeIfAbsent(block, k -> new ArrayList<>());
            if (f[1].equals("D")) {
                String failure = failures.get(block);
                result.put(texts.get(block), new Answer(List.copyOf(mine), failure));
            } else if (f[1].startsWith("F\t")) {
                failures.put(block, f[1].substring(2));
            } else {
                mine.add(f[1]);
            }
        }
        return null;
    }

    private static Tools.Result start(Tools tools, List<String> texts) {
        StringBuilder json = new StringBuilder("[");
        for (String text : texts) {
            if (json.length() > 1) {
                json.append(',');
            }
            JsonString.write(json, text, JsonString.Escaping.ASCII);
        }
        json.append(']');
        Path python = tools.executable("python3").orElseThrow();
        return tools.run(List.of(python.toString(), "-I", "-c", SCRIPT), json.toString(),
            TIMEOUT.plus(PER_BLOCK.multipliedBy(texts.size())), null);
    }
}

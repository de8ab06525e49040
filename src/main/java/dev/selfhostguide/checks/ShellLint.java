package dev.selfhostguide.checks;

import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * shellcheck over every shell block of one run, in one process per set of excluded codes, and
 * {@code bash -n} on each distinct block beside it.
 *
 * <p>Why: shellcheck's start-up (about 35 ms) dwarfs the work on a ten-line block, and the guide
 * has about 80 distinct shell blocks; one process for all of them takes about a tenth of the time
 * one process per block took. The verdict on a block does not change: each block is its own file,
 * linted with the same options, and its lines are read back by file name. bash -n stays one
 * process per block (a syntax error ends bash's parse of everything after it), but those are
 * started by one bash per core, not by this JVM, while shellcheck runs.
 *
 * <p>A block this batch did not see (a file a {@code run=safe} block writes, a context made for
 * one snippet) and a batch that failed as a whole fall back to one process for that block.
 */
final class ShellLint {

    /** One line of shellcheck's gcc-format output, in the block's own line numbers. */
    record Lint(int line, int column, String level, String message) { }

    /** What a block got: its lint lines, or a reason shellcheck gave none (timed out). */
    record Verdict(List<Lint> lints, boolean timedOut) { }

    /** What {@code bash -n} said about a block, and the file it read (its messages name it). */
    record Parse(Tools.Result result, Path script) { }

    private static final Pattern GCC = Pattern.compile("^(.*?):(\\d+):(\\d+): (error|warning|note|info|style): (.*)$");
    private static final Duration SINGLE = Duration.ofSeconds(5);
    /** Time per block in the batch on top of {@link #SINGLE}: generous, a slow machine must not time out. */
    private static final Duration PER_BLOCK = Duration.ofMillis(250);
    /** bash -n's bound on one block, as when each check ran its own. */
    private static final Duration PARSE_TIMEOUT = Duration.ofSeconds(5);

    private final Tools tools;
    /** Excluded codes + '\0' + block text → its verdict, for the blocks the batch linted. */
    private final Map<String, Verdict> batched;
    /** Block text → bash -n's answer, for the blocks the batch parsed. */
    private final Map<String, Parse> parsed;

    private ShellLint(Tools tools, Map<String, Verdict> batched, Map<String, Parse> parsed) {
        this.tools = tools;
        this.batched = batched;
        this.parsed = parsed;
    }

    /** Lints every shell block of the context's run, grouped by the codes each excludes, and parses each with bash -n. */
    static ShellLint forRun(CheckContext context) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Set<String> distinct = new LinkedHashSet<>();
        for (Snippet snippet : context.allSnippets()) {
            if (Language.of(snippet.language()).filter(Language.SHELL::equals).isPresent()) {
                List<String> texts = groups.computeIfAbsent(ShellSnippetCheck.exclusions(snippet), k -> new ArrayList<>());
                if (!texts.contains(snippet.text())) {
                    texts.add(snippet.text());
                }
                distinct.add(snippet.text());
            }
        }
        Tools tools = context.tools();
        Map<String, Path> files = write(context.scratch(), distinct);
        Map<String, Verdict> batched = new ConcurrentHashMap<>();
        Map<String, Parse> parsed = new ConcurrentHashMap<>();
        if (files.isEmpty()) {
            return new ShellLint(tools, batched, parsed); // each block falls back to its own processes
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "shell-batch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> work = new ArrayList<>();
            if (tools.find("shellcheck").isPresent()) {
                // One task for the groups, in order: one shellcheck at a time, beside the bash -n processes.
                work.add(pool.submit(() -> {
                    for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                        batched.putAll(batch(tools, files, group.getKey(), group.getValue()));
                    }
                }));
            }
            if (tools.find("bash").isPresent()) {
                for (Map<String, Path> share : shares(files, THREADS - 1)) {
                    work.add(pool.submit(() -> parsed.putAll(parseEach(tools, share))));
                }
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // what the batch did not answer falls back to one process per block
        } finally {
            pool.shutdownNow();
        }
        return new ShellLint(tools, Map.copyOf(batched), Map.copyOf(parsed));
    }

    /**
     * Processes at once: shellcheck's one, plus a bash starting the parses on each core. They are
     * short and mostly start-up, so more than this only queues them in the kernel.
     */
    private static final int THREADS = Runtime.getRuntime().availableProcessors() + 1;

    /** Each distinct text in its own file; none when the folder cannot be written. */
    private static Map<String, Path> write(Path scratch, Set<String> texts) {
        Map<String, Path> files = new LinkedHashMap<>();
        if (texts.isEmpty()) {
            return files;
        }
        try {
            Path dir = Files.createDirectories(scratch.resolve("shell-batch-" + UUID.randomUUID()));
            int i = 0;
            for (String text : texts) {
                Path file = dir.resolve(i++ + ".sh");
                Files.writeString(file, text, StandardCharsets.UTF_8);
                files.put(text, file);
            }
            return files;
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** {@code files} in up to {@code n} parts of about equal size, in order. */
    private static List<Map<String, Path>> shares(Map<String, Path> files, int n) {
        List<Map<String, Path>> shares = new ArrayList<>();
        int parts = Math.max(1, n);
        int size = Math.max(1, (files.size() + parts - 1) / parts);
        Map<String, Path> share = new LinkedHashMap<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            share.put(file.getKey(), file.getValue());
            if (share.size() == size) {
                shares.add(share);
                share = new LinkedHashMap<>();
            }
        }
        if (!share.isEmpty()) {
            shares.add(share);
        }
        return shares;
    }

    /**
     * bash -n on each file (text → file), started by one bash rather than by this JVM: a process
     * the JVM starts costs it a helper program, two pipes and three threads, several times what
     * bash's own fork and exec cost. Each parse's exit status and output go to files beside the
     * block's; a block without a status (the batch failed or ran out of time) is left out and
     * parses alone, as the check does without a batch.
     */
    static Map<String, Parse> parseEach(Tools tools, Map<String, Path> files) {
        String bash = tools.find("bash").get().toString();
        List<String> command = new ArrayList<>(List.of(bash, "-c", PARSE_EACH, bash));
        files.values().forEach(file -> command.add(file.toString()));
        tools.run(command, null, PARSE_TIMEOUT.plus(PER_BLOCK.multipliedBy(files.size())), null);
        Map<String, Parse> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path script = file.getValue();
            try {
                int status = Integer.parseInt(Files.readString(sibling(script, ".status")).strip());
                String out = Files.readString(sibling(script, ".out"), StandardCharsets.UTF_8);
                String err = Files.readString(sibling(script, ".err"), StandardCharsets.UTF_8);
                parsed.put(file.getKey(), new Parse(new Tools.Result(status, out, err, false), script));
            } catch (IOException | NumberFormatException e) {
                // not parsed by the batch: the check parses this block alone
            }
        }
        return parsed;
    }

    /** The loop {@link #parseEach} runs: $0 is the bash to parse with, the arguments are the files. */
    private static final String PARSE_EACH = "for f; do \"$0\" -n \"$f\" >\"$f.out\" 2>\"$f.err\"; echo $? >\"$f.status\"; done";

    private static Path sibling(Path script, String suffix) {
        return script.resolveSibling(script.getFileName() + suffix);
    }

    /** bash -n on one file. */
    static Parse bashN(Tools tools, Path script) {
        return new Parse(tools.run(List.of(tools.find("bash").get().toString(), "-n", script.toString()), null,
            PARSE_TIMEOUT, null), script);
    }

    /** bash -n's answer on this text from the batch, or null when the batch did not parse it. */
    Parse parsed(String text) {
        return parsed.get(text);
    }

    /** shellcheck's verdict on this text with these codes excluded. */
    Verdict lint(String text, String exclude) {
        Verdict known = batched.get(exclude + "\u0000" + text);
        if (known != null) {
            return known;
        }
        Tools.Result r = tools.run(command(tools, exclude, List.of("-")), text, SINGLE, null);
        if (r.timedOut()) {
            return new Verdict(List.of(), true);
        }
        return new Verdict(parse(r.stdout()).getOrDefault("-", List.of()), false);
    }

    private static Map<String, Verdict> batch(Tools tools, Map<String, Path> files, String exclude, List<String> texts) {
        Map<String, Verdict> result = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (String text : texts) {
            names.add(files.get(text).toString());
        }
        Duration timeout = SINGLE.plus(PER_BLOCK.multipliedBy(texts.size()));
        Tools.Result r = tools.run(command(tools, exclude, names), null, timeout, null);
        // 0: nothing found; 1: something found. Anything else (a bad option, a crash) is not a
        // verdict on the blocks, and neither is a timeout: they fall back to one process each.
        if (r.timedOut() || r.exitCode() > 1) {
            return result;
        }
        Map<String, List<Lint>> byFile = parse(r.stdout());
        for (int i = 0; i < texts.size(); i++) {
            result.put(exclude + "\u0000" + texts.get(i), new Verdict(byFile.getOrDefault(names.get(i), List.of()), false));
        }
        return result;
    }

    /**
     * {@code --norc}: a .shellcheckrc in whatever folder the run starts in (or above the scratch
     * folder) must not change a block's verdict.
     */
    private static List<String> command(Tools tools, String exclude, List<String> inputs) {
        List<String> command = new ArrayList<>(List.of(tools.find("shellcheck").get().toString(), "--norc", "-s", "bash",
            "-f", "gcc", "-S", "warning", "-e", exclude));
        command.addAll(inputs);
        return command;
    }

    private static Map<String, List<Lint>> parse(String stdout) {
        Map<String, List<Lint>> byFile = new HashMap<>();
        for (String line : stdout.split("\n")) {
            Matcher m = GCC.matcher(line.strip());
            if (m.matches()) {
                byFile.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(
                    new Lint(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4), m.group(5)));
            }
        }
        return byFile;
    }
}

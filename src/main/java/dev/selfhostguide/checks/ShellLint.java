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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * shellcheck over every shell block of one run, in one process per set of excluded codes.
 *
 * <p>Why: shellcheck's start-up (about 35 ms) dwarfs the work on a ten-line block, and the guide
 * has about 80 distinct shell blocks; one process for all of them takes about a tenth of the time
 * one process per block took. The verdict on a block does not change: each block is its own file,
 * linted with the same options, and its lines are read back by file name.
 *
 * <p>A block this batch did not see (a file a {@code run=safe} block writes, a context made for
 * one snippet) and a batch that failed as a whole fall back to one process for that block.
 */
final class ShellLint {

    /** One line of shellcheck's gcc-format output, in the block's own line numbers. */
    record Lint(int line, int column, String level, String message) { }

    /** What a block got: its lint lines, or a reason shellcheck gave none (timed out). */
    record Verdict(List<Lint> lints, boolean timedOut) { }

    private static final Pattern GCC = Pattern.compile("^(.*?):(\\d+):(\\d+): (error|warning|note|info|style): (.*)$");
    private static final Duration SINGLE = Duration.ofSeconds(5);
    /** Time per block in the batch on top of {@link #SINGLE}: generous, a slow machine must not time out. */
    private static final Duration PER_BLOCK = Duration.ofMillis(250);

    private final Tools tools;
    /** Excluded codes + '\0' + block text → its verdict, for the blocks the batch linted. */
    private final Map<String, Verdict> batched;

    private ShellLint(Tools tools, Map<String, Verdict> batched) {
        this.tools = tools;
        this.batched = batched;
    }

    /** Lints every shell block of the context's run, grouped by the codes each excludes. */
    static ShellLint forRun(CheckContext context) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Snippet snippet : context.allSnippets()) {
            if (Language.of(snippet.language()).filter(Language.SHELL::equals).isPresent()) {
                List<String> texts = groups.computeIfAbsent(ShellSnippetCheck.exclusions(snippet), k -> new ArrayList<>());
                if (!texts.contains(snippet.text())) {
                    texts.add(snippet.text());
                }
            }
        }
        Map<String, Verdict> batched = new HashMap<>();
        if (context.tools().find("shellcheck").isPresent()) {
            for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                batched.putAll(batch(context.tools(), context.scratch(), group.getKey(), group.getValue()));
            }
        }
        return new ShellLint(context.tools(), batched);
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

    private static Map<String, Verdict> batch(Tools tools, Path scratch, String exclude, List<String> texts) {
        Map<String, Verdict> result = new HashMap<>();
        Path dir = scratch.resolve("shellcheck-" + UUID.randomUUID());
        List<String> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < texts.size(); i++) {
                Path file = dir.resolve(i + ".sh");
                Files.writeString(file, texts.get(i), StandardCharsets.UTF_8);
                files.add(file.toString());
            }
        } catch (IOException e) {
            return result; // each block falls back to its own process
        }
        Duration timeout = SINGLE.plus(PER_BLOCK.multipliedBy(texts.size()));
        Tools.Result r = tools.run(command(tools, exclude, files), null, timeout, null);
        // 0: nothing found; 1: something found. Anything else (a bad option, a crash) is not a
        // verdict on the blocks, and neither is a timeout: they fall back to one process each.
        if (r.timedOut() || r.exitCode() > 1) {
            return result;
        }
        Map<String, List<Lint>> byFile = parse(r.stdout());
        for (int i = 0; i < texts.size(); i++) {
            result.put(exclude + "\u0000" + texts.get(i), new Verdict(byFile.getOrDefault(files.get(i), List.of()), false));
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

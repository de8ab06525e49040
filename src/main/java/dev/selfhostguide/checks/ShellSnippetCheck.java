package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.Origin;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Shell blocks: {@code bash -n} must parse them and {@code shellcheck -s bash} (warnings and
 * errors) must accept them, both reported at the snippet's line.
 *
 * <p>Running: a block marked {@code run=safe} is one the guide says is safe to run anywhere
 * (generating secrets with {@code openssl rand -hex 32}, writing a .env). Nothing else is ever run.
 * It runs with {@code bash -e} in a fresh folder under the scratch dir, with an empty environment
 * (PATH and HOME only), for at most 5 seconds; it must not need the network. A non-zero exit is an
 * error. Every {@code .env} / {@code *.env} file it leaves behind must pass the dotenv checks
 * with the block's {@code component} attribute (default compose) as a file of real secrets;
 * problems are reported at the line of the block that writes the file.
 *
 * <p>curl commands in shell blocks are checked by {@link HttpCheck}, which applies to shell
 * blocks containing curl by itself; this check does not call it.
 *
 * <p>Excluded shellcheck codes, because snippets are fragments a reader pastes into an
 * interactive shell: SC2034 (variable unused: a later block uses it), SC2154 (variable not
 * assigned: an earlier block or the reader's environment sets it), SC2164 ({@code cd || exit}
 * would close the reader's terminal). A block may exclude more with
 * {@code shellcheck-exclude=SC2086,...}.
 *
 * <p>shellcheck lints all the run's shell blocks in one process ({@link ShellLint}); bash -n
 * stays one process per block, because a syntax error ends bash's parse of everything after it,
 * but those are started by one bash per core while shellcheck runs.
 *
 * <p>Severities: a guide block must pass shellcheck's warnings too, so every finding is an error
 * there. In a reader's script (doctor) what bash refuses (bash -n) is an error, and so is a carriage
 * return (bash fails on every such line); the rest of what shellcheck says, at any level, is advice,
 * since the script may well run as meant. SC1090/SC1091 (a sourced file shellcheck cannot open)
 * say the linter could not see something, not that the script is wrong: a warning everywhere.
 */
public final class ShellSnippetCheck implements Check {

    public static final String ID = "shell";

    static final Tools.Program BASH = new Tools.Program("bash", "not parsed with bash -n", "apt-get install bash");
    static final Tools.Program SHELLCHECK = new Tools.Program("shellcheck", "not linted", "apt-get install shellcheck");
    private static final String EXCLUDED = "SC2034,SC2154,SC2164";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern BASH_ERROR = Pattern.compile("^.*?: line (\\d+): (.*)$");
    /** SC1090 / SC1091: shellcheck cannot open what {@code source} names; a limit of the linter. */
    private static final Pattern UNFOLLOWED_SOURCE = Pattern.compile("\\[SC109[01]\\]$");
    /** SC1017: a literal carriage return (a CRLF file), which bash makes part of the command's last word. */
    private static final Pattern CARRIAGE_RETURN = Pattern.compile("\\[SC1017\\]$");
    private static final Pattern WRITES_ENV = Pattern.compile("(>>?|\\btee\\s+(-a\\s+)?)\\s*\\S*\\.env\\b");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.SHELL);
    }

    @Override
    public Role role() {
        return Role.SYNTAX;
    }

    @Override
    public Set<FileKind> serves() {
        return Set.of(FileKind.SHELL);
    }

    @Override
    public List<Tools.Program> programs() {
        return List.of(BASH, SHELLCHECK);
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.SHELL, Map.of(), "cd \"$HOME\"\necho \"ready\"\n");
    }

    /** Reported at the line a reader has to fix by either program: bash -n and shellcheck agree on it. */
    @Override
    public Sample invalid() {
        return Sample.invalid(Language.SHELL, Map.of(), "x=1\necho \"$x\" )\n", 2);
    }

    @Override
    public void prepare(CheckContext context) {
        context.perRun(ShellLint.class, ShellLint::forRun);
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        Tools tools = context.tools();
        ShellLint batch = context.perRun(ShellLint.class, ShellLint::forRun);
        ShellLint.Parse parse = batch.parsed(snippet.text());
        boolean runs = "safe".equals(snippet.attribute("run").orElse(""));
        Path dir = null;
        Path script = null;
        if (parse == null || runs) {
            // A block of its own folder: to run it, or because the run's batch did not parse it.
            try {
                dir = Files.createDirectories(context.scratch().resolve("shell-" + UUID.randomUUID()));
            } catch (IOException e) {
                findings.add(Finding.warning(snippet, 1, ID, "not run: cannot create a scratch folder: " + e.getMessage()));
                return findings;
            }
            script = dir.resolve("snippet.sh");
            try {
                Files.writeString(script, snippet.text(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                findings.add(Finding.warning(snippet, 1, ID, "not run: cannot write the snippet: " + e.getMessage()));
                return findings;
            }
            if (parse == null && tools.has(BASH)) {
                parse = ShellLint.bashN(tools, script);
            }
        }

        Finding syntaxError = parse == null ? null : bashSyntax(snippet, parse);
        List<Finding> lint = shellcheck(snippet, context, batch);
        if (syntaxError == null) {
            findings.addAll(lint);
        } else {
            findings.add(lineToFix(syntaxError, lint));
        }
        boolean parses = syntaxError == null && tools.has(BASH);
        if (parses && runs) {
            run(snippet, context, dir, script, findings);
        }
        return findings;
    }

    /**
     * bash stops at the end of the file when a construct is left open (an {@code if} without
     * {@code fi}), where there is nothing to fix; shellcheck names the line that opened it
     * (SC1046). So after a syntax error the earliest shellcheck error is the finding, carrying
     * bash's words, and shellcheck's follow-up errors about the same parse are left out.
     */
    private static Finding lineToFix(Finding syntaxError, List<Finding> lint) {
        Finding first = null;
        for (Finding f : lint) {
            boolean better = first == null || f.line() < first.line()
                || f.line() == first.line() && isFollowUp(first) && !isFollowUp(f);
            if (f.message().startsWith("shellcheck error") && better) {
                first = f;
            }
        }
        if (first == null || first.line() >= syntaxError.line()) {
            return syntaxError; // bash already names the line, in its own words
        }
        return new Finding(first.file(), first.line(), ID, Finding.Severity.ERROR,
            first.message() + "; " + syntaxError.message() + " at line " + syntaxError.line());
    }

    /** shellcheck's "Fix to allow more checks" and "Fix any mentioned problems" repeat an earlier error. */
    private static boolean isFollowUp(Finding f) {
        return f.message().endsWith("[SC1072]") || f.message().endsWith("[SC1073]");
    }

    /** bash -n's first syntax error, or null when the block parses. */
    private static Finding bashSyntax(Snippet snippet, ShellLint.Parse parse) {
        Tools.Result r = parse.result();
        if (r.ok()) {
            return null;
        }
        String script = parse.script().toString();
        for (String line : r.stderr().split("\n")) {
            Matcher m = BASH_ERROR.matcher(line.strip());
            if (m.matches() && line.startsWith(script)) {
                // bash stops at the first syntax error; its follow-up lines repeat it
                return Finding.error(snippet, clamp(snippet, Integer.parseInt(m.group(1))), ID, "bash -n: " + m.group(2));
            }
        }
        return Finding.error(snippet, 1, ID, "bash -n failed: " + (r.timedOut() ? "timed out" : r.stderr().strip()));
    }

    /** The codes shellcheck leaves out for this block, as its {@code -e} option takes them. */
    static String exclusions(Snippet snippet) {
        return EXCLUDED + snippet.attribute("shellcheck-exclude").map(e -> "," + e.replace(" ", "")).orElse("");
    }

    private static List<Finding> shellcheck(Snippet snippet, CheckContext context, ShellLint batch) {
        List<Finding> findings = new ArrayList<>();
        if (!context.tools().has(SHELLCHECK)) {
            return findings;
        }
        ShellLint.Verdict verdict = batch.lint(snippet.text(), exclusions(snippet));
        if (verdict.timedOut()) {
            findings.add(Finding.warning(snippet, 1, ID, "not run: shellcheck timed out"));
            return findings;
        }
        boolean reader = Origin.reader(snippet);
        for (ShellLint.Lint lint : verdict.lints()) {
            int at = clamp(snippet, lint.line());
            String message = lint.message();
            String where = " at column " + lint.column();
            if (UNFOLLOWED_SOURCE.matcher(message).find()) {
                // The linter could not open the sourced file; nothing in the script is wrong.
                findings.add(Finding.warning(snippet, at, ID, "shellcheck could not follow a sourced file" + where
                    + ", so the lines using what it defines were not checked: " + message
                    + "; add '# shellcheck source=PATH' above the line to name it"));
            } else if (reader && !CARRIAGE_RETURN.matcher(message).find()) {
                // A reader's script: what bash refuses is bash -n's error above. Everything else shellcheck
                // says, at any level (SC2148 no shebang, SC2045 ls in a for loop), is a likely bug the
                // script still runs with, so it is advice. A carriage return is the exception: bash runs
                // "cmd\r" and fails with "command not found".
                findings.add(Finding.warning(snippet, at, ID, "shellcheck " + lint.level() + where + ": " + message));
            } else {
                findings.add(Finding.error(snippet, at, ID, "shellcheck " + lint.level() + where + ": " + message));
            }
        }
        return findings;
    }

    private void run(Snippet snippet, CheckContext context, Path dir, Path script, List<Finding> findings) {
        Path work = dir.resolve("work");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            findings.add(Finding.warning(snippet, 1, ID, "not run: " + e.getMessage()));
            return;
        }
        Tools tools = context.tools();
        if (tools.find("env").isEmpty()) {
            findings.add(Finding.warning(snippet, 1, ID, "not run: env is not installed"));
            return;
        }
        String path = tools.path();
        Tools.Result r = tools.run(List.of(tools.find("env").get().toString(), "-i", "PATH=" + path, "HOME=" + work,
            "LC_ALL=C", tools.find("bash").get().toString(), "--noprofile", "--norc", "-e", script.toString()),
            "", TIMEOUT, work);
        if (!r.ok()) {
            String why = r.timedOut() ? "did not finish within " + TIMEOUT.toSeconds() + " s"
                : "exited with " + r.exitCode() + (r.stderr().isBlank() ? "" : ": " + lastLine(r.stderr()));
            int line = 1;
            Matcher m = BASH_ERROR.matcher(lastLine(r.stderr()));
            if (m.matches()) {
                line = clamp(snippet, Integer.parseInt(m.group(1)));
            }
            findings.add(Finding.error(snippet, line, ID, "run=safe block failed when run: it " + why));
            return;
        }
        checkWrittenEnvFiles(snippet, context, work, findings);
    }

    private void checkWrittenEnvFiles(Snippet snippet, CheckContext context, Path work, List<Finding> findings) {
        List<Path> envFiles;
        try (Stream<Path> files = Files.walk(work, 4)) {
            envFiles = files.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().equals(".env") || p.getFileName().toString().endsWith(".env"))
                .sorted().toList();
        } catch (IOException e) {
            return;
        }
        int writer = writerLine(snippet);
        String component = snippet.attribute("component").orElse("compose");
        for (Path file : envFiles) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            Map<String, String> attrs = new HashMap<>();
            attrs.put("component", component);
            attrs.put("secrets", "real");
            Snippet produced = Snippet.ofFile(file, "dotenv", attrs, text);
            String shown = work.relativize(file).toString();
            for (Finding f : context.checkAs(produced)) {
                String message = "the " + shown + " this block writes, at its line " + f.line() + ": " + f.message();
                findings.add(f.isError() ? Finding.error(snippet, writer, ID, message) : Finding.warning(snippet, writer, ID, message));
            }
        }
    }

    /** The line that writes a .env file (redirect or tee), or 1. */
    private static int writerLine(Snippet snippet) {
        String[] lines = snippet.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (WRITES_ENV.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 1;
    }

    private static int clamp(Snippet snippet, int line) {
        return Math.max(1, Math.min(line, Math.max(1, snippet.lineCount())));
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}

package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import dev.selfhostguide.facts.Sdk;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python blocks must parse ({@code ast.parse} in python3, the SyntaxError reported at its line),
 * and every keyword of an {@code agentops.init(...)} call must be one the SDK accepts
 * (content/data/sdk.yml, from agentops/config.py at the pinned commit). The same python3 run walks
 * the tree and prints one tab-separated line per finding, so nothing else is parsed twice
 * ({@link PythonBatch}, one process for all the run's blocks). String values are checked too: the
 * exporter endpoint must end in the path the SDK needs, and the API key must not be a real-looking key.
 */
public final class PythonCheck implements Check {

    public static final String ID = "python";

    static final Tools.Program PYTHON3 = new Tools.Program("python3", "not compiled", "apt-get install python3");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.PYTHON);
    }

    @Override
    public Role role() {
        return Role.SYNTAX;
    }

    @Override
    public List<Tools.Program> programs() {
        return List.of(PYTHON3);
    }

    @Override
    public Set<FileKind> serves() {
        return Set.of(FileKind.PYTHON);
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.PYTHON, Map.of(), "import agentops\n\nagentops.init(api_key=\"<your-api-key>\")\n");
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.PYTHON, Map.of(), "import agentops\nif True\n    agentops.init()\n", 2);
    }

    @Override
    public void prepare(CheckContext context) {
        if (context.tools().has(PYTHON3)) {
            context.perRun(PythonBatch.class, PythonBatch::forRun);
        }
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        Tools tools = context.tools();
        if (!tools.has(PYTHON3)) {
            return findings;
        }
        PythonBatch.Answer answer = context.perRun(PythonBatch.class, PythonBatch::forRun).answer(snippet.text());
        if (answer.failed()) {
            findings.add(Origin.notChecked(snippet, 1, ID, "python3 could not check the block: " + answer.failure()));
            return findings;
        }
        Map<String, Sdk.Keyword> init = context.catalog().sdk().init();
        VariableCatalog variables = new VariableCatalog(context.catalog());
        for (String line : answer.lines()) {
            String[] f = line.split("\t", -1);
            if (f.length < 3) {
                continue;
            }
            int at = clamp(snippet, parse(f[1]));
            switch (f[0]) {
                case "S" -> findings.add(Finding.error(snippet, at, ID, "Python syntax error: " + f[2]));
                case "K" -> keyword(snippet, at, f[2], f.length > 3 ? f[3] : "", init, variables, findings);
                case "E" -> {
                    if (variables.present() && variables.variable("sdk", f[2]).isEmpty()) {
                        // A reader's program may read any variable for itself; only the guide's
                        // blocks are known to mean the SDK's.
                        findings.add(Origin.advice(snippet, at, ID, f[2] + " is not an environment variable the agentops SDK reads"
                            + " (content/data/variables.yml, component sdk)"));
                    }
                }
                default -> { }
            }
        }
        return findings;
    }

    private void keyword(Snippet snippet, int at, String name, String value, Map<String, Sdk.Keyword> init,
                         VariableCatalog variables, List<Finding> findings) {
        if (init.isEmpty()) {
            return;
        }
        if (!init.containsKey(name)) {
            findings.add(Finding.error(snippet, at, ID, "agentops.init() has no keyword " + name
                + " (content/data/sdk.yml, from agentops/config.py); it accepts " + String.join(", ", init.keySet())));
            return;
        }
        Sdk.Keyword param = init.get(name);
        String deprecated = param.deprecated();
        if (!deprecated.isEmpty()) {
            findings.add(Finding.warning(snippet, at, ID, "agentops.init(" + name + "=...) is deprecated: " + deprecated));
        }
        String suffix = param.pathSuffix();
        if (!suffix.isEmpty() && !value.isEmpty() && !value.contains("{") && !value.endsWith(suffix)) {
            findings.add(Finding.error(snippet, at, ID, name + " '" + value + "' must be the full URL ending in " + suffix
                + ": the SDK posts spans to exactly this URL (content/data/sdk.yml)"));
        }
        if (param.secret() && !value.isEmpty()) {
            VariableCatalog.SecretVerdict verdict = variables.judgeSecret(name, value, false);
            if (verdict != null) {
                findings.add(verdict.error() ? Finding.error(snippet, at, ID, verdict.message())
                    : Finding.warning(snippet, at, ID, verdict.message()));
            }
        }
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static int clamp(Snippet snippet, int line) {
        return Math.max(1, Math.min(line, Math.max(1, snippet.lineCount())));
    }
}

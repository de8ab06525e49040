package dev.selfhostguide.checks;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs on every snippet, opted out or not: a guide that readers copy from must never publish a
 * credential. Anything shaped like a real JWT, cloud or payment key, private key or UUID API key is
 * an error unless it is one of the documented placeholders in content/data/secrets.yml.
 */
public final class SecretsCheck implements Check {

    public static final String ID = "secrets";

    private record Shape(String name, Pattern pattern) { }

    // Shapes of credentials, not upstream facts: they are the same whatever AgentOps or LiteLLM do.
    private static final List<Shape> SHAPES = List.of(
        new Shape("a JSON Web Token", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")),
        new Shape("a Stripe secret key", Pattern.compile("\\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{8,}")),
        new Shape("an AWS access key id", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
        new Shape("a private key", Pattern.compile("-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")),
        new Shape("a GitHub token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}")),
        new Shape("a Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
        new Shape("an OpenAI-style API key", Pattern.compile("\\bsk-(?:proj-)?[A-Za-z0-9]{32,}")),
        new Shape("a UUID API key", Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b")));

    @Override
    public boolean guideOnly() {
        return true;
    }

    @Override
    public Set<Language> languages() {
        return Language.any();
    }

    @Override
    public Role role() {
        return Role.POLICY;
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.SHELL, Map.of(), "export AGENTOPS_API_KEY=\"<your-api-key>\"\n");
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.SHELL, Map.of(), "echo setting the key\nexport OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD\n", 2);
    }

    @Override
    public String id() {
        return ID;
    }

    /** Every block, opted out or not, whatever its language: a credential is published wherever it is written. */
    @Override
    public boolean appliesTo(Snippet snippet) {
        return true;
    }

    @Override
    public boolean runsOnOptedOut() {
        return true;
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        List<String> placeholders = placeholders(context);
        List<Finding> findings = new ArrayList<>();
        String[] lines = snippet.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Shape shape : SHAPES) {
                Matcher m = shape.pattern().matcher(lines[i]);
                while (m.find()) {
                    String value = m.group();
                    if (isPlaceholder(value, placeholders)) {
                        continue;
                    }
                    findings.add(Finding.error(snippet, i + 1, ID, "'" + abbreviate(value) + "' looks like " + shape.name()
                        + "; a snippet readers copy must show a placeholder (change-me-..., <your-...>) or the "
                        + "command that generates the value, never a real-looking secret"));
                }
            }
        }
        return findings;
    }

    private static boolean isPlaceholder(String value, List<String> placeholders) {
        for (String placeholder : placeholders) {
            if (value.equalsIgnoreCase(placeholder) || value.matches(placeholder)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> placeholders(CheckContext context) {
        List<String> result = new ArrayList<>();
        for (dev.selfhostguide.facts.Secrets.Placeholder p : context.catalog().secrets().placeholders()) {
            result.add(p.value().isEmpty() ? p.pattern() : p.value());
        }
        return result;
    }

    private static String abbreviate(String value) {
        return value.length() <= 16 ? value : value.substring(0, 12) + "…";
    }
}

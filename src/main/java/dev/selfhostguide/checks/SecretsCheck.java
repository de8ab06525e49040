package dev.selfhostguide.checks;

import dev.selfhostguide.content.SecretShapes;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs on every snippet, opted out or not: a guide that readers copy from must never publish a
 * credential. Anything {@link SecretShapes} recognises (JWTs, cloud, AI, payment and forge tokens,
 * private keys, URLs with a password, UUID API keys, long random values assigned to a secret's
 * name) is an error unless content/data/secrets.yml allows it with a reason.
 */
public final class SecretsCheck implements Check {

    public static final String ID = "secrets";

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
        List<Finding> findings = new ArrayList<>();
        for (SecretShapes.Match m : SecretShapes.of(context.catalog()).scan(snippet.text())) {
            findings.add(Finding.error(snippet, m.line(), ID, SecretShapes.message(m)));
        }
        return findings;
    }
}

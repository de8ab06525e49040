package dev.selfhostguide.checks;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * TOML blocks (the excerpts of Supabase's {@code config.toml} a reader edits by hand) must parse as
 * TOML 1.0: a missing quote, a redefined table or a duplicate key makes the Supabase CLI refuse the
 * whole file. Only the first error is reported, since the parser's later errors follow from it.
 */
public final class TomlCheck implements Check {

    public static final String ID = "toml";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.TOML);
    }

    @Override
    public Role role() {
        return Role.SYNTAX;
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.TOML, Map.of(), """
            [auth]
            site_url = "http://agentops.internal.example"
            additional_redirect_urls = ["http://agentops.internal.example"]
            """);
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.TOML, Map.of(), """
            [auth]
            site_url = "http://agentops.internal.example"
            site_url = "http://localhost"
            """, 3);
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        TomlParseResult result = Toml.parse(snippet.text());
        if (result.hasErrors()) {
            TomlParseError first = result.errors().get(0);
            findings.add(Finding.error(snippet, first.position().line(), ID,
                "invalid TOML at column " + first.position().column() + ": " + first.getMessage()));
        }
        return findings;
    }
}

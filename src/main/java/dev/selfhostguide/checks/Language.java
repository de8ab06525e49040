package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.EditDistance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The languages a {@code [source,LANG]} block may name, each with the spellings that mean it. This
 * is the one place that maps a block's language to what checks read: checks declare
 * {@link Language}s, never strings.
 *
 * <p>Spellings are lower case. A block written {@code [source,Bash]} is refused with a suggestion
 * rather than accepted: the highlighter, the {@code language-*} class of the page and the edition
 * parity all see the spelling as written, so two spellings of one language would render and compare
 * differently. Matching is case-insensitive only to find that suggestion.
 */
public enum Language {

    SHELL("bash", "sh", "shell", "console", "zsh"),
    YAML("yaml", "yml"),
    DOTENV("dotenv", "env"),
    JSON("json"),
    NGINX("nginx"),
    PYTHON("python", "py", "python3"),
    TOML("toml"),
    /** Sample output and prose-like listings: known, read by no check, so such a block must opt out. */
    TEXT("text", "txt", "plaintext");

    private final List<String> spellings;

    Language(String... spellings) {
        this.spellings = List.of(spellings);
    }

    /** The spelling the guide writes; the first of {@link #spellings()}. */
    public String canonical() {
        return spellings.get(0);
    }

    public List<String> spellings() {
        return spellings;
    }

    /** The language a block's spelling means; empty for an unknown spelling or a wrong case. */
    public static Optional<Language> of(String spelling) {
        for (Language language : values()) {
            if (language.spellings.contains(spelling)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** Every known spelling, in declaration order. */
    public static List<String> allSpellings() {
        List<String> all = new ArrayList<>();
        for (Language language : values()) {
            all.addAll(language.spellings);
        }
        return all;
    }

    /** Every language. */
    public static Set<Language> any() {
        return Set.of(values());
    }

    /**
     * What the writer of an unknown spelling most likely meant: the same spelling in lower case,
     * or the language whose spelling is at most two edits away; empty when nothing is close.
     */
    public static Optional<String> suggestion(String spelling) {
        String lower = spelling.toLowerCase(Locale.ROOT).strip();
        if (of(lower).isPresent()) {
            return Optional.of(lower);
        }
        Language best = null;
        int bestDistance = 3;
        for (Language language : values()) {
            for (String known : language.spellings) {
                int d = EditDistance.between(lower, known);
                if (d < bestDistance) {
                    best = language;
                    bestDistance = d;
                }
            }
        }
        // A misspelling is answered with the spelling the guide writes, not the alias it is nearest.
        return Optional.ofNullable(best).map(Language::canonical);
    }

    /** The coverage message for an unknown spelling, with a suggestion when one is close. */
    public static String unknown(String spelling) {
        return "unknown language '" + spelling + "'; " + suggestion(spelling)
            .map(s -> "did you mean '" + s + "'?")
            .orElse("known languages: " + String.join(", ", new LinkedHashSet<>(allSpellings())));
    }
}

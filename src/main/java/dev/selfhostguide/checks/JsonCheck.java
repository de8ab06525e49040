package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.Set;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON block must be strict JSON (no comments, trailing commas, single quotes or repeated
 * keys), reported at the line and column of the first error. A block that is an OTLP/JSON trace
 * request (it has resourceSpans) must also have the structure a collector accepts.
 */
public final class JsonCheck implements Check {

    public static final String ID = "json";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.JSON);
    }

    @Override
    public Role role() {
        return Role.SYNTAX;
    }

    @Override
    public Set<FileKind> serves() {
        return Set.of(FileKind.JSON);
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.JSON, Map.of(), "{\"api_key\": \"<project api key>\"}\n");
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.JSON, Map.of(), "{\n  \"a\": 1,\n  \"a\": 2\n}\n", 3);
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        return JsonFindings.of(snippet, snippet.text(), 1, ID);
    }
}

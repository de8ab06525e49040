package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.facts.Variables;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A .env file as Docker Compose reads it (compose-go's dotenv parser), checked against the
 * variables each component really reads (content/data/variables.yml).
 *
 * <p>Syntax, following compose: {@code #} starts a full-line comment; {@code export } before a
 * name is dropped; a value in single quotes is literal, in double quotes may hold escapes, and
 * either may span lines (an unterminated quote is an error); an unquoted value ends at the first
 * {@code " #"}, which starts an inline comment, and trailing blanks are dropped. Stricter than
 * compose, because the guide's files must also work with {@code docker run --env-file} and a
 * shell's {@code set -a; . ./.env}: no blanks around {@code =}, names are {@code [A-Za-z_][A-Za-z0-9_]*},
 * and every line is {@code NAME=value}.
 *
 * <p>A name set twice is an error: compose keeps the last value, so editing the first one (the
 * one a reader finds first) silently does nothing.
 *
 * <p>Attributes: {@code component=api|dashboard|collector|sdk|compose} (required) says which
 * program reads the file. {@code secrets=real} marks a file that really holds secrets (one a
 * {@code run=safe} block generated, or the reader's own .env): real-looking values are fine
 * there, published insecure defaults are not.
 */
public final class DotenvCheck implements Check {

    public static final String ID = "dotenv";

    private static final java.util.regex.Pattern SIGNED_TOKEN =
        java.util.regex.Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern EXPORT = Pattern.compile("^export\\s+");
    /** The port an http(s) URL names after its host, when it names one. */
    private static final Pattern URL_PORT = Pattern.compile("(?i)^https?://[^/:]+:(\\d+)");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*\\}|\\$[A-Za-z_][A-Za-z0-9_]*");

    /** One NAME=value statement. {@code line} is the 1-based snippet line the name is on. */
    record Entry(String name, String value, int line, boolean quoted, boolean inlineComment, boolean exported) { }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.DOTENV);
    }

    @Override
    public Role role() {
        return Role.RULE;
    }

    @Override
    public Set<FileKind> serves() {
        return Set.of(FileKind.DOTENV);
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.DOTENV, Map.of("component", "compose"), "LOGGING_LEVEL=INFO\n");
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.DOTENV, Map.of("component", "compose"), "LOGGING_LEVEL=INFO\nLOGGING_LEVL=DEBUG\n", 2);
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        List<Entry> entries = parse(snippet, findings);
        coalesceStyleWarnings(findings);

        boolean reader = Origin.reader(snippet);
        Map<String, Entry> seen = new LinkedHashMap<>();
        for (Entry e : entries) {
            Entry first = seen.putIfAbsent(e.name(), e);
            if (first == null) {
                continue;
            }
            if (reader && first.value().equals(e.value())) {
                // Nothing is lost when both lines say the same (a template that repeats a tool's block):
                // untidy, but every reader of the file gets the value that was meant.
                findings.add(Finding.warning(snippet, e.line(), ID, e.name() + " is set again to the same value (first at line "
                    + snippet.fileLine(first.line()) + "); the line changes nothing, keep one"));
            } else if (reader && first.value().isEmpty()) {
                // An empty placeholder filled in further down: compose and python-dotenv both keep the
                // later line, so the value written is the one every reader gets.
                findings.add(Finding.warning(snippet, e.line(), ID, e.name() + " is set here and left empty at line "
                    + snippet.fileLine(first.line()) + "; this later value is the one used, delete the empty line"));
            } else {
                // Compose's dotenv reader and python-dotenv both keep the last line of a name, so
                // the earlier value is silently dropped: an error, saying which line wins.
                findings.add(Finding.error(snippet, e.line(), ID, e.name() + " is set twice with different values: compose and"
                    + " python-dotenv use this line's and silently ignore line " + snippet.fileLine(first.line())
                    + "'s; delete the line you do not mean"));
            }
        }

        Optional<String> component = snippet.attribute("component");
        VariableCatalog catalog = new VariableCatalog(context.catalog());
        if (component.isEmpty() || component.get().isBlank()) {
            findings.add(Finding.error(snippet, 1, ID, "a dotenv block needs component=api|dashboard|collector|sdk|compose"
                + " to say which program reads it (compose = the root app/.env that docker compose interpolates)"));
            return findings;
        }
        if (!catalog.present()) {
            findings.add(Finding.warning(snippet, 1, ID, "not run: content/data/variables.yml is missing, so only the syntax was checked"));
            return findings;
        }
        String c = component.get().trim();
        NeighbourFacts neighbours = NeighbourFacts.of(context.catalog());
        if (reader && (neighbours.knows(c) || c.equals(NeighbourFacts.OTHER))) {
            // Another project's .env: its variable names are its own business; what the guide knows
            // about it is which values were published as examples.
            for (Entry e : entries) {
                publishedSecret(snippet, catalog, neighbours, e, findings);
            }
            return findings;
        }
        if (!catalog.hasComponent(c)) {
            findings.add(Finding.error(snippet, 1, ID, "component=" + c + " is not one of "
                + String.join("|", catalog.componentNames()) + " (content/data/variables.yml)"));
            return findings;
        }
        boolean realValues = snippet.attribute("secrets").map("real"::equals).orElse(false);
        List<ComposePassThrough.Pass> passes = c.equals("compose")
            ? ComposePassThrough.of(context.allSnippets(), context.catalog()) : List.of();
        for (Entry e : entries) {
            if (reader && publishedSecret(snippet, catalog, neighbours, e, findings)) {
                continue;
            }
            if (reader && c.equals("sdk") && catalog.variable(c, e.name()).isEmpty()) {
                sdkForeign(snippet, catalog, e, findings);
                continue;
            }
            checkEntry(snippet, catalog, c, e, realValues, passes, findings);
            if (reader) {
                urlRules(snippet, context, catalog, c, e, findings);
            }
        }
        return findings;
    }

    /**
     * A file written in one style (every line NAME = value) gets one warning about it, at its
     * first line, instead of one per line: the advice is the same and a long list hides the rest.
     */
    private static void coalesceStyleWarnings(List<Finding> findings) {
        List<Finding> blanks = findings.stream()
            .filter(f -> !f.isError() && f.message().startsWith("blank around '=' of ")).toList();
        if (blanks.size() < 2) {
            return;
        }
        int at = findings.indexOf(blanks.get(0));
        findings.removeAll(blanks);
        Finding first = blanks.get(0);
        findings.add(at, new Finding(first.file(), first.line(), first.check(), first.severity(),
            first.message() + " (and " + (blanks.size() - 1) + " more line" + (blanks.size() == 2 ? "" : "s") + " like it)"));
    }

    /**
     * A value one of the projects published as an example (AgentOps' insecure defaults, or a
     * neighbour's): an error whatever the variable is called. A short value only counts under a
     * secret's name, so that POSTGRES_DB=postgres is not mistaken for the password.
     */
    private static boolean publishedSecret(Snippet snippet, VariableCatalog catalog, NeighbourFacts neighbours, Entry e,
                                           List<Finding> findings) {
        String value = e.value();
        Optional<String> reason = neighbours.publishedSecret(e.name(), value);
        if (reason.isEmpty()) {
            return false;
        }
        // A signed token cannot be generated at random: it is re-signed with a secret of the reader's own.
        String fix = SIGNED_TOKEN.matcher(value).matches()
            ? "; set a signing secret of your own and sign new keys with it, then set them everywhere these keys are used"
            : "; generate your own (e.g. openssl rand -hex 32) and set it everywhere this secret is used";
        findings.add(Finding.error(snippet, e.line(), ID, e.name() + " is set to a published example value: " + reason.get() + fix));
        return true;
    }

    /**
     * A variable the SDK does not read, in an SDK program's .env: the program's other libraries
     * (OPENAI_API_KEY, SERPER_API_KEY) are none of the SDK's business, but an AGENTOPS_ name the
     * SDK does not know is a misspelling it silently ignores.
     */
    private static void sdkForeign(Snippet snippet, VariableCatalog catalog, Entry e, List<Finding> findings) {
        if (e.name().startsWith("AGENTOPS_")) {
            // Near a name the SDK reads, it is a misspelling the SDK ignores; unlike any, it may be the
            // program's own setting (the program reads its .env too), so only a warning.
            Optional<String> near = nearest(catalog.names("sdk"), e.name());
            String message = e.name() + " is not a variable the AgentOps SDK reads (agentops/config.py), so the SDK ignores it; "
                + near.map(n -> "did you mean " + n + "?").orElse("check the spelling against " + String.join(", ",
                    catalog.names("sdk").stream().filter(n -> n.startsWith("AGENTOPS_")).limit(6).toList()) + ", ...");
            findings.add(near.isPresent() || !Origin.reader(snippet) ? Finding.error(snippet, e.line(), ID, message)
                : Finding.warning(snippet, e.line(), ID, message));
            return;
        }
        List<String> elsewhere = catalog.componentsKnowing(e.name());
        if (!elsewhere.isEmpty()) {
            findings.add(Finding.warning(snippet, e.line(), ID, e.name() + " is read by the " + String.join(", ", elsewhere)
                + ", not by the SDK; if this .env is not an SDK program's, name its component with --component"));
        }
    }

    /** URL rules of a reader's file: a path the endpoint needs, and localhost baked into browsers. */
    private static void urlRules(Snippet snippet, CheckContext context, VariableCatalog catalog, String component, Entry e,
                                 List<Finding> findings) {
        String value = e.value();
        if (value.isEmpty() || REFERENCE.matcher(value).find()) {
            return;
        }
        Optional<Variables.Variable> variable = catalog.variable(component, e.name());
        if (variable.isPresent() && variable.get().browser() && value.matches("(?i)https?://(localhost|127\\.0\\.0\\.1)([:/].*)?")) {
            findings.add(Finding.warning(snippet, e.line(), ID, e.name() + " points at localhost, but it is "
                + variable.get().browserWhy() + ", so every user's browser calls its own machine; "
                + "use the host name users reach the API at (in a closed network, the internal DNS name)"));
        }
        String appends = appended(context, e.name());
        if (!appends.isEmpty() && value.matches("(?i)https?://.*")) {
            String trimmed = value.replaceAll("/+$", "");
            String path = trimmed.replaceFirst("(?i)^https?://[^/]*", "");
            // Any leading part of what the SDK appends (/v3, /v3/auth) would be asked for twice.
            String doubled = "";
            for (int cut = appends.indexOf('/', 1); ; cut = appends.indexOf('/', cut + 1)) {
                String head = cut < 0 ? appends : appends.substring(0, cut);
                if (path.endsWith(head)) {
                    doubled = head;
                }
                if (cut < 0) {
                    break;
                }
            }
            if (!doubled.isEmpty()) {
                findings.add(Finding.error(snippet, e.line(), ID, e.name() + " ends in " + doubled + ", but the SDK appends "
                    + appends + " to it itself (content/data/sdk.yml), so it asks " + path + appends
                    + ", gets no token and sends nothing; write " + trimmed.substring(0, trimmed.length() - doubled.length())));
            }
        }
        String suffix = pathSuffix(context, e.name());
        if (!suffix.isEmpty() && value.matches("(?i)https?://.*")) {
            String path = value.replaceFirst("(?i)^https?://[^/]*", "");
            if (!path.replaceAll("/+$", "").endsWith(suffix)) {
                findings.add(Finding.error(snippet, e.line(), ID, e.name() + " is used as given, the full URL spans are posted to"
                    + " (agentops/sdk/exporters.py), so without " + suffix + " the collector answers 404 and no span arrives;"
                    + " write " + value.replaceAll("/+$", "") + suffix));
            }
            grpcPort(context, value).ifPresent(grpc -> findings.add(Finding.error(snippet, e.line(), ID, e.name() + " names port "
                + grpc.reference() + ", the collector's OTLP gRPC port (content/data/deployment.yml " + grpc.id() + "), but the SDK"
                + " exports " + context.catalog().sdk().exporterProtocol() + " (content/data/sdk.yml), which that port does not"
                + " speak: every export fails" + httpPort(context, grpc).map(h -> "; use the OTLP/HTTP port " + h.reference()).orElse(""))));
        }
    }

    /** The gRPC port of the catalog that {@code url} names explicitly, if any. */
    private static Optional<Catalog.Port> grpcPort(CheckContext context, String url) {
        java.util.regex.Matcher m = URL_PORT.matcher(url);
        if (!m.find()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(1));
        return context.catalog().ports().stream()
            .filter(p -> p.protocol().equals("grpc") && (p.reference() == port || p.upstream() == port)).findFirst();
    }

    /** The HTTP port of the same component as {@code grpc}, spelled with the same prefix (otlp-grpc: otlp-http). */
    private static Optional<Catalog.Port> httpPort(CheckContext context, Catalog.Port grpc) {
        String prefix = grpc.id().replaceFirst("-[^-]*$", "");
        return context.catalog().ports().stream().filter(p -> p.protocol().equals("http") && p.component().equals(grpc.component())
            && p.id().startsWith(prefix + "-")).findFirst();
    }

    /** The known name within two edits of {@code name}, the closest first; empty when none is that near. */
    static Optional<String> nearest(List<String> known, String name) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            // The distance is at least the difference in length: a name that far off cannot win, and
            // skipping it keeps a file of 100,000 unknown names from costing seconds (HugeInputTest).
            if (Math.abs(k.length() - name.length()) >= bestDistance) {
                continue;
            }
            int d = EditDistance.between(k, name);
            if (d < bestDistance && d < Math.max(2, Math.min(k.length(), name.length()) / 4 + 1)) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The path an endpoint variable must end with (sdk.yml init: env + path_suffix), or "". */
    private static String pathSuffix(CheckContext context, String variable) {
        for (dev.selfhostguide.facts.Sdk.Keyword keyword : context.catalog().sdk().init().values()) {
            if (variable.equals(keyword.env())) {
                return keyword.pathSuffix();
            }
        }
        return "";
    }

    /** The path the SDK adds to a variable's URL itself (sdk.yml init: env + appends), or "". */
    private static String appended(CheckContext context, String variable) {
        for (dev.selfhostguide.facts.Sdk.Keyword keyword : context.catalog().sdk().init().values()) {
            if (variable.equals(keyword.env())) {
                return keyword.appends();
            }
        }
        return "";
    }

    private void checkEntry(Snippet snippet, VariableCatalog catalog, String component, Entry e,
                            boolean realValues, List<ComposePassThrough.Pass> passes, List<Finding> findings) {
        Optional<Variables.Variable> known = catalog.variable(component, e.name());
        if (known.isEmpty()) {
            List<String> elsewhere = catalog.componentsKnowing(e.name());
            boolean reader = Origin.reader(snippet);
            if (reader && elsewhere.isEmpty()) {
                // A reader's file: a name near one the component reads is a misspelling it silently
                // ignores; a name unlike any (OPENAI_API_KEY in a Next.js app's .env.local) is more
                // likely another program's, since the file's component was only inferred.
                Optional<String> near = nearest(catalog.names(component), e.name());
                if (near.isPresent()) {
                    findings.add(Finding.error(snippet, e.line(), ID, e.name() + " is not a variable the " + component
                        + " reads (content/data/variables.yml), so it is silently ignored; did you mean " + near.get() + "?"));
                } else {
                    findings.add(Finding.warning(snippet, e.line(), ID, e.name() + " is not a variable the " + component
                        + " reads (content/data/variables.yml), so AgentOps ignores it; if the file is another program's, say so"
                        + " with --component other"));
                }
                return;
            }
            // In a reader's file the component was inferred: a name of another component says the
            // guess may be wrong as much as the file.
            findings.add(Origin.advice(snippet, e.line(), ID, e.name() + " is not a variable the " + component
                + " reads (content/data/variables.yml)" + (elsewhere.isEmpty() ? "; check the spelling"
                : "; it belongs to " + String.join(", ", elsewhere) + (Origin.reader(snippet)
                    ? ", so check the file's component (--component)" : ", so check the block's component"))));
            return;
        }
        Variables.Variable entry = known.get();
        // The guide's own compose files may hand the variable on where upstream's do not.
        boolean passedByGuide = passes.stream().anyMatch(p -> p.variable().equals(e.name())
            && catalog.variable(p.component(), p.as()).isPresent() && catalog.deadReason(p.component(), p.as()).isEmpty());
        // A variable compose interpolates but no container reads is harmless when left empty:
        // setting it only keeps compose from warning that it is unset.
        boolean emptyInterpolated = component.equals("compose") && e.value().isEmpty()
            && !entry.passesTo().isEmpty();
        if (!passedByGuide && !emptyInterpolated) {
            catalog.deadReason(component, e.name()).ifPresent(reason ->
                findings.add(Finding.warning(snippet, e.line(), ID, e.name() + " has no effect here: " + reason)));
        }

        String value = e.value();
        boolean reference = REFERENCE.matcher(value).find();
        if (entry.integer() && !reference) {
            String empty = entry.empty();
            if (value.isEmpty() && !empty.isEmpty()) {
                findings.add(Finding.error(snippet, e.line(), ID, e.name() + " is empty: " + empty + "; set a port number"));
            } else if (!value.isEmpty() && !value.matches("\\d+")) {
                findings.add(Finding.error(snippet, e.line(), ID, e.name() + " must be a whole number, not '" + value + "'"));
            }
        }
        if (entry.mustBe().isPresent() && !value.isEmpty() && !reference && !value.equals(entry.mustBe().get().value())) {
            findings.add(Finding.error(snippet, e.line(), ID, e.name() + " must be " + entry.mustBe().get().value() + ", not '"
                + value + "': " + entry.mustBe().get().why() + " (content/data/variables.yml)"));
        }
        List<String> allowed = entry.tokens();
        if (!allowed.isEmpty() && !value.isEmpty() && !reference) {
            for (String token : value.split(",")) {
                String t = token.trim();
                if (!allowed.contains(t)) {
                    findings.add(Finding.error(snippet, e.line(), ID, e.name() + " contains '" + t + "', which the "
                        + component + " does not recognise (" + entry.readAt() + " knows "
                        + String.join(", ", allowed) + "), so it is silently ignored"));
                }
            }
        }
        if (catalog.isSecret(component, e.name())) {
            VariableCatalog.SecretVerdict verdict = catalog.judgeSecret(e.name(), value, realValues);
            if (verdict != null) {
                findings.add(verdict.error() ? Finding.error(snippet, e.line(), ID, verdict.message())
                    : Finding.warning(snippet, e.line(), ID, verdict.message()));
            }
        }
        if ("api".equals(component) && (e.inlineComment() || e.exported())) {
            findings.add(Finding.warning(snippet, e.line(), ID, (e.inlineComment() ? "the inline comment" : "the 'export ' prefix")
                + " is dropped by compose and python-dotenv but kept verbatim by docker run --env-file"
                + " (app/scripts/just-api-run.sh), which would put it into " + e.name() + "; move it to a line of its own"));
        }
    }

    /**
     * Parses the snippet the way compose does, adding a finding for each syntax error. Lines that
     * cannot be parsed are skipped, so one mistake does not hide the next.
     */
    static List<Entry> parse(Snippet snippet, List<Finding> findings) {
        String[] lines = snippet.text().split("\n", -1);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String raw = stripCr(lines[i]);
            String line = raw.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exported = false;
            Matcher export = EXPORT.matcher(line);
            if (export.find()) {
                exported = true;
                line = line.substring(export.end());
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                int colon = line.indexOf(':');
                // compose's dotenv reader (from godotenv) accepts NAME: value and takes a bare NAME from
                // the shell; python-dotenv and docker run --env-file do not. Which one reads a
                // reader's file is not certain, so there it is advice.
                findings.add(Origin.advice(snippet, n, ID, colon > 0
                    ? "'" + line.substring(0, colon).trim() + ":' is YAML style; compose reads it, but python-dotenv and"
                        + " docker run --env-file do not: a .env line is NAME=value"
                    : "'" + line.trim() + "' has no '=': compose would copy it from the shell's environment; write NAME=value"));
                continue;
            }
            String name = line.substring(0, eq);
            String rest = line.substring(eq + 1);
            if (!name.equals(name.stripTrailing()) || (!rest.isEmpty() && Character.isWhitespace(rest.charAt(0))
                && !rest.isBlank())) {
                // The guide's own files must work everywhere; a reader's file only where it is used,
                // and the line itself may hold a secret.
                findings.add(Origin.reader(snippet)
                    ? Finding.warning(snippet, n, ID, "blank around '=' of " + name.trim() + ": compose and python-dotenv"
                        + " trim it, but docker run --env-file and a shell do not; write " + name.trim() + "=value")
                    : Finding.error(snippet, n, ID, "blank around '=' in '" + line.trim()
                        + "': compose trims it but docker run --env-file and a shell do not; write "
                        + name.trim() + "=" + rest.trim()));
                name = name.trim();
                rest = rest.stripLeading();
            }
            if (!NAME.matcher(name).matches()) {
                // compose's reader also takes '.', '-' and a leading digit (compose-go dotenv, scanKeyEnd);
                // a shell and python-dotenv's users do not, so in a reader's file that is advice.
                String message = "'" + name + "' is not a valid variable name: use letters, digits and _, not starting with a digit";
                findings.add(name.matches("[A-Za-z0-9_.\\-\\[\\]]+") ? Origin.advice(snippet, n, ID, message)
                    : Finding.error(snippet, n, ID, message));
                continue;
            }
            if (!rest.isEmpty() && (rest.charAt(0) == '"' || rest.charAt(0) == '\'')) {
                char quote = rest.charAt(0);
                StringBuilder value = new StringBuilder();
                int endLine = closeQuote(lines, i, rest, quote, value);
                if (endLine < 0) {
                    findings.add(Finding.error(snippet, n, ID, name + " has an unterminated " + (quote == '"' ? "double" : "single")
                        + "-quoted value: add the closing " + quote));
                    break; // compose stops here too: everything after belongs to the open quote
                }
                String after = value.substring(value.indexOf("\u0000") + 1);
                String content = value.substring(0, value.indexOf("\u0000"));
                String trailing = after.strip();
                if (!trailing.isEmpty() && !trailing.startsWith("#")) {
                    findings.add(Finding.error(snippet, endLine + 1, ID, "text after the closing quote of " + name + ": '"
                        + trailing + "'; compose would read it as another line"));
                }
                entries.add(new Entry(name, content, n, true, trailing.startsWith("#"), exported));
                i = endLine;
                continue;
            }
            int hash = rest.indexOf(" #");
            boolean inline = hash >= 0;
            String value = (inline ? rest.substring(0, hash) : rest).stripTrailing();
            entries.add(new Entry(name, value, n, false, inline, exported));
        }
        return entries;
    }

    /**
     * Finds the closing quote of a value that starts with {@code rest} on line {@code start}. Writes
     * the value, a NUL, and the rest of the closing line into {@code out}. Returns the 0-based line
     * of the closing quote, or -1. Backslash escapes the next character, as in compose.
     */
    private static int closeQuote(String[] lines, int start, String rest, char quote, StringBuilder out) {
        String current = rest.substring(1);
        int lineIndex = start;
        boolean escape = false;
        while (true) {
            for (int k = 0; k < current.length(); k++) {
                char ch = current.charAt(k);
                if (escape) {
                    escape = false;
                    out.append(ch);
                    continue;
                }
                if (ch == '\\') {
                    escape = true;
                    out.append(ch);
                    continue;
                }
                if (ch == quote) {
                    out.append('\u0000').append(current.substring(k + 1));
                    return lineIndex;
                }
                out.append(ch);
            }
            lineIndex++;
            if (lineIndex >= lines.length) {
                return -1;
            }
            out.append('\n');
            current = stripCr(lines[lineIndex]);
        }
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}

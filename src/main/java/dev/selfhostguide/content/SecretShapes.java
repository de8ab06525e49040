package dev.selfhostguide.content;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credential-shaped strings in any text, line by line: the snippets' secrets check and the
 * scan of everything the site publishes share it, so a key is caught the same way in a code block,
 * a sentence, a table cell or the search index. A secret broken over two lines (a shell
 * continuation, a wrapped sentence) is found by joining each line's last word with the next line's
 * first. Values listed in content/data/secrets.yml, each with a reason, are allowed.
 */
public final class SecretShapes {

    /** One credential-shaped value at a 1-based line of the text. */
    public record Match(int line, String shape, String value) { }

    /** A value the guide may show, and why: an exact value or a Java regular expression for the whole value. */
    public record Allowed(String value, String reason, int line) {
        /** The value as a pattern, or null when it is not a valid one (then only the exact value is allowed). */
        private Pattern pattern() {
            try {
                return Pattern.compile(value);
            } catch (java.util.regex.PatternSyntaxException e) {
                return null;
            }
        }
    }

    /**
     * A credential shape: a pattern, the group that is the value, and literals one of which every
     * match contains, starting at most {@code lead} characters after the match does (-1: anywhere
     * in it). The pattern is tried only at those starts, never at every character: a regular
     * expression that does not begin with a literal costs about 35 ns per character tried on the
     * launcher's JIT, and the search index's list of terms holds nearly every literal. Caseless
     * shapes match the ASCII-lowercased text and list lowercase literals.
     */
    private record Shape(String name, Pattern pattern, int group, boolean caseless, List<String> needles, int lead) {
        Shape(String name, String regex, String... needles) {
            this(name, Pattern.compile(regex), 0, false, List.of(needles), 0);
        }

        Shape(String name, String regex, int lead, String... needles) {
            this(name, Pattern.compile(regex), 0, false, List.of(needles), lead);
        }

        /**
         * The leftmost match in {@code in} starting at or after {@code from}, the one
         * {@code Matcher.find} would give next, on {@code m} (made on first use; null before); null
         * when there is none.
         */
        Matcher next(String in, Matcher m, int from) {
            if (needles.isEmpty() || lead < 0) {
                Matcher all = m != null ? m : pattern.matcher(in);
                return from <= in.length() && all.find(from) ? all : null;
            }
            // Each needle's next place, so every needle's places are searched for once per call.
            int[] places = new int[needles.size()];
            for (int k = 0; k < places.length; k++) {
                places[k] = in.indexOf(needles.get(k), from);
            }
            int tried = from - 1;
            while (true) {
                int at = -1;
                for (int place : places) {
                    if (place >= 0 && (at < 0 || place < at)) {
                        at = place;
                    }
                }
                if (at < 0) {
                    return null;
                }
                if (m == null) {
                    // Transparent bounds: lookbehinds and word boundaries see past the region's start.
                    m = pattern.matcher(in).useTransparentBounds(true).useAnchoringBounds(false);
                }
                for (int start = Math.max(tried + 1, at - lead); start <= at; start++) {
                    m.region(start, in.length());
                    if (m.lookingAt()) {
                        return m;
                    }
                }
                tried = at;
                for (int k = 0; k < places.length; k++) {
                    if (places[k] == at) {
                        places[k] = in.indexOf(needles.get(k), at + 1);
                    }
                }
            }
        }
    }

    // Shapes of credentials, not upstream facts: they are the same whatever AgentOps or LiteLLM do.
    // Order matters only for the name given when two shapes match the same text (the first wins).
    private static final List<Shape> SHAPES = List.of(
        new Shape("a private key", "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", -1, "PRIVATE KEY"),
        new Shape("a JSON Web Token", "\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", "eyJ"),
        new Shape("an Anthropic API key", "\\bsk-ant-[A-Za-z0-9_-]{20,}", "sk-ant-"),
        new Shape("an OpenAI project key", "\\bsk-proj-[A-Za-z0-9_-]{20,}", "sk-proj-"),
        new Shape("an OpenAI-style API key", "\\bsk-[A-Za-z0-9]{20,}", "sk-"),
        new Shape("a Stripe secret key", "\\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{8,}", 1, "k_live_", "k_test_"),
        new Shape("an AWS access key id", "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\\b",
            "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"),
        new Shape("an AWS secret access key", Pattern.compile(
            "(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)[\"']?\\s*[:=]\\s*[\"']?"
                + "([a-z0-9/+]{40})(?![a-z0-9/+])"), 1, true, List.of("secret"), "aws_".length()),
        new Shape("a Google API key", "\\bAIza[0-9A-Za-z_-]{35}", "AIza"),
        new Shape("a GitLab token", "\\bglpat-[0-9A-Za-z_-]{20,}", "glpat-"),
        new Shape("a GitHub token", "\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})",
            "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        new Shape("a SendGrid API key", "\\bSG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{16,64}", "SG."),
        new Shape("an npm token", "\\bnpm_[A-Za-z0-9]{36}\\b", "npm_"),
        new Shape("a Hugging Face token", "\\bhf_[A-Za-z0-9]{30,}", "hf_"),
        new Shape("a Slack webhook", "https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_-]{20,}", "https://".length(),
            "hooks.slack.com"),
        new Shape("a Slack token", "\\bxox[abposr]-[A-Za-z0-9-]{10,}", "xox"),
        // A password written as {attribute}, ${VAR} or <placeholder> is filled in elsewhere: the data
        // value is scanned where it is written and again in the rendered page.
        new Shape("a URL with a password", Pattern.compile("(?<=[a-zA-Z0-9])://[^\\s/:@\"'<>]+:(?![{$<])([^\\s/@\"'<>]+)@"), 1, false,
            List.of("://"), 0),
        new Shape("a UUID API key", "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b", 8, "-"));

    /**
     * Every shape's literals (the assignment shape last), looked for in one pass over a text:
     * which shapes may match there. Most lines of the site hold none, and one String.indexOf per
     * literal and line was most of the time the scan of the search index took.
     */
    private static final class Literals {
        private record Literal(String text, int shape, boolean caseless) { }

        /** Literals by their first character (ASCII; a caseless literal by its lowercase one). */
        private final Literal[][] byFirst = new Literal[128][];
        /** Shapes without literals, which may match anywhere. */
        private final long always;
        /** The caseless shapes, which are matched on the lowercased text. */
        final long caseless;

        Literals(List<Shape> shapes) {
            if (shapes.size() > Long.SIZE) {
                throw new IllegalArgumentException("at most 64 shapes: one bit each");
            }
            List<List<Literal>> buckets = new ArrayList<>();
            for (int c = 0; c < 128; c++) {
                buckets.add(new ArrayList<>());
            }
            long anywhere = 0;
            long lowered = 0;
            for (int k = 0; k < shapes.size(); k++) {
                Shape shape = shapes.get(k);
                if (shape.needles().isEmpty()) {
                    anywhere |= 1L << k;
                }
                if (shape.caseless()) {
                    lowered |= 1L << k;
                }
                for (String needle : shape.needles()) {
                    char first = needle.charAt(0);
                    if (first >= 128 || shape.caseless() && first >= 'A' && first <= 'Z') {
                        throw new IllegalArgumentException("a literal starts with ASCII, lowercase when caseless: " + needle);
                    }
                    buckets.get(first).add(new Literal(needle, k, shape.caseless()));
                }
            }
            for (int c = 0; c < 128; c++) {
                byFirst[c] = buckets.get(c).toArray(new Literal[0]);
            }
            this.always = anywhere;
            this.caseless = lowered;
        }

        /** The shapes (bit k for the k-th) that {@code text} holds a literal of. */
        long present(String text) {
            long found = always;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 128) {
                    continue;
                }
                found |= at(text, i, byFirst[c], false);
                if (c >= 'A' && c <= 'Z') {
                    found |= at(text, i, byFirst[c + 32], true);
                }
            }
            return found;
        }

        /** The shapes of {@code literals} found at {@code i} ({@code upper}: only the caseless ones, the text has A-Z there). */
        private static long at(String text, int i, Literal[] literals, boolean upper) {
            long found = 0;
            for (Literal literal : literals) {
                if ((literal.caseless() || !upper) && holds(text, i, literal)) {
                    found |= 1L << literal.shape();
                }
            }
            return found;
        }

        private static boolean holds(String text, int i, Literal literal) {
            String needle = literal.text();
            if (i + needle.length() > text.length()) {
                return false;
            }
            for (int j = 0; j < needle.length(); j++) {
                char c = text.charAt(i + j);
                if (literal.caseless() && c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                }
                if (c != needle.charAt(j)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * NAME=value or name: value where the name says secret and the value is long and random,
     * matched on the lowercased text from the keyword on (the name is read backwards from there).
     */
    private static final Shape ASSIGNMENT = new Shape("a random value", Pattern.compile(
        "(?:secret|token|password|passwd|api_?key|apikey|private_?key|access_?key|credential)s?"
            + "[\"']?\\s*[:=]\\s*[\"']?([a-z0-9+/_.~=-]{24,})"), 1, true,
        List.of("secret", "token", "passw", "key", "credential"), "private_".length());
    /** SHAPES, then ASSIGNMENT: the order of {@link #LITERALS}' bits. */
    private static final List<Shape> ALL = java.util.stream.Stream.concat(SHAPES.stream(), java.util.stream.Stream.of(ASSIGNMENT)).toList();
    /** The literals of {@link #ALL} (bit k: the k-th shape). */
    private static final Literals LITERALS = new Literals(ALL);
    /** Bits per character above which a long assigned value is taken for a random secret. */
    static final double ENTROPY_BITS = 3.5;

    private final List<Allowed> allowed;
    private final List<Pattern> patterns;

    public SecretShapes(List<Allowed> allowed) {
        this.allowed = List.copyOf(allowed);
        // Compiled once: the scan asks for every match and every pair of adjacent lines of the site.
        this.patterns = this.allowed.stream().map(Allowed::pattern).toList();
    }

    /**
     * The shapes with the allowlist of {@code catalog}'s secrets.yml. An entry without a reason
     * allows nothing (bake.PublishedSecrets reports it), so no value is let through unexplained.
     */
    public static SecretShapes of(Catalog catalog) {
        return new SecretShapes(allowed(catalog).stream().filter(a -> !a.reason().isEmpty()).toList());
    }

    public List<Allowed> allowlist() {
        return allowed;
    }

    /** Every credential-shaped value in {@code text} that the allowlist does not allow, in line order. */
    public List<Match> scan(String text) {
        return scan(text, null);
    }

    /**
     * {@link #scan(String)}, taking what {@code memo} remembers for each piece of the text seen
     * before (its matches depend on this allowlist: the caller clears it when that changes). The text is scanned in pieces no match can cross (see {@link #joined}): usually
     * one line each, so a page rebuild in serve scans the lines that changed in the search index
     * (one line per entry) instead of all of it, and finds the lines it shares with the last
     * scan's text without hashing them again ({@link Memory#adopt}). Pieces give exactly the whole text's matches:
     * only the assignment shapes can cross a line break, and only through their {@code [:=]}.
     */
    public List<Match> scan(String text, Memory memo) {
        String[] lines = text.split("\n", -1);
        // A long text is kept as lines for the next scan, and takes what it shares with the one of
        // the last scan it most resembles: where each line was there (-1: new), and its breaks.
        boolean kept = memo != null && lines.length >= Memory.LONG;
        Lines before = kept ? memo.closest(lines) : null;
        int[] was = before == null ? null : Memory.adopt(lines, before.lines());
        Object[] breaks = kept ? new Object[lines.length] : null;
        boolean[] joined = joined(lines);
        List<Match> matches = new ArrayList<>();
        int from = 0;
        while (from < lines.length) {
            int to = from;
            while (to + 1 < lines.length && joined[to]) {
                to++;
            }
            String piece = to == from ? lines[from] : String.join("\n", java.util.Arrays.asList(lines).subList(from, to + 1));
            List<Match> found = memo == null ? find(piece) : memo.pieces.get(piece, this::find);
            for (Match m : found) {
                matches.add(new Match(m.line() + from, m.shape(), m.value()));
            }
            from = to + 1;
        }
        for (int i = 0; i + 1 < lines.length; i++) {
            if (!lines[i].isBlank() && !lines[i + 1].isBlank()) {
                Object known = was != null && was[i] >= 0 && was[i + 1] == was[i] + 1 ? before.breaks()[was[i]] : null;
                Break at = known == null ? Break.of(lines[i], lines[i + 1]) : known instanceof Break b ? b : null;
                if (breaks != null) {
                    breaks[i] = at == null ? Lines.NO_BREAK : at;
                }
                if (at != null) {
                    List<Match> split = memo == null ? split(at) : memo.breaks.get(at, this::split);
                    for (Match m : split) {
                        matches.add(new Match(i + 1, m.shape(), m.value()));
                    }
                }
            }
        }
        if (kept) {
            memo.keep(new Lines(lines, breaks));
        }
        matches.sort(java.util.Comparator.comparingInt(Match::line));
        return matches;
    }

    private List<Match> find(String piece) {
        return find(piece, true);
    }

    /**
     * Whether a match may cross the break after each line. Only the assignment shapes' {@code \s*}
     * around {@code [:=]} can hold a line break, so a match crosses one only where the nearest
     * non-blank line before it ends with {@code :} or {@code =}, or the nearest after it starts
     * with one. Every other break ends a piece.
     */
    private static boolean[] joined(String[] lines) {
        boolean[] joined = new boolean[lines.length];
        boolean[] nextStartsAssigning = new boolean[lines.length + 1];
        for (int i = lines.length - 1; i >= 0; i--) {
            String t = lines[i].strip();
            nextStartsAssigning[i] = t.isEmpty() ? nextStartsAssigning[i + 1] : t.startsWith(":") || t.startsWith("=");
        }
        boolean lastEndsAssigning = false;
        for (int i = 0; i + 1 < lines.length; i++) {
            String t = lines[i].strip();
            if (!t.isEmpty()) {
                lastEndsAssigning = t.endsWith(":") || t.endsWith("=");
            }
            joined[i] = lastEndsAssigning || nextStartsAssigning[i + 1];
        }
        return joined;
    }

    /** Enough of a value to find it in the file, not enough to use it. */
    public static String abbreviate(String value) {
        return value.length() <= 16 ? value : value.substring(0, 12) + "…";
    }

    /**
     * The message for a match, the same for a snippet and for prose, so the one value found by the
     * snippets' check and by the scan of the published text is one line, not two.
     */
    public static String message(Match m) {
        return "'" + abbreviate(m.value()) + "' looks like " + m.shape() + "; the guide must show a placeholder "
            + "(change-me-..., <your-...>) or the command that generates the value, never a real-looking secret "
            + "(a placeholder that only looks real goes in content/data/secrets.yml with a reason)";
    }

    /** Whether {@code text} holds anything credential-shaped, without line bookkeeping. */
    public boolean any(String text) {
        return !scan(text).isEmpty();
    }

    private List<Match> scanLine(String line, int number, boolean assignments) {
        List<Match> matches = new ArrayList<>();
        for (Match m : find(line, assignments)) {
            matches.add(new Match(number, m.shape(), m.value()));
        }
        return matches;
    }

    /** Matches of every shape over the whole text; one per value and line. */
    private List<Match> find(String text, boolean assignments) {
        long present = LITERALS.present(text);
        if (present == 0) {
            return List.of();               // most lines: no shape's literal, so nothing to match
        }
        List<Match> matches = new ArrayList<>();
        int[] starts = lineStarts(text);
        String lower = (present & LITERALS.caseless) != 0 ? asciiLower(text) : null;
        Set<String> seen = new java.util.HashSet<>();
        for (int k = 0; k < SHAPES.size(); k++) {
            Shape shape = SHAPES.get(k);
            if ((present & 1L << k) == 0) {
                continue;
            }
            String in = shape.caseless() ? lower : text;
            for (Matcher m = shape.next(in, null, 0); m != null; m = shape.next(in, m, m.end())) {
                String value = text.substring(m.start(shape.group()), m.end(shape.group()));
                String whole = text.substring(m.start(), m.end());
                int line = lineOf(starts, m.start());
                if (!isAllowed(value) && !isAllowed(whole) && seen.add(line + "\u0000" + value)) {
                    matches.add(new Match(line, shape.name(), value));
                }
            }
        }
        if (assignments && (present & 1L << SHAPES.size()) != 0) {
            for (Matcher m = ASSIGNMENT.next(lower, null, 0); m != null; m = ASSIGNMENT.next(lower, m, m.end())) {
                String value = text.substring(m.start(1), m.end(1));
                int line = lineOf(starts, m.start());
                if (!random(value) || isAllowed(value)
                        || matches.stream().anyMatch(x -> x.line() == line && value.contains(x.value()))) {
                    continue;
                }
                int from = m.start();
                while (from > 0 && (Character.isLetterOrDigit(text.charAt(from - 1)) || "_.-".indexOf(text.charAt(from - 1)) >= 0)) {
                    from--;
                }
                String name = text.substring(from, m.start(1)).replaceAll("[\"'\\s:=]+$", "");
                if (seen.add(line + "\u0000" + value)) {
                    matches.add(new Match(line, "a random value assigned to " + name, value));
                }
            }
        }
        return matches;
    }

    /**
     * Where each shape's pattern matches in {@code text} ("shape:start-end", the assignment shape
     * last), found as the scan finds them or, with {@code everywhere}, by trying every character
     * as Matcher.find does: the two must agree for any text (SecretShapesSearchTest).
     */
    static List<String> spans(String text, boolean everywhere) {
        long present = LITERALS.present(text);
        String lower = asciiLower(text);
        List<String> spans = new ArrayList<>();
        for (int k = 0; k < ALL.size(); k++) {
            Shape shape = ALL.get(k);
            String in = shape.caseless() ? lower : text;
            if (everywhere) {
                Matcher m = shape.pattern().matcher(in);
                while (m.find()) {
                    spans.add(k + ":" + m.start() + "-" + m.end());
                }
            } else if ((present & 1L << k) != 0) {
                for (Matcher m = shape.next(in, null, 0); m != null; m = shape.next(in, m, m.end())) {
                    spans.add(k + ":" + m.start() + "-" + m.end());
                }
            }
        }
        return spans;
    }

    /** Offsets where each line starts. */
    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[n++] = i + 1;
            }
        }
        return starts;
    }

    /** The 1-based line of an offset. */
    private static int lineOf(int[] starts, int offset) {
        int at = java.util.Arrays.binarySearch(starts, offset);
        return (at >= 0 ? at : -at - 2) + 1;
    }

    /** A-Z to a-z and nothing else, so offsets in the result are offsets in the text. */
    private static String asciiLower(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + 32);
            }
        }
        return new String(chars);
    }

    /**
     * What {@link #scan(String, Memory)} found in each piece and at each line break of the texts it
     * scanned, for the next scan of nearly the same texts (serve). Its answers depend on the
     * allowlist: the owner clears it when that changes.
     */
    public static final class Memory {
        /** Texts of at least this many lines are kept as lines for the next scan ({@link #closest}). */
        static final int LONG = 500;

        private final ScanMemory<String, List<Match>> pieces = new ScanMemory<>();
        private final ScanMemory<Break, List<Match>> breaks = new ScanMemory<>();
        private volatile List<Lines> lastLong = List.of();
        private final java.util.Queue<Lines> nowLong = new java.util.concurrent.ConcurrentLinkedQueue<>();

        /** Starts a scan: see {@link ScanMemory#next}. */
        public synchronized void next() {
            pieces.next();
            breaks.next();
            lastLong = List.copyOf(nowLong);
            nowLong.clear();
        }

        /** Forgets everything. */
        public synchronized void clear() {
            pieces.clear();
            breaks.clear();
            lastLong = List.of();
            nowLong.clear();
        }

        private void keep(Lines lines) {
            nowLong.add(lines);
        }

        /**
         * The long text of the last scan that looks most like {@code lines}: the most equal lines
         * among every 32nd counted from the start and from the end. A sample, because a full
         * comparison costs as much as {@link #adopt} itself, and the two views of the search
         * index are alike in most lines; a poor choice only makes the memo slower, never wrong.
         */
        Lines closest(String[] lines) {
            Lines best = null;
            int most = 0;
            for (Lines candidate : lastLong) {
                String[] old = candidate.lines();
                int n = Math.min(old.length, lines.length);
                int same = 0;
                for (int k = 0; k < n; k += 32) {
                    if (lines[k].equals(old[k])) {
                        same++;
                    }
                    if (lines[lines.length - 1 - k].equals(old[old.length - 1 - k])) {
                        same++;
                    }
                }
                if (same > most) {
                    most = same;
                    best = candidate;
                }
            }
            return best;
        }

        /**
         * Replaces each line of {@code lines} that {@code old} also has, in the same order, with
         * old's own string, and says where it was. Why: the memo is keyed by line, and a line
         * from the last scan has its hash already computed and is found by identity, where a fresh
         * copy of the same 800 KB search index would be hashed again line by line. Lines are
         * matched in order, looking a few lines ahead on either side past an inserted, deleted
         * or changed line; a line not matched is simply looked up as a new one.
         */
        static int[] adopt(String[] lines, String[] old) {
            int[] was = new int[lines.length];
            java.util.Arrays.fill(was, -1);
            int i = 0;
            int j = 0;
            while (i < lines.length && j < old.length) {
                if (lines[i].equals(old[j])) {
                    lines[i] = old[j];
                    was[i++] = j++;
                    continue;
                }
                int skip = resync(lines, i, old, j);
                if (skip > 0) {
                    j += skip;              // old lines deleted
                } else if (skip < 0) {
                    i -= skip;              // new lines inserted
                } else {
                    i++;                    // a changed line
                    j++;
                }
            }
            return was;
        }

        private static final int LOOKAHEAD = 4;

        /** How many old lines (positive) or new lines (negative) to skip to match again within the look-ahead; 0 for none. */
        private static int resync(String[] lines, int i, String[] old, int j) {
            for (int k = 1; k <= LOOKAHEAD; k++) {
                if (j + k < old.length && lines[i].equals(old[j + k])) {
                    return k;
                }
                if (i + k < lines.length && lines[i + k].equals(old[j])) {
                    return -k;
                }
            }
            return 0;
        }
    }

    /**
     * A long text's lines as one scan had them, and the {@link Break} after each line that has
     * one ({@link #NO_BREAK} where it cannot; null next to a blank line), for the next scan of
     * nearly the same text.
     */
    record Lines(String[] lines, Object[] breaks) {
        static final Object NO_BREAK = new Object();
    }

    /**
     * A line break between the last word of a line and the first of the next, where a value may be
     * split in two; {@link #of} gives null where it cannot be (a short or missing word). Its verdict
     * depends on the two words alone. Continuation marks (shell {@code \}, AsciiDoc {@code +}) at the
     * end of the first line are dropped.
     */
    private record Break(String last, String first) {

        static Break of(String line, String next) {
            String tail = line.stripTrailing();
            if (tail.endsWith("\\") || tail.endsWith(" +")) {
                tail = tail.substring(0, tail.length() - 1).stripTrailing();
            }
            int cut = Math.max(tail.lastIndexOf(' '), tail.lastIndexOf('\t')) + 1;
            String last = tail.substring(cut);
            String head = next.stripLeading();
            int end = 0;
            while (end < head.length() && !Character.isWhitespace(head.charAt(end))) {
                end++;
            }
            String first = head.substring(0, end);
            if (last.length() < 3 || first.isEmpty() || last.length() + first.length() < 12) {
                return null;
            }
            return new Break(last, first);
        }
    }

    /**
     * A secret cut in two by the break: the two words make a match that neither holds alone. At
     * line 0; the caller numbers it.
     */
    private List<Match> split(Break at) {
        String last = at.last();
        String first = at.first();
        // Only the fixed shapes: a NAME=value line followed by any word would look like one long value.
        List<Match> together = scanLine(last + first, 0, false);
        if (together.isEmpty()) {
            return List.of();
        }
        if (isAllowed(unquoted(last)) || isAllowed(unquoted(first))) {
            return List.of();                   // an allowed value is whole on its line, not half of another
        }
        if (!scanLine(last, 0, false).isEmpty() || !scanLine(first, 0, false).isEmpty()) {
            return List.of();                   // already found whole on its own line
        }
        List<Match> joined = new ArrayList<>();
        for (Match m : together) {
            boolean straddles = m.value().length() > 0
                && (last + first).indexOf(m.value()) < last.length()
                && (last + first).indexOf(m.value()) + m.value().length() > last.length();
            if (straddles) {
                joined.add(new Match(0, m.shape() + " split over two lines", m.value()));
            }
        }
        return joined;
    }

    private static final Pattern QUOTES = Pattern.compile("^[\"'`(\\[]+|[\"'`),.;:\\]]+$");

    private static String unquoted(String word) {
        return QUOTES.matcher(word).replaceAll("");
    }

    private boolean isAllowed(String value) {
        for (int i = 0; i < allowed.size(); i++) {
            Pattern pattern = patterns.get(i);
            if (value.equalsIgnoreCase(allowed.get(i).value()) || pattern != null && pattern.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Long, mixed letters and digits, and dense in information: not a word, a path or a placeholder. */
    static boolean random(String value) {
        boolean letters = false;
        boolean digits = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            letters |= Character.isLetter(c);
            digits |= Character.isDigit(c);
        }
        if (!letters || !digits) {
            return false;
        }
        return entropy(value) >= ENTROPY_BITS;
    }

    /** Shannon entropy of the value's characters, in bits per character. */
    static double entropy(String value) {
        Map<Character, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < value.length(); i++) {
            counts.merge(value.charAt(i), 1, Integer::sum);
        }
        double bits = 0;
        for (int count : counts.values()) {
            double p = (double) count / value.length();
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }

    /**
     * The allowlist: secrets.yml's {@code placeholders:}, the published upstream defaults of
     * variables.yml's {@code insecure_defaults:} and neighbours.yml's {@code published_secrets:}.
     * The guide names those to warn against keeping them; anyone can read them upstream, so
     * showing them leaks nothing, and the dotenv check rejects them in a reader's file.
     */
    public static List<Allowed> allowed(Catalog catalog) {
        List<Allowed> result = new ArrayList<>();
        List<dev.selfhostguide.facts.Variables.InsecureDefault> defaults = catalog.variables().insecureDefaults();
        for (int i = 0; i < defaults.size(); i++) {
            dev.selfhostguide.facts.Variables.InsecureDefault d = defaults.get(i);
            if (!d.value().isEmpty()) {
                result.add(new Allowed(Pattern.quote(d.value()), d.reason(), catalog.line("variables", "insecure_defaults[" + i + "]")));
            }
        }
        // The example values of the projects AgentOps runs next to (neighbours.yml), for the same reason.
        for (dev.selfhostguide.facts.Neighbours.Published p : catalog.neighbours().published()) {
            if (!p.reason().isEmpty()) {
                result.add(new Allowed(Pattern.quote(p.value()), p.reason(), catalog.line("neighbours", "published_secrets[" + p.index() + "]")));
            }
        }
        List<dev.selfhostguide.facts.Secrets.Placeholder> placeholders = catalog.secrets().placeholders();
        for (int i = 0; i < placeholders.size(); i++) {
            dev.selfhostguide.facts.Secrets.Placeholder p = placeholders.get(i);
            // An empty value (a bare "value:") allows nothing; an entry without a reason is kept so the scan reports it.
            if (!p.value().isEmpty()) {
                result.add(new Allowed(p.value(), p.reason().strip(), catalog.line("secrets", "placeholders[" + i + "]")));
            }
        }
        return result;
    }
}

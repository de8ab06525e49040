package dev.selfhostguide.checks.support;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Strict YAML loading shared by the YAML-based checks. It composes the node tree (not Java
 * objects) so every key and value keeps the line it was written on, and it refuses what a
 * permissive loader lets through: duplicate keys, alias bombs, absurd nesting and tabs used as
 * indentation. Checks that build on it ({@code compose}, {@code litellm-config},
 * {@code otel-collector}) say nothing about an invalid file: {@link YamlCheck} reports that.
 *
 * <p>Lines and columns here are 1-based and count from the first line of the parsed text.
 */
public final class StrictYaml {

    /** Aliases to collections allowed per document set; more is treated as an alias bomb. */
    public static final int MAX_ALIASES = 20;
    /** Collections nested deeper than this are refused (no real config needs it). */
    public static final int MAX_DEPTH = 30;

    /** One reason the text is not acceptable YAML. */
    /**
     * One reason the text is not acceptable YAML. {@code lossless}: a duplicate key whose first
     * value is wholly repeated, with the same values, by the later one that last-wins loaders keep.
     */
    public record Problem(int line, int column, String message, boolean lossless, int firstLine) {
        public Problem(int line, int column, String message) {
            this(line, column, message, false, 0);
        }

        /** Whether this is a duplicate key (then {@code firstLine} is the line of its first occurrence). */
        public boolean duplicate() {
            return firstLine > 0;
        }
    }

    /** The documents of the text, or the problems that make it unacceptable. */
    public record Parsed(List<Node> documents, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private StrictYaml() {
    }

    public static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** Parses every document of {@code text}; never throws. */
    public static Parsed parse(String text) {
        List<Problem> problems = new ArrayList<>(tabIndentation(text));
        List<Node> documents = new ArrayList<>();
        try {
            for (Node node : new Yaml(options()).composeAll(new StringReader(text))) {
                if (node != null) {
                    documents.add(node);
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            int column = mark == null ? 0 : mark.getColumn() + 1;
            // a tab already reported on this line is the clearer explanation of the same error
            if (problems.stream().noneMatch(p -> p.line() == line)) {
                problems.add(new Problem(line, column, describe(e)));
            }
            return done(List.of(), problems);
        } catch (YAMLException e) {
            problems.add(locateLimit(text, e));
            return done(List.of(), problems);
        } catch (RuntimeException e) {
            problems.add(new Problem(1, 0, "cannot be read as YAML: " + e.getMessage()));
            return done(List.of(), problems);
        }
        for (Node document : documents) {
            duplicateKeys(document, Collections.newSetFromMap(new IdentityHashMap<>()), problems);
        }
        if (!problems.isEmpty()) {
            problems = withoutTabsInBlockScalars(problems, documents);
        }
        return done(problems.isEmpty() ? documents : List.of(), problems);
    }

    private static Parsed done(List<Node> documents, List<Problem> problems) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
            : Integer.compare(a.column(), b.column()));
        return new Parsed(List.copyOf(documents), List.copyOf(sorted));
    }

    private static String describe(MarkedYAMLException e) {
        StringBuilder message = new StringBuilder("invalid YAML: ");
        if (e.getContext() != null) {
            message.append(e.getContext());
            if (e.getContextMark() != null) {
                message.append(" (from line ").append(e.getContextMark().getLine() + 1).append(')');
            }
            message.append(", ");
        }
        message.append(e.getProblem() == null ? e.getMessage() : e.getProblem().trim());
        return message.toString();
    }

    /**
     * YAML forbids tabs in indentation; some parsers accept them in places and then nest keys
     * differently than the reader sees. Lines inside block scalars are filtered out later,
     * once the tree says where those are.
     */
    private static List<Problem> tabIndentation(String text) {
        List<Problem> problems = new ArrayList<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int j = 0;
            while (j < line.length() && (line.charAt(j) == ' ' || line.charAt(j) == '\t')) {
                j++;
            }
            if (j == line.length() || line.charAt(j) == '#') {
                continue; // blank or comment-only lines carry no structure
            }
            int tab = line.substring(0, j).indexOf('\t');
            if (tab >= 0) {
                problems.add(new Problem(i + 1, tab + 1,
                    "a tab is used for indentation; YAML allows only spaces there, so indent with spaces"));
            }
        }
        return problems;
    }

    private static List<Problem> withoutTabsInBlockScalars(List<Problem> problems, List<Node> documents) {
        Set<Integer> blockLines = new HashSet<>();
        for (Node document : documents) {
            walk(document, node -> {
                if (node instanceof ScalarNode s && s.getScalarStyle() != null
                    && (s.getScalarStyle().getChar() != null)
                    && (s.getScalarStyle().getChar() == '|' || s.getScalarStyle().getChar() == '>')) {
                    for (int l = s.getStartMark().getLine() + 2; l <= s.getEndMark().getLine() + 1; l++) {
                        blockLines.add(l);
                    }
                }
            });
        }
        List<Problem> kept = new ArrayList<>();
        for (Problem p : problems) {
            if (!(p.message().startsWith("a tab is used") && blockLines.contains(p.line()))) {
                kept.add(p);
            }
        }
        return kept;
    }

    /** Finds where an alias or nesting limit was crossed, which SnakeYAML does not mark. */
    private static Problem locateLimit(String text, YAMLException e) {
        String message = String.valueOf(e.getMessage());
        boolean aliases = message.contains("aliases");
        boolean depth = message.contains("Nesting Depth");
        if (aliases || depth) {
            try {
                Set<String> collectionAnchors = new HashSet<>();
                int aliasCount = 0;
                int nesting = 0;
                for (Event event : new Yaml(options()).parse(new StringReader(text))) {
                    if (event instanceof CollectionStartEvent start) {
                        nesting++;
                        if (start.getAnchor() != null) {
                            collectionAnchors.add(start.getAnchor());
                        }
                        if (depth && nesting > MAX_DEPTH) {
                            return at(start.getStartMark(), "nesting is deeper than " + MAX_DEPTH
                                + " levels; flatten the structure");
                        }
                    } else if (event instanceof MappingEndEvent || event instanceof SequenceEndEvent) {
                        nesting--;
                    } else if (event instanceof AliasEvent alias && aliases
                        && collectionAnchors.contains(((NodeEvent) alias).getAnchor())) {
                        aliasCount++;
                        if (aliasCount > MAX_ALIASES) {
                            return at(alias.getStartMark(), "more than " + MAX_ALIASES
                                + " aliases to collections (a possible alias bomb); write the values out or use fewer anchors");
                        }
                    }
                }
            } catch (RuntimeException ignored) {
                // fall through to an unplaced problem
            }
        }
        return new Problem(1, 0, "invalid YAML: " + message);
    }

    private static Problem at(Mark mark, String message) {
        return new Problem(mark.getLine() + 1, mark.getColumn() + 1, message);
    }

    private static void duplicateKeys(Node node, Set<Node> seen, List<Problem> problems) {
        if (!seen.add(node)) {
            return; // an alias to a node already checked
        }
        if (node instanceof MappingNode mapping) {
            Map<String, NodeTuple> keys = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (key instanceof ScalarNode scalar && !Tag.MERGE.equals(key.getTag())) {
                    String id = key.getTag().getValue() + "\u0000" + scalar.getValue();
                    NodeTuple first = keys.putIfAbsent(id, tuple);
                    if (first != null) {
                        boolean lossless = covers(tuple.getValueNode(), first.getValueNode());
                        problems.add(new Problem(line(key), column(key), "duplicate key '" + scalar.getValue()
                            + "' (first at line " + line(first.getKeyNode()) + "); YAML loaders silently keep only one of them"
                            + (lossless ? " (here every entry of the first reappears with the same value, so nothing is lost;"
                                + " merge them into one)" : ""), lossless, line(first.getKeyNode())));
                    }
                }
                duplicateKeys(tuple.getKeyNode(), seen, problems);
                duplicateKeys(tuple.getValueNode(), seen, problems);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                duplicateKeys(item, seen, problems);
            }
        }
    }

    /**
     * Whether {@code kept} says everything {@code dropped} says: equal scalars, equal sequences, or
     * a mapping holding each of the other's keys with a value that covers it in turn.
     */
    static boolean covers(Node kept, Node dropped) {
        if (kept instanceof ScalarNode k && dropped instanceof ScalarNode d) {
            return k.getTag().equals(d.getTag()) && k.getValue().equals(d.getValue());
        }
        if (kept instanceof SequenceNode k && dropped instanceof SequenceNode d) {
            if (k.getValue().size() != d.getValue().size()) {
                return false;
            }
            for (int i = 0; i < k.getValue().size(); i++) {
                if (!covers(k.getValue().get(i), d.getValue().get(i)) || !covers(d.getValue().get(i), k.getValue().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (kept instanceof MappingNode k && dropped instanceof MappingNode d) {
            for (NodeTuple entry : d.getValue()) {
                if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                    return false;
                }
                NodeTuple match = k.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key.getValue())
                        && s.getTag().equals(key.getTag()))
                    .reduce((a, b) -> b).orElse(null);
                if (match == null || !covers(match.getValueNode(), entry.getValueNode())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    // ---- helpers for walking the tree -------------------------------------------------------

    /** 1-based line of the node's start. */
    public static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    public static int column(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getColumn() + 1;
    }

    /** Calls {@code visitor} for every node once (aliases are visited once). */
    public static void walk(Node root, java.util.function.Consumer<Node> visitor) {
        walk(root, visitor, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Node node, java.util.function.Consumer<Node> visitor, Set<Node> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        visitor.accept(node);
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                walk(tuple.getKeyNode(), visitor, seen);
                walk(tuple.getValueNode(), visitor, seen);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                walk(item, visitor, seen);
            }
        }
    }

    /**
     * The entries of a mapping by key text, with YAML merge keys ({@code <<: *anchor}) applied
     * the way loaders do: keys written in the mapping win over merged ones. Non-scalar keys are
     * left out. Returns an empty map for anything that is not a mapping.
     */
    public static Map<String, NodeTuple> entries(Node node) {
        Map<String, NodeTuple> result = new LinkedHashMap<>();
        if (node instanceof MappingNode mapping) {
            entries(mapping, result, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return result;
    }

    private static void entries(MappingNode mapping, Map<String, NodeTuple> result, Set<Node> seen) {
        if (!seen.add(mapping)) {
            return;
        }
        List<MappingNode> merged = new ArrayList<>();
        Map<String, NodeTuple> own = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (Tag.MERGE.equals(key.getTag())) {
                Node value = tuple.getValueNode();
                if (value instanceof MappingNode m) {
                    merged.add(m);
                } else if (value instanceof SequenceNode s) {
                    for (Node item : s.getValue()) {
                        if (item instanceof MappingNode m) {
                            merged.add(m);
                        }
                    }
                }
            } else if (key instanceof ScalarNode scalar) {
                own.put(scalar.getValue(), tuple);
            }
        }
        for (MappingNode m : merged) {
            Map<String, NodeTuple> inner = new LinkedHashMap<>();
            entries(m, inner, seen);
            inner.forEach(result::putIfAbsent);
        }
        result.putAll(own);
    }

    /** The value under {@code key}, if the node is a mapping that has it. */
    public static Optional<Node> get(Node node, String key) {
        NodeTuple tuple = entries(node).get(key);
        return tuple == null ? Optional.empty() : Optional.of(tuple.getValueNode());
    }

    /** The text of a scalar, or empty for collections and YAML null. */
    public static Optional<String> scalar(Node node) {
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            return Optional.of(s.getValue());
        }
        return Optional.empty();
    }

    public static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
    }

    /** The items of a sequence, or an empty list. */
    public static List<Node> items(Node node) {
        return node instanceof SequenceNode s ? s.getValue() : List.of();
    }

    /** Checks one YAML document of a snippet, adding to the findings. */
    public @FunctionalInterface
    interface DocumentCheck {
        void run(org.yaml.snakeyaml.nodes.Node document, java.util.List<dev.selfhostguide.snippets.Finding> findings);
    }

    /**
     * Runs {@code check} on every document of a snippet that YamlCheck found valid (an invalid one
     * is YamlCheck's to report, once), in line order. A catalog that cannot be read becomes one
     * finding instead of an exception, so the snippet is never silently passed.
     */
    public static java.util.List<dev.selfhostguide.snippets.Finding> eachDocument(dev.selfhostguide.snippets.Snippet snippet,
            String id, String what, DocumentCheck check) {
        Parsed parsed = parse(snippet.text());
        if (!parsed.ok()) {
            return java.util.List.of();
        }
        java.util.List<dev.selfhostguide.snippets.Finding> findings = new java.util.ArrayList<>();
        try {
            for (org.yaml.snakeyaml.nodes.Node document : parsed.documents()) {
                check.run(document, findings);
            }
        } catch (RuntimeException e) {
            findings.add(Origin.notChecked(snippet, 1, id, "cannot check this " + what + ": " + e.getMessage()));
        }
        findings.sort(java.util.Comparator.comparingInt(dev.selfhostguide.snippets.Finding::line));
        return findings;
    }
}

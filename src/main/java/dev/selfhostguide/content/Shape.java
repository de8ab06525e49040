package dev.selfhostguide.content;

import java.nio.file.Path;
import java.util.LinkedHashMap;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The shape a data file's YAML must have, checked on the parsed nodes so every problem carries
 * the line it is on: an unknown key, a value of the wrong type, a missing required key, a regular
 * expression that does not compile. A rule that reads a mistyped entry would otherwise see nothing
 * and pass; here the typo fails the load at its line.
 *
 * <p>Every mapping of fields also accepts the keys any fact may carry: {@code evidence} (a list of
 * {@link Evidence} entries), {@code description}, {@code note}, and their translations
 * ({@code description_ko}, {@code title_ko}, ...).
 */
public sealed interface Shape {

    /** Checks {@code node} at {@code where} (a dotted path for messages); throws at the first problem. */
    void check(Path file, Node node, String where);

    static Shape text() {
        return new Scalar("a single value", v -> null);
    }

    static Shape port() {
        return new Scalar("a port number", v -> {
            try {
                int i = Integer.parseInt(v);
                return i >= 1 && i <= 65535 ? null : "not 1-65535";
            } catch (NumberFormatException e) {
                return "not a whole number";
            }
        });
    }

    static Shape integer(int min, int max) {
        return new Scalar("a whole number " + min + "-" + max, v -> {
            try {
                int i = Integer.parseInt(v);
                return i >= min && i <= max ? null : "out of range";
            } catch (NumberFormatException e) {
                return "not a whole number";
            }
        });
    }

    static Shape flag() {
        return new Scalar("true or false", v -> v.equals("true") || v.equals("false") ? null : "not true or false");
    }

    static Shape regex() {
        return new Scalar("a Java regular expression", v -> {
            try {
                Pattern.compile(v);
                return null;
            } catch (PatternSyntaxException e) {
                return "does not compile: " + e.getDescription();
            }
        });
    }

    static Shape listOf(Shape item) {
        return new ListOf(item);
    }

    /** A mapping whose keys are names (services, variables) and whose values all have one shape. */
    static Shape mapOf(Shape value) {
        return new MapOf(value);
    }

    /** A scalar or a list of scalars. */
    static Shape textOrList() {
        return new Either(text(), listOf(text()));
    }

    static Fields fields() {
        return new Fields(new LinkedHashMap<>(), Set.of());
    }

    /** One scalar value, with a rule on its text; {@code problem} returns null when the text is fine. */
    record Scalar(String expected, Function<String, String> problem) implements Shape {
        @Override
        public void check(Path file, Node node, String where) {
            if (!(node instanceof ScalarNode scalar) || node.getTag().equals(Tag.NULL) && !expected.equals("a single value")) {
                throw wrong(file, node, where, expected);
            }
            String why = problem.apply(scalar.getValue());
            if (why != null) {
                throw new ContentException(file, line(node), where + " must be " + expected + ", not '" + scalar.getValue()
                    + "' (" + why + ")");
            }
        }
    }

    record ListOf(Shape item) implements Shape {
        @Override
        public void check(Path file, Node node, String where) {
            if (!(node instanceof SequenceNode sequence)) {
                throw wrong(file, node, where, "a list");
            }
            for (int i = 0; i < sequence.getValue().size(); i++) {
                item.check(file, sequence.getValue().get(i), where + "[" + i + "]");
            }
        }
    }

    record MapOf(Shape value) implements Shape {
        @Override
        public void check(Path file, Node node, String where) {
            if (!(node instanceof MappingNode mapping)) {
                throw wrong(file, node, where, "a mapping");
            }
            for (NodeTuple tuple : mapping.getValue()) {
                String key = keyOf(file, tuple);
                value.check(file, tuple.getValueNode(), where.isEmpty() ? key : where + "." + key);
            }
        }
    }

    record Either(Shape first, Shape second) implements Shape {
        @Override
        public void check(Path file, Node node, String where) {
            try {
                first.check(file, node, where);
            } catch (ContentException e) {
                second.check(file, node, where);
            }
        }
    }

    /** A rule about a whole value once its shape is right (exactly one of two keys, ...). */
    @FunctionalInterface
    interface Rule {
        void check(Path file, Node node, String where);
    }

    /** {@code base}, then {@code rule} on the same node. */
    record Checked(Shape base, Rule rule) implements Shape {
        @Override
        public void check(Path file, Node node, String where) {
            base.check(file, node, where);
            rule.check(file, node, where);
        }
    }

    /** A mapping with named fields; {@code required} must be present. */
    record Fields(Map<String, Shape> shapes, Set<String> required) implements Shape {

        private static final Pattern EXTENSION = Pattern.compile("(description|note|title)(_[a-z]{2})?");

        public Fields optional(String key, Shape shape) {
            Map<String, Shape> more = new LinkedHashMap<>(shapes);
            more.put(key, shape);
            return new Fields(more, required);
        }

        public Fields required(String key, Shape shape) {
            Map<String, Shape> more = new LinkedHashMap<>(shapes);
            more.put(key, shape);
            Set<String> req = new java.util.LinkedHashSet<>(required);
            req.add(key);
            return new Fields(more, Set.copyOf(req));
        }

        @Override
        public void check(Path file, Node node, String where) {
            if (!(node instanceof MappingNode mapping)) {
                throw wrong(file, node, where, "a mapping with " + String.join(", ", shapes.keySet()));
            }
            Set<String> seen = new java.util.HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = keyOf(file, tuple);
                String path = where.isEmpty() ? key : where + "." + key;
                seen.add(key);
                Shape shape = shapes.get(key);
                if (shape == null && key.equals("evidence")) {
                    shape = listOf(Evidence.SHAPE);
                }
                if (shape == null && EXTENSION.matcher(key).matches()) {
                    shape = text();
                }
                if (shape == null) {
                    throw new ContentException(file, line(tuple.getKeyNode()), "unknown key '" + key + "'"
                        + (where.isEmpty() ? "" : " in " + where) + "; known keys: " + String.join(", ", shapes.keySet()));
                }
                shape.check(file, tuple.getValueNode(), path);
            }
            for (String key : required) {
                if (!seen.contains(key)) {
                    throw new ContentException(file, line(node), (where.isEmpty() ? "the file" : where)
                        + " needs '" + key + "'");
                }
            }
        }
    }

    private static String keyOf(Path file, NodeTuple tuple) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
            throw new ContentException(file, line(tuple.getKeyNode()), "a key must be a single value");
        }
        return key.getValue();
    }

    private static ContentException wrong(Path file, Node node, String where, String expected) {
        String actual = node instanceof MappingNode ? "a mapping" : node instanceof SequenceNode ? "a list"
            : node.getTag().equals(Tag.NULL) ? "empty" : "'" + ((ScalarNode) node).getValue() + "'";
        return new ContentException(file, line(node), where + " must be " + expected + ", not " + actual);
    }

    /** The 1-based line of a node; 0 for a node built in memory (tests), which has no place in a file. */
    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

}

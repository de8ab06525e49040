package dev.selfhostguide.upstream;

import dev.selfhostguide.snippets.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Holds each fact to the clones: every evidence entry must match in its file at the pinned commit
 * (verified); when it matches only in other files the fact has moved; when it matches nowhere, or
 * the file is gone, it is missing. A variable's {@code read_at} must name a file or folder that
 * mentions it, and a collector port needs a component that listens on it.
 */
public final class Verifier {

    public enum Status { VERIFIED, MOVED, MISSING, NOT_VERIFIED, OWN }

    /** A fact's verdict, with what was found (each a sentence) and the warnings that do not fail it. */
    public record Result(Fact fact, Status status, List<String> found, List<String> warnings) {

        /** The finding a reader acts on: an error when missing, a warning when moved, none otherwise. */
        public Optional<Finding> finding(boolean strict) {
            String message = fact.kind() + " " + fact.name() + ": " + String.join("; ", found);
            return switch (status) {
                case MISSING -> Optional.of(new Finding(fact.file(), fact.line(), FactCatalog.CHECK, Finding.Severity.ERROR, "missing: " + message));
                case MOVED -> Optional.of(new Finding(fact.file(), fact.line(), FactCatalog.CHECK,
                    strict ? Finding.Severity.ERROR : Finding.Severity.WARNING, "moved: " + message));
                default -> Optional.empty();
            };
        }
    }

    private static final int MAX_PLACES = 3;

    private final FactCatalog catalog;
    private final Clones clones;

    public Verifier(FactCatalog catalog, Clones clones) {
        this.catalog = catalog;
        this.clones = clones;
    }

    public List<Result> verify() {
        return catalog.facts().stream().map(this::verify).toList();
    }

    public Result verify(Fact fact) {
        List<String> found = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (fact.fields().containsKey("own")) {
            // the guide's own choice (a proxy port, say): nothing upstream could show it
            return new Result(fact, Status.OWN, List.of("the guide's own: " + fact.field("own")), List.of());
        }
        if (fact.evidence().isEmpty()) {
            return new Result(fact, Status.MISSING, List.of("it has no evidence: add evidence: [{repo, path, match|regex}]"), List.of());
        }
        Status status = Status.VERIFIED;
        List<String> unverified = new ArrayList<>();
        for (Evidence evidence : fact.evidence()) {
            Optional<UpstreamTree> tree = clones.tree(evidence.repo());
            if (tree.isEmpty()) {
                unverified.add(evidence.repo());
                continue;
            }
            status = worse(status, check(evidence.path(), evidence.pattern(), evidence.matcher(), tree.get(), found));
        }
        String readAt = fact.field("read_at");
        if (fact.kind().equals("variable") && !readAt.isEmpty() && !fact.dead()) {
            Optional<UpstreamTree> tree = clones.tree(fact.evidence().get(0).repo());
            boolean underReadAt = fact.evidence().stream().anyMatch(e -> e.path().equals(readAt) || e.path().startsWith(readAt + "/"));
            if (tree.isPresent() && tree.get().under(readAt).isEmpty() && !(underReadAt && status == Status.MOVED)) {
                // a cited file that is gone, unless its evidence was just found elsewhere (then it moved)
                found.add("read_at " + readAt + " does not exist at " + abbreviate(tree.get().commit()));
                status = worse(status, Status.MISSING);
            } else if (tree.isPresent() && !underReadAt) {
                // read_at names another place than the evidence: it must mention the variable itself
                Pattern name = Pattern.compile("\\b" + Pattern.quote(fact.name()) + "\\b");
                Status s = check(readAt, name, fact.name() + " (read_at)", tree.get(), found);
                status = worse(status, s);
            }
        }
        if (fact.kind().equals("port") && fact.field("component").equals("collector")) {
            status = worse(status, listener(fact, found, warnings));
        }
        if (unverified.size() == fact.evidence().size()) {
            return new Result(fact, Status.NOT_VERIFIED, List.of("not verified: no clone given for "
                + String.join(", ", unverified.stream().distinct().toList())), warnings);
        }
        return new Result(fact, status, found, warnings);
    }

    /** Checks one file (or folder) for a matcher; on failure, looks for it in the rest of the tree. */
    private static Status check(String path, Pattern pattern, String shown, UpstreamTree tree, List<String> found) {
        List<String> files = tree.under(path);
        for (String file : files) {
            OptionalInt line = line(pattern, tree.files().get(file));
            if (line.isPresent()) {
                found.add(shown + " at " + file + ":" + line.getAsInt());
                return Status.VERIFIED;
            }
        }
        List<String> elsewhere = new ArrayList<>();
        for (Map.Entry<String, String> e : tree.files().entrySet()) {
            if (elsewhere.size() > MAX_PLACES) {
                break;
            }
            if (!files.contains(e.getKey())) {
                line(pattern, e.getValue()).ifPresent(l -> elsewhere.add(e.getKey() + ":" + l));
            }
        }
        String where = files.isEmpty() ? path + " does not exist at " + abbreviate(tree.commit())
            : path + " has no " + shown + " at " + abbreviate(tree.commit());
        if (elsewhere.isEmpty()) {
            found.add(where + ", nor has any other file");
            return Status.MISSING;
        }
        String places = String.join(", ", elsewhere.subList(0, Math.min(MAX_PLACES, elsewhere.size())))
            + (elsewhere.size() > MAX_PLACES ? ", ..." : "");
        found.add(where + "; found at " + places);
        return Status.MOVED;
    }

    /** A collector port is only answered when a component of upstream's config listens on it. */
    private Status listener(Fact fact, List<String> found, List<String> warnings) {
        Optional<Evidence> config = catalog.collectorConfig();
        if (config.isEmpty()) {
            return Status.VERIFIED;
        }
        Optional<UpstreamTree> tree = clones.tree(config.get().repo());
        if (tree.isEmpty()) {
            return Status.VERIFIED;
        }
        String path = config.get().path();
        Optional<CollectorConfig> parsed = tree.get().read(path).flatMap(t -> CollectorConfig.parse(t, catalog.defaultEndpoints()));
        if (parsed.isEmpty()) {
            found.add("the collector config " + path + " is missing or not YAML at " + abbreviate(tree.get().commit()));
            return Status.MISSING;
        }
        int port;
        try {
            port = Integer.parseInt(fact.field("upstream"));
        } catch (NumberFormatException e) {
            return Status.VERIFIED;
        }
        List<CollectorConfig.Listener> on = parsed.get().on(port);
        if (on.isEmpty()) {
            found.add("nothing in " + path + " listens on " + port + " (it has: "
                + String.join(", ", parsed.get().listeners().stream().map(Object::toString).toList()) + ")");
            return Status.MISSING;
        }
        found.add("listener " + on.get(0));
        if (on.stream().allMatch(CollectorConfig.Listener::loopback)) {
            warnings.add(fact.name() + ": " + on.get(0) + " binds the container's loopback, so a published port " + port
                + " reaches nothing");
        }
        return Status.VERIFIED;
    }

    private static OptionalInt line(Pattern pattern, String text) {
        var m = pattern.matcher(text);
        return m.find() ? OptionalInt.of(Evidence.lineOf(text, m.start())) : OptionalInt.empty();
    }

    private static Status worse(Status a, Status b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    static String abbreviate(String commit) {
        return commit.matches("[0-9a-f]{40}") ? commit.substring(0, 12) : commit;
    }
}

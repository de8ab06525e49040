package dev.selfhostguide.bake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which files each page pulls in with {@code include::}, so that a change to an included file
 * (content/examples/x.env, a partial) rebuilds exactly the pages that show it.
 *
 * <p>The graph comes from a text scan, resolved the way the bake's Asciidoctor resolves it: a
 * page's own includes against the content root (PageConverter sets base_dir to it), an included
 * file's nested includes against that file's folder. {@code {name}} in a target is replaced from
 * the data attributes; a target that still holds an unknown attribute, or that is a URL, is skipped.
 * Conditionals are not evaluated, so a page may be listed for an include it does not take: that
 * costs one extra page rebuild, never a stale page.
 */
public final class IncludeGraph {

    private static final Pattern INCLUDE = Pattern.compile("^include::(\\S[^\\[]*)\\[.*\\]\\s*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\{([A-Za-z0-9_][A-Za-z0-9_-]*)\\}");
    private static final int MAX_DEPTH = 16;

    private final Path contentRoot;
    private final Map<Path, Set<Path>> includesOf = new HashMap<>();

    public IncludeGraph(Path contentRoot) {
        this.contentRoot = contentRoot.toAbsolutePath().normalize();
    }

    /** Re-reads what {@code page} includes (directly or through other includes). */
    public synchronized void scan(Path page, Map<String, String> attributes) {
        Path p = page.toAbsolutePath().normalize();
        Set<Path> found = new LinkedHashSet<>();
        scanFile(p, contentRoot, attributes, found, 0);
        found.remove(p);
        includesOf.put(p, Set.copyOf(found));
    }

    public synchronized void remove(Path page) {
        includesOf.remove(page.toAbsolutePath().normalize());
    }

    /** The files {@code page} includes, transitively; empty for an unknown page. */
    public synchronized Set<Path> includes(Path page) {
        return includesOf.getOrDefault(page.toAbsolutePath().normalize(), Set.of());
    }

    /** Every known page that includes {@code file}, directly or through another include. */
    public synchronized Set<Path> pagesIncluding(Path file) {
        Path f = file.toAbsolutePath().normalize();
        Set<Path> pages = new TreeSet<>();
        includesOf.forEach((page, included) -> {
            if (included.contains(f)) {
                pages.add(page);
            }
        });
        return pages;
    }

    private void scanFile(Path file, Path base, Map<String, String> attributes, Set<Path> found, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return;                              // missing or binary: the bake reports a missing include
        }
        for (String line : lines) {
            Matcher m = INCLUDE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String target = substitute(m.group(1).strip(), attributes);
            if (target == null || target.contains("://")) {
                continue;
            }
            Path included;
            try {
                included = base.resolve(target).toAbsolutePath().normalize();
            } catch (RuntimeException e) {
                continue;
            }
            if (found.add(included) && Files.isRegularFile(included)) {
                Path parent = included.getParent();
                scanFile(included, parent == null ? base : parent, attributes, found, depth + 1);
            }
        }
    }

    private static String substitute(String target, Map<String, String> attributes) {
        Matcher m = ATTRIBUTE.matcher(target);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = attributes.get(m.group(1));
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}

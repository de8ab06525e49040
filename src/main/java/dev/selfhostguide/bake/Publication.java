package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.FileMemo;
import dev.selfhostguide.content.ContentException;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which files of content/examples/ the site publishes: those a page includes or links, and those
 * content/data/downloads.yml lists under {@code publish:} with a reason. Anything else dropped
 * into the folder (a key, a scratch file) stays on the author's disk: a file no page shows is a
 * file nobody checked.
 */
public final class Publication {

    public static final String DATA = "downloads";

    /** include::examples/x[...] and link:examples/x[...] (link:../examples/x[...] from content/ko/). */
    private static final Pattern USE = Pattern.compile("(?:include::|link:)(?:\\.\\./)*examples/([^\\[\\s]+)\\[");

    private final Path examples;
    private final Set<Path> published;
    private final List<Finding> problems;

    private Publication(Path examples, Set<Path> published, List<Finding> problems) {
        this.examples = examples;
        this.published = published;
        this.problems = problems;
    }

    /** Reads the pages under content/ and the data's {@code publish:} list. */
    public static Publication of(Project project) {
        Catalog catalog;
        try {
            catalog = Catalog.load(project.data());
        } catch (ContentException e) {
            catalog = null;     // the bake reports the data error
        }
        return of(project, catalog);
    }

    /** What {@code project} publishes, with its data already loaded ({@code catalog} null: it did not load). */
    public static Publication of(Project project, Catalog catalog) {
        return of(project, catalog, Files::readString);
    }

    /** The same, reading each page's text with {@code read} (serve's scans remember the pages they read). */
    public static Publication of(Project project, Catalog catalog, FileMemo.Read<String> read) {
        Path examples = project.examples().toAbsolutePath().normalize();
        Set<Path> used = new TreeSet<>();
        List<Finding> problems = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(project.content())) {
            for (Path page : walk.filter(p -> p.toString().endsWith(".adoc") && Files.isRegularFile(p)
                    && !p.toAbsolutePath().normalize().startsWith(examples)).toList()) {
                String text = read.apply(page);
                Matcher m = USE.matcher(text);
                // A use starts with one of the two macros: the pattern is tried there, not at every
                // character (serve reads every page for this at each rebuild).
                int at = nextMacro(text, 0);
                while (at >= 0) {
                    m.region(at, text.length());
                    if (m.lookingAt()) {
                        used.add(examples.resolve(m.group(1)).normalize());
                        at = nextMacro(text, m.end());
                    } else {
                        at = nextMacro(text, at + 1);
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // the content scan reports unreadable pages; what cannot be read publishes nothing
        }
        if (catalog == null) {
            return new Publication(examples, used, problems);
        }
        Path file = catalog.path(DATA);
        for (Catalog.Download entry : catalog.downloads()) {
            Path listed = examples.resolve(entry.file()).normalize();
            if (entry.reason().isBlank()) {
                problems.add(new Finding(file, entry.line(), "publish", Finding.Severity.ERROR,
                    "publish: " + entry.file() + " needs a reason: say why readers need a file no page shows"));
            } else if (!listed.startsWith(examples) || !Files.isRegularFile(listed)) {
                problems.add(new Finding(file, entry.line(), "publish", Finding.Severity.ERROR,
                    "publish: " + entry.file() + " is not a file in content/examples/"));
            } else {
                used.add(listed);
            }
        }
        return new Publication(examples, Set.copyOf(used), List.copyOf(problems));
    }

    /** Where the next {@code include::} or {@code link:} at or after {@code from} starts, or -1. */
    private static int nextMacro(String text, int from) {
        int include = text.indexOf("include::", from);
        int link = text.indexOf("link:", from);
        return include < 0 ? link : link < 0 ? include : Math.min(include, link);
    }

    /** Whether the file of content/examples/ goes into the site. */
    public boolean publishes(Path example) {
        return published.contains(example.toAbsolutePath().normalize());
    }

    /** Entries of the publish list that are wrong (no reason, no such file). */
    public List<Finding> problems() {
        return problems;
    }

    public Path examples() {
        return examples;
    }
}

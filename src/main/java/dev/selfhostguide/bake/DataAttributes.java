package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Data values become {attributes}, and Asciidoctor escapes a page's own text before it replaces
 * them, so a value reaches prose as written: a {@code <script>} in a data file would run on every
 * page that names it. Escaping the value instead would show {@code &amp;lt;} in every highlighted
 * code block (rouge escapes the substituted text again), so a value that holds {@code <}, {@code >}
 * or {@code &} is refused at its data file line: none of the guide's facts needs one.
 */
public final class DataAttributes {

    public static final String ID = "data";

    private DataAttributes() {
    }

    /** A finding for each attribute value that holds HTML markup characters. */
    public static List<Finding> problems(Catalog catalog) {
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, String> e : catalog.attributes().entrySet()) {
            String value = e.getValue();
            if (value == null || value.indexOf('<') < 0 && value.indexOf('>') < 0 && value.indexOf('&') < 0) {
                continue;
            }
            Path file = catalog.path("deployment");
            int line = 0;
            try (Stream<Path> list = Files.list(catalog.dir())) {
                for (Path data : list.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                    String[] lines = Files.readString(data).split("\n", -1);
                    for (int i = 0; i < lines.length && line == 0; i++) {
                        if (lines[i].contains(value) || lines[i].contains(value.substring(0, Math.min(value.length(), 24)))) {
                            file = data;
                            line = i + 1;
                        }
                    }
                    if (line > 0) {
                        break;
                    }
                }
            } catch (IOException | RuntimeException ex) {
                // the finding still names the attribute
            }
            findings.add(new Finding(file, line, ID, Finding.Severity.ERROR, "the value of {" + e.getKey() + "} holds "
                + "<, > or &; data values are inserted into pages as they are, so markup in one would reach every "
                + "page that names it. Write the value without them"));
        }
        return findings;
    }
}

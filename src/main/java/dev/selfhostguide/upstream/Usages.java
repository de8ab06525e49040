package dev.selfhostguide.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the guide uses a name: the English pages ({@code content/*.adoc}; the Korean edition mirrors
 * their blocks) and the example files, as {@code page.adoc:LINE} with the listing block the line is
 * in, so an upstream change points at what a writer must re-read.
 */
public final class Usages {

    private static final int MAX_SHOWN = 6;

    private final Path content;
    private final Map<Path, List<String>> files = new LinkedHashMap<>();

    public Usages(Path content) {
        this.content = content;
        if (!Files.isDirectory(content)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> pages = Files.list(content)) {
            pages.filter(p -> p.toString().endsWith(".adoc")).sorted().forEach(paths::add);
        } catch (IOException e) {
            // an unreadable content folder: no usages to name
        }
        Path examples = content.resolve("examples");
        if (Files.isDirectory(examples)) {
            try (Stream<Path> walk = Files.walk(examples)) {
                walk.filter(Files::isRegularFile).sorted().forEach(paths::add);
            } catch (IOException e) {
                // as above
            }
        }
        for (Path p : paths) {
            try {
                files.put(p, Files.readAllLines(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                // not text: nothing a name could be found in
            }
        }
    }

    /** Every place {@code name} occurs as a whole word: {@code start.adoc:42 (block at 40)} or {@code examples/agentops.env:3}. */
    public List<String> of(String name) {
        if (name.isBlank()) {
            return List.of();
        }
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])");
        List<String> result = new ArrayList<>();
        for (Map.Entry<Path, List<String>> file : files.entrySet()) {
            String shown = content.relativize(file.getKey()).toString().replace('\\', '/');
            boolean page = shown.endsWith(".adoc");
            int blockStart = 0;
            List<String> lines = file.getValue();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (page && line.equals("----")) {
                    blockStart = blockStart == 0 ? i + 1 : 0;
                    continue;
                }
                if (word.matcher(line).find()) {
                    result.add(shown + ":" + (i + 1) + (page && blockStart > 0 ? " (block at " + blockStart + ")" : ""));
                }
            }
        }
        return result;
    }

    /**
     * Where the guide builds images: a build context matters to the pages that run a build, not to
     * every page that names the service.
     */
    public static final List<String> BUILD = List.of("build:", "--build", "compose build");

    /** The usages as one clause for a report line. */
    public String describe(String name) {
        return describe(List.of(name));
    }

    /** The usages of any of {@code names}, in file order, as one clause. */
    public String describe(List<String> names) {
        List<String> places = new ArrayList<>();
        for (String name : names) {
            of(name).stream().filter(p -> !places.contains(p)).forEach(places::add);
        }
        if (places.isEmpty()) {
            return "no page uses it";
        }
        return "used in " + String.join(", ", places.subList(0, Math.min(MAX_SHOWN, places.size())))
            + (places.size() > MAX_SHOWN ? " and " + (places.size() - MAX_SHOWN) + " more" : "");
    }
}

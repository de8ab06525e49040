package dev.selfhostguide.snippets;

import java.nio.file.Path;
import java.util.List;

/**
 * A converted page as the checks see it besides its snippets: its title and its sections, each
 * with the id, level and line they were written at. The parity gate compares editions by it.
 */
public record PageOutline(Path source, String title, List<Section> sections) {

    /** One section heading. */
    public record Section(String id, int level, int line) { }

    public PageOutline {
        sections = List.copyOf(sections);
    }
}

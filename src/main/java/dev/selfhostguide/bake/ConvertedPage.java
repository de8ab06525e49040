package dev.selfhostguide.bake;

import dev.selfhostguide.snippets.PageOutline;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One page as Asciidoctor converted it: the header attributes JBake's model is filled from, the
 * title, the body HTML, its code blocks as snippets in document order, and its sections.
 */
public record ConvertedPage(Path source, Map<String, Object> header, String title, String html, List<Snippet> snippets,
                            List<PageOutline.Section> sections) {

    public ConvertedPage {
        header = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(header));
        snippets = List.copyOf(snippets);
        sections = List.copyOf(sections);
    }

    public PageOutline outline() {
        return new PageOutline(source, title, sections);
    }
}

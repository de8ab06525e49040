package dev.selfhostguide.bake;

import dev.selfhostguide.snippets.Finding;
import java.io.File;
import java.nio.file.Path;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.model.DocumentModel;
import org.jbake.parser.MarkupEngine;
import org.jbake.parser.ParserContext;

/**
 * JBake's AsciiDoc engine, replaced: it converts each page with the process's one Asciidoctor
 * runtime ({@link PageConverter}) and hands the page's snippets to the bake as it goes. Registered
 * for ad, adoc and asciidoc, so JBake's own AsciidoctorEngine never boots a second JRuby.
 */
final class GuideMarkupEngine extends MarkupEngine {

    private static final String JBAKE_PREFIX = "jbake-";

    private final PageConverter converter;
    private final Diagnostics diagnostics;
    private final Consumer<ConvertedPage> sink;
    private final ThreadLocal<ConvertedPage> loaded = new ThreadLocal<>();
    private final java.util.function.Function<Path, ConvertedPage> preconverted;

    /**
     * @param diagnostics  the run this engine converts for (its data, and where findings go)
     * @param sink         gets each page JBake parsed, as converted
     * @param preconverted pages already converted (on several threads) before JBake crawls; a page
     *                     it does not know (null) is converted here, on JBake's crawler thread
     */
    GuideMarkupEngine(PageConverter converter, Diagnostics diagnostics, Consumer<ConvertedPage> sink,
                      java.util.function.Function<Path, ConvertedPage> preconverted) {
        this.preconverted = preconverted;
        this.converter = converter;
        this.diagnostics = diagnostics;
        this.sink = sink;
    }

    @Override
    public DocumentModel parse(JBakeConfiguration config, File file) {
        try {
            return super.parse(config, file);
        } finally {
            loaded.remove();
            diagnostics.leave();
        }
    }

    @Override
    public void processHeader(ParserContext context) {
        Path page = context.getFile().toPath().toAbsolutePath().normalize();
        diagnostics.enter(page);
        ConvertedPage converted = preconverted.apply(page);
        if (converted == null) {
            converted = converter.convert(page,
                converter.load(page, context.getConfig().getAsciidoctorAttributes(), diagnostics.catalog().attributes()));
        }
        loaded.set(converted);
        DocumentModel model = context.getDocumentModel();
        Map<String, Object> attributes = converted.header();
        if (converted.title() != null) {
            model.setTitle(converted.title());
        }
        // The same rules as JBake's own AsciiDoc engine, so templates see the same keys.
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            String key = attribute.getKey();
            Object value = attribute.getValue();
            if (key.startsWith(JBAKE_PREFIX) && value instanceof String text) {
                store(key.substring(JBAKE_PREFIX.length()), text, model, context.getConfig());
            }
            if (key.equals("jbake-tags")) {
                if (value instanceof String text) {
                    context.setTags(text.split(","));
                }
            } else if (value != null) {
                model.put(key, value);
            }
        }
        // Templates link to the other edition only when it exists, so no language switch is a dead link.
        if (Editions.counterpart(contentRoot(context), page).filter(java.nio.file.Files::isRegularFile).isPresent()) {
            model.put("translation", "true");
        }
    }

    /** A page whose header says draft: JBake would publish it as a -draft page. Every run's convert step asks. */
    static java.util.Optional<Finding> leftInDraft(Path page, Map<String, Object> header) {
        if (!"draft".equals(header.get("jbake-status"))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Finding(page, Diagnostics.firstLineContaining(page, ":jbake-status:"), "draft",
            Finding.Severity.ERROR, "the page is left in draft, so the site would publish it as a -draft page; "
                + "set :jbake-status: published or move it out of content/"));
    }

    @Override
    public void processBody(ParserContext context) {
        Path page = context.getFile().toPath().toAbsolutePath().normalize();
        ConvertedPage converted = loaded.get();
        if (converted == null) {               // JBake always calls processHeader first; be safe anyway
            diagnostics.enter(page);
            converted = converter.convert(page,
                converter.load(page, context.getConfig().getAsciidoctorAttributes(), diagnostics.catalog().attributes()));
        }
        context.setBody(converted.html());
        sink.accept(converted);
    }

    private static Path contentRoot(ParserContext context) {
        return context.getConfig().getContentFolder().toPath().toAbsolutePath().normalize();
    }

    private static void store(String key, String value, DocumentModel model, JBakeConfiguration config) {
        String trimmed = value.trim();
        switch (key) {
            case "date" -> {
                try {
                    model.setDate(new SimpleDateFormat(config.getDateFormat()).parse(trimmed));
                } catch (ParseException e) {
                    model.put(key, trimmed);
                }
            }
            case "tags" -> model.setTags(trimmed.split(","));
            case "title" -> model.setTitle(trimmed);
            default -> model.put(key, trimmed);
        }
    }
}

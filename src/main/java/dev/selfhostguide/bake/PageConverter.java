package dev.selfhostguide.bake;

import dev.selfhostguide.snippets.PageOutline;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.asciidoctor.ast.Block;
import org.asciidoctor.ast.Cursor;
import org.asciidoctor.ast.Document;
import org.asciidoctor.ast.StructuralNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Converts one page with the process's single Asciidoctor runtime and, from the same parse,
 * collects every listing and literal block as a {@link Snippet}. The page is loaded once: its
 * header feeds JBake's model, its AST gives the blocks, and its conversion gives both the HTML and
 * the text each block shows (attribute values are only in force during conversion, so the copied
 * text is read back from the HTML rather than from the AST).
 */
final class PageConverter {

    private static final Pattern DELIMITER = Pattern.compile("(-{4,}|\\.{4,}|`{3}.*)");

    private final Asciidoctor asciidoctor;
    private final Path contentRoot;

    PageConverter(Asciidoctor asciidoctor, Path contentRoot) {
        this.asciidoctor = asciidoctor;
        this.contentRoot = contentRoot;
    }

    Document load(Path page, List<String> attributes, Map<String, String> dataAttributes) {
        org.asciidoctor.AttributesBuilder attrs = Attributes.builder();
        attrs.arguments(attributes.toArray(new String[0]));
        dataAttributes.forEach(attrs::attribute);
        attrs.attribute("attribute-missing", "warn");
        // Pages link to pages with xref:other.adoc[]; JBake writes other.html beside them.
        attrs.attribute("relfilesuffix", ".html");
        // A translation's pages know their language without a header line (soft: a page may say
        // otherwise); the reference tables render in it.
        String language = Editions.languageOf(contentRoot.toAbsolutePath().normalize(), page);
        if (!"en".equals(language)) {
            attrs.attribute("lang", language + "@");
        }
        Options options = Options.builder()
            // SAFE jails includes to base_dir; base_dir is the content root so that a page in
            // content/ko/ includes the same examples/ files with the same line as its English twin.
            .safe(SafeMode.SAFE)
            .baseDir(contentRoot.toFile())
            .sourcemap(true)
            .attributes(attrs.build())
            .build();
        return asciidoctor.loadFile(page.toFile(), options);
    }

    ConvertedPage convert(Path page, Document document) {
        // The header as parsed: conversion replays body attribute entries, which must not leak
        // into the page's model.
        Map<String, Object> header = new LinkedHashMap<>(document.getAttributes());
        String title = null;
        // A full parse falls back to the first section title when there is no document title;
        // only a real header title may become the page title.
        if ((header.containsKey("doctitle") || header.containsKey("title")) && document.getStructuredDoctitle() != null) {
            title = document.getStructuredDoctitle().getCombined();
        }
        List<Block> blocks = codeBlocks(document);
        List<PageOutline.Section> sections = new ArrayList<>();
        for (StructuralNode node : document.findBy(Map.of("context", ":section"))) {
            if (node.getLevel() == 0 && node.getId() == null) {
                continue;                              // the document itself, not a heading of the page
            }
            Cursor cursor = node.getSourceLocation();
            sections.add(new PageOutline.Section(node.getId() == null ? "" : node.getId(), node.getLevel(), cursor == null ? 0 : cursor.getLineNumber()));
        }
        String html = document.convert();
        List<String> shown = shownTexts(html);
        List<Snippet> snippets = new ArrayList<>(blocks.size());
        Map<Path, List<String>> lines = new LinkedHashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            String text = i < shown.size() && shown.size() == blocks.size() ? shown.get(i) : block.getSource();
            snippets.add(snippet(page, block, text, lines));
        }
        return new ConvertedPage(page, header, title, html, snippets, sections);
    }

    private Snippet snippet(Path page, Block block, String text, Map<Path, List<String>> cache) {
        Cursor cursor = block.getSourceLocation();
        Path file = page;
        int line = 0;
        if (cursor != null) {
            if (cursor.getFile() != null) {
                file = Path.of(cursor.getFile()).toAbsolutePath().normalize();
            }
            line = cursor.getLineNumber();
        }
        List<String> fileLines = cache.computeIfAbsent(file, PageConverter::readLines);
        // The cursor of a delimited block is its opening delimiter; an include that starts a block
        // reports the included file at line 0. Either way the copied text starts one line later.
        boolean delimited = line == 0
            || (line <= fileLines.size() && DELIMITER.matcher(fileLines.get(line - 1).strip()).matches());
        int first = delimited ? line + 1 : line;
        Object language = block.getAttribute("language");
        Map<String, String> named = new LinkedHashMap<>();
        block.getAttributes().forEach((k, v) -> {
            if (!k.isEmpty() && !Character.isDigit(k.charAt(0)) && v != null) {
                named.put(k, String.valueOf(v));
            }
        });
        String title = block.getTitle();
        return new Snippet(page, file, Math.max(first, 1), language == null ? "" : language.toString(),
            title == null ? "" : Jsoup.parse(title).text(), named, text);
    }

    /** Listing and literal blocks in document order, including those in AsciiDoc table cells. */
    private static List<Block> codeBlocks(Document document) {
        List<Block> found = new ArrayList<>();
        for (StructuralNode node : document.findBy(Map.of("traverse_documents", true))) {
            String context = node.getContext();
            if (("listing".equals(context) || "literal".equals(context)) && node instanceof Block block) {
                found.add(block);
            }
        }
        return found;
    }

    /** The text of each code block as shown: entities decoded, highlighting and callout marks dropped. */
    static List<String> shownTexts(String html) {
        List<String> texts = new ArrayList<>();
        for (Element content : Jsoup.parseBodyFragment(html)
                .select("div.listingblock > div.content, div.literalblock > div.content")) {
            Element pre = content.selectFirst("td.code pre");
            if (pre == null) {
                pre = content.selectFirst("pre");
            }
            if (pre == null) {
                texts.add("");
                continue;
            }
            Element copy = pre.clone();
            copy.select("i.conum + b, i.conum, b.conum").remove();
            texts.add(copy.wholeText().replaceAll("[ \\t]+(?=\\n|$)", ""));
        }
        return texts;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}

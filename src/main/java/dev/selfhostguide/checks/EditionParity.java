package dev.selfhostguide.checks;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.PageOutline;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parity gate between the English edition and a translation. A translation drifts silently,
 * and its snippets drift first, so the two editions must have the same pages, the same section ids
 * in the same order, and the same code blocks: same order, same checks, identical text. Only prose,
 * titles, the reason of an opt-out and, in blocks marked {@code translate=comments}, full-line
 * comments may differ. Findings name the translated page and the line to fix.
 */
public final class EditionParity {

    public static final String ID = "parity";

    /** Block attributes that are prose, so a translation may change them. */
    private static final Set<String> TRANSLATABLE_ATTRIBUTES = Set.of("reason", "title");

    private static final Pattern COMMENT = Pattern.compile("^\\s*(#|//).*$");

    private final Path contentRoot;
    private final String language;

    public EditionParity(Path contentRoot, String language) {
        this.contentRoot = contentRoot.toAbsolutePath().normalize();
        this.language = language;
    }

    public List<Finding> compare(List<PageOutline> pages, List<Snippet> snippets) {
        Path translations = contentRoot.resolve(language);
        Map<Path, PageOutline> english = new LinkedHashMap<>();
        Map<Path, PageOutline> translated = new LinkedHashMap<>();
        for (PageOutline page : pages) {
            Path source = page.source().toAbsolutePath().normalize();
            if (source.getParent().equals(contentRoot)) {
                english.put(contentRoot.relativize(source), page);
            } else if (source.getParent().equals(translations)) {
                translated.put(translations.relativize(source), page);
            }
        }
        List<Finding> findings = new ArrayList<>();
        if (translated.isEmpty()) {
            return findings;                        // no translation yet: nothing to hold it to
        }
        for (Map.Entry<Path, PageOutline> entry : english.entrySet()) {
            PageOutline other = translated.get(entry.getKey());
            if (other == null) {
                findings.add(new Finding(entry.getValue().source(), 1, ID, Finding.Severity.ERROR,
                    "this page has no " + language + " edition: write " + contentRoot.getFileName() + "/" + language + "/"
                        + entry.getKey()));
                continue;
            }
            compareSections(entry.getValue(), other, findings);
            compareBlocks(entry.getValue().source(), other.source(), snippets, findings);
        }
        for (Map.Entry<Path, PageOutline> entry : translated.entrySet()) {
            if (!english.containsKey(entry.getKey())) {
                findings.add(new Finding(entry.getValue().source(), 1, ID, Finding.Severity.ERROR,
                    "this page exists only in " + language + ": there is no " + contentRoot.getFileName() + "/" + entry.getKey()));
            }
        }
        return findings;
    }

    private void compareSections(PageOutline english, PageOutline translated, List<Finding> findings) {
        List<PageOutline.Section> a = english.sections();
        List<PageOutline.Section> b = translated.sections();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            PageOutline.Section en = i < a.size() ? a.get(i) : null;
            PageOutline.Section tr = i < b.size() ? b.get(i) : null;
            if (en != null && tr != null && Objects.equals(en.id(), tr.id()) && en.level() == tr.level()) {
                continue;
            }
            if (tr == null) {
                findings.add(new Finding(translated.source(), lastLine(b), ID, Finding.Severity.ERROR,
                    "section '" + en.id() + "' (" + show(english.source()) + ":" + en.line() + ") is missing here"));
            } else if (en == null) {
                findings.add(new Finding(translated.source(), tr.line(), ID, Finding.Severity.ERROR,
                    "section '" + tr.id() + "' has no counterpart in " + show(english.source())));
            } else {
                findings.add(new Finding(translated.source(), tr.line(), ID, Finding.Severity.ERROR,
                    "section " + (i + 1) + " is '" + tr.id() + "' (level " + tr.level() + ") but in "
                        + show(english.source()) + ":" + en.line() + " it is '" + en.id() + "' (level " + en.level()
                        + "); sections must keep the English ids and order"));
            }
            return;                                 // one finding per page: the rest would only repeat it
        }
    }

    private void compareBlocks(Path englishPage, Path translatedPage, List<Snippet> snippets, List<Finding> findings) {
        List<Snippet> a = snippets.stream().filter(s -> s.page().equals(englishPage)).toList();
        List<Snippet> b = snippets.stream().filter(s -> s.page().equals(translatedPage)).toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            Snippet en = i < a.size() ? a.get(i) : null;
            Snippet tr = i < b.size() ? b.get(i) : null;
            if (tr == null) {
                findings.add(new Finding(translatedPage, 1, ID, Finding.Severity.ERROR,
                    "code block " + (i + 1) + " (" + where(en) + ") is missing here; the editions must show the same blocks"));
                return;
            }
            if (en == null) {
                findings.add(Finding.error(tr, 1, ID, "code block " + (i + 1) + " has no counterpart in " + show(englishPage)));
                return;
            }
            String difference = difference(en, tr);
            if (difference != null) {
                findings.add(Finding.error(tr, difference.startsWith("line ") ? lineOf(difference) : 1, ID,
                    "code block " + (i + 1) + " differs from " + where(en) + ": " + difference.replaceFirst("^line \\d+: ", "")));
            }
        }
    }

    /** Why two blocks differ, or null when they match; a text difference starts with "line N: ". */
    private static String difference(Snippet en, Snippet tr) {
        if (!en.language().equals(tr.language())) {
            return "language " + tr.language() + " instead of " + en.language();
        }
        Map<String, String> ea = comparable(en.attributes());
        Map<String, String> ta = comparable(tr.attributes());
        if (!ea.equals(ta)) {
            return "attributes " + ta + " instead of " + ea;
        }
        boolean comments = "comments".equals(en.attributes().get("translate"));
        String[] el = en.text().split("\n", -1);
        String[] tl = tr.text().split("\n", -1);
        for (int i = 0; i < Math.max(el.length, tl.length); i++) {
            String e = i < el.length ? el[i] : null;
            String t = i < tl.length ? tl[i] : null;
            if (Objects.equals(e, t)) {
                continue;
            }
            if (comments && e != null && t != null && COMMENT.matcher(e).matches() && COMMENT.matcher(t).matches()) {
                continue;
            }
            return "line " + (i + 1) + ": '" + (t == null ? "(end of block)" : t.strip()) + "' where the English has '"
                + (e == null ? "(end of block)" : e.strip()) + "'";
        }
        return null;
    }

    private static Map<String, String> comparable(Map<String, String> attributes) {
        Map<String, String> result = new java.util.TreeMap<>(attributes);
        result.keySet().removeAll(TRANSLATABLE_ATTRIBUTES);
        result.keySet().removeIf(k -> k.endsWith("-option") || k.equals("cloaked-context") || k.equals("attribute_entries"));
        return result;
    }

    private static int lineOf(String difference) {
        return Integer.parseInt(difference.substring(5, difference.indexOf(':')));
    }

    private static int lastLine(List<PageOutline.Section> sections) {
        return sections.isEmpty() ? 1 : sections.get(sections.size() - 1).line();
    }

    private String where(Snippet snippet) {
        return show(snippet.file()) + ":" + snippet.line();
    }

    private String show(Path path) {
        Path root = contentRoot.getParent();
        Path p = path.toAbsolutePath().normalize();
        return root != null && p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }
}

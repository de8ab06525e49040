package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asciidoctor.ast.Cursor;
import org.asciidoctor.log.LogHandler;
import org.asciidoctor.log.LogRecord;
import org.asciidoctor.log.Severity;

/**
 * What Asciidoctor said during one run of conversions (one bake, one check, one page rebuild),
 * as findings at file:line, and the data that run converts with. Each run has its own: the
 * runtime hands a log record to the run whose page the logging thread is converting
 * ({@link #enter}), so two runs on one runtime never see each other's findings.
 * Asciidoctor gives no cursor for a missing attribute or an invalid in-page reference, so for
 * those the page being converted is searched for the reference to name the line to fix.
 */
final class Diagnostics implements LogHandler {

    static final String ID = "asciidoctor";
    /** The file of a finding made while no page was being converted (a whole book). */
    static final String UNKNOWN = "<unknown>";

    private final List<Finding> findings = new CopyOnWriteArrayList<>();
    /** The same findings by the page being converted when each was found (a reused page brings its own). */
    private final Map<Path, List<Finding>> byPage = new ConcurrentHashMap<>();
    private final ThreadLocal<Path> currentPage = new ThreadLocal<>();
    private final ThreadLocal<Diagnostics> binding;
    private final Catalog catalog;

    /** @param binding the runtime's record of which run each converting thread works for */
    Diagnostics(ThreadLocal<Diagnostics> binding, Catalog catalog) {
        this.binding = binding;
        this.catalog = catalog;
    }

    /** The data attributes and tables of this run. */
    Catalog catalog() {
        return catalog;
    }

    /** This thread now converts {@code page} for this run. */
    void enter(Path page) {
        currentPage.set(page);
        binding.set(this);
    }

    void leave() {
        currentPage.remove();
        binding.remove();
    }

    /** A problem found while converting the current page, at the first line that mentions {@code needle}. */
    void reportAtReference(String needle, String alsoNeedle, String check, String message) {
        Path page = currentPage.get();
        Path file = page == null ? Path.of(UNKNOWN) : page;
        int line = 0;
        if (page != null) {
            List<String> lines = lines(page);
            for (int i = 0; i < lines.size() && line == 0; i++) {
                if (lines.get(i).contains(needle) && (alsoNeedle == null || lines.get(i).contains(alsoNeedle))) {
                    line = i + 1;
                }
            }
            if (line == 0) {
                line = firstLineContaining(page, needle);
            }
        }
        record(new Finding(file, line, check, Finding.Severity.ERROR, message));
    }

    void add(Finding finding) {
        record(finding);
    }

    private void record(Finding finding) {
        findings.add(finding);
        Path page = currentPage.get();
        if (page != null) {
            byPage.computeIfAbsent(page, p -> new CopyOnWriteArrayList<>()).add(finding);
        }
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** What converting {@code page} gave, in the order found. */
    List<Finding> findingsOf(Path page) {
        List<Finding> of = byPage.get(page);
        return of == null ? List.of() : List.copyOf(of);
    }

    @Override
    public void log(LogRecord record) {
        String message = record.getMessage() == null ? "" : record.getMessage();
        boolean invalidReference = message.startsWith("possible invalid reference");
        if (record.getSeverity().compareTo(Severity.WARN) < 0 && !invalidReference) {
            return;
        }
        Path page = currentPage.get();
        Cursor cursor = record.getCursor();
        Path file = page;
        int line = 0;
        if (cursor != null && cursor.getFile() != null) {
            file = Path.of(cursor.getFile()).toAbsolutePath().normalize();
            line = cursor.getLineNumber();
        } else if (cursor != null && cursor.getLineNumber() > 0) {
            line = cursor.getLineNumber();
        }
        if (line <= 0 && page != null) {
            String needle = needle(message);
            if (needle != null) {
                line = firstLineContaining(page, needle);
            }
        }
        if (file == null) {
            file = Path.of(UNKNOWN);
        }
        record(new Finding(file, line, ID, Finding.Severity.ERROR, message));
    }

    /** What to look for in the page when Asciidoctor gave no line. */
    private static String needle(String message) {
        String missing = "skipping reference to missing attribute: ";
        if (message.startsWith(missing)) {
            return "{" + message.substring(missing.length()).strip() + "}";
        }
        String invalid = "possible invalid reference: ";
        if (message.startsWith(invalid)) {
            return message.substring(invalid.length()).strip();
        }
        return null;
    }

    static int firstLineContaining(Path file, String needle) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(needle)) {
                    return i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: the finding still names the file
        }
        return 0;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return new ArrayList<>();
        }
    }
}

package dev.selfhostguide.bake;

import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asciidoctor.ast.Cursor;
import org.asciidoctor.log.LogHandler;
import org.asciidoctor.log.LogRecord;
import org.asciidoctor.log.Severity;

/**
 * Turns Asciidoctor's log into findings at file:line. Asciidoctor gives no cursor for a missing
 * attribute or an invalid in-page reference, so for those the page being converted is searched for
 * the reference to name the line a contributor must fix.
 */
final class Diagnostics implements LogHandler {

    static final String ID = "asciidoctor";

    private final List<Finding> findings = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Path> currentPage = new ThreadLocal<>();

    void enter(Path page) {
        currentPage.set(page);
    }

    void leave() {
        currentPage.remove();
    }

    /** A problem found while converting the current page, at the first line that mentions {@code needle}. */
    void reportAtReference(String needle, String check, String message) {
        Path page = currentPage.get();
        Path file = page == null ? Path.of("<unknown>") : page;
        int line = page == null ? 0 : firstLineContaining(page, needle);
        findings.add(new Finding(file, line, check, Finding.Severity.ERROR, message));
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    void clear() {
        findings.clear();
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
            file = Path.of("<unknown>");
        }
        findings.add(new Finding(file, line, ID, Finding.Severity.ERROR, message));
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

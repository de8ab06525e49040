package dev.selfhostguide.bake;

import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import freemarker.core.ParseException;
import freemarker.template.TemplateException;
import java.nio.file.Path;

/** Turns what JBake's Oven collected into a finding naming the template file and line. */
final class TemplateErrors {

    private static final java.util.regex.Pattern FREEMARKER_WHERE =
        java.util.regex.Pattern.compile("in template \"([^\"]+)\" at line (\\d+)");
    private static final java.util.regex.Pattern FREEMARKER_PROBLEM =
        java.util.regex.Pattern.compile("(?s)(?:FreeMarker template error:\\s*)?((?:The following has evaluated to null or missing|[A-Z][^\\n]*)[^\\n]*(?:\\n==> [^\\n]*)?)");

    private TemplateErrors() {
    }

    /**
     * Parses every template before the bake. JBake logs a template that does not parse and writes
     * no page for it, yet reports no error, so the bake would look successful.
     */
    static java.util.List<Finding> parseAll(Project project) {
        java.util.List<Finding> findings = new java.util.ArrayList<>();
        java.nio.file.Path dir = project.templates();
        if (!java.nio.file.Files.isDirectory(dir)) {
            findings.add(new Finding(dir, 0, "template", Finding.Severity.ERROR, "there is no templates folder"));
            return findings;
        }
        freemarker.template.Configuration config = new freemarker.template.Configuration(
            freemarker.template.Configuration.VERSION_2_3_31);
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(dir)) {
            config.setDirectoryForTemplateLoading(dir.toFile());
            config.setDefaultEncoding("UTF-8");
            config.setLogTemplateExceptions(false);
            for (java.nio.file.Path file : walk.filter(p -> p.toString().endsWith(".ftl")).sorted().toList()) {
                try {
                    config.getTemplate(dir.relativize(file).toString().replace('\\', '/'));
                } catch (ParseException e) {
                    findings.add(new Finding(file, e.getLineNumber(), "template", Finding.Severity.ERROR,
                        firstLine(e.getEditorMessage())));
                } catch (java.io.IOException e) {
                    findings.add(new Finding(file, 0, "template", Finding.Severity.ERROR, "cannot read: " + e.getMessage()));
                }
            }
        } catch (java.io.IOException e) {
            findings.add(new Finding(dir, 0, "template", Finding.Severity.ERROR, "cannot read the templates: " + e.getMessage()));
        }
        return findings;
    }

    static Finding toFinding(Throwable error, Project project) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TemplateException te && te.getTemplateSourceName() != null) {
                Path file = project.templates().resolve(te.getTemplateSourceName());
                int line = te.getLineNumber() == null ? 0 : te.getLineNumber();
                return new Finding(file, line, "template", Finding.Severity.ERROR, firstLine(te.getMessageWithoutStackTop()));
            }
            if (t instanceof ParseException pe && pe.getTemplateName() != null) {
                Path file = project.templates().resolve(pe.getTemplateName());
                return new Finding(file, pe.getLineNumber(), "template", Finding.Severity.ERROR, firstLine(pe.getEditorMessage()));
            }
        }
        // JBake's renderer rethrows template failures as text only ("Failed to render documents.
        // Cause(s): ..."), so the template name and line are read back from FreeMarker's message.
        for (Throwable t = error; t != null; t = t.getCause()) {
            java.util.regex.Matcher m = FREEMARKER_WHERE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                String what = String.valueOf(t.getMessage());
                java.util.regex.Matcher problem = FREEMARKER_PROBLEM.matcher(what);
                String message = problem.find() ? problem.group(1).strip() : firstLine(what);
                return new Finding(project.templates().resolve(m.group(1)), Integer.parseInt(m.group(2)), "template",
                    Finding.Severity.ERROR, message);
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new Finding(project.root().resolve("jbake.properties"), 0, "bake", Finding.Severity.ERROR, firstLine(message));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "template error";
        }
        String flat = message.strip();
        int newline = flat.indexOf('\n');
        return newline < 0 ? flat : flat.substring(0, newline).strip();
    }
}

package dev.selfhostguide.bake;

import java.nio.file.Path;

import dev.selfhostguide.content.Catalog;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.jruby.internal.JRubyRuntimeContext;

/**
 * One Asciidoctor (and so one JRuby, 4-7 s to start here). Whoever starts it owns it and closes
 * it: the command line for a command, a JUnit extension for a test run. It carries the log handler
 * that hands Asciidoctor's warnings to the run converting on the logging thread, and the
 * guide-table macro, which reads that run's data.
 *
 * <p>Pages are converted on several threads at once. Asciidoctor itself guards its shared
 * registries with mutexes, but rouge 3.30.0 (the highlighter) builds each lexer state lazily and
 * unguarded: {@code StateDSL#load!} marks a state loaded before it has filled its rules, so a
 * second thread entering the same state meanwhile gets a rule list with holes
 * ({@code undefined method 'beginning_of_line' for nil:NilClass}) or silently too few rules.
 * So highlighting runs one block at a time ({@link #serializeHighlighting}); the rest of a
 * conversion stays parallel.
 */
public final class AsciidoctorRuntime implements AutoCloseable {

    private final Asciidoctor asciidoctor;
    /** Which run each converting thread works for (see {@link Diagnostics#enter}). */
    private final ThreadLocal<Diagnostics> running = new ThreadLocal<>();
    private boolean closed;

    private AsciidoctorRuntime(Asciidoctor asciidoctor) {
        this.asciidoctor = asciidoctor;
        asciidoctor.registerLogHandler(record -> {
            Diagnostics run = running.get();
            if (run != null) {
                run.log(record);
            }
        });
        asciidoctor.javaExtensionRegistry().blockMacro(new ReferenceTableMacro(running::get));
        serializeHighlighting(asciidoctor);
    }

    /** Starts a runtime; the caller closes it. */
    public static AsciidoctorRuntime start() {
        // Asciidoctor also echoes every message to java.util.logging; our findings say it once.
        Logger.getLogger("asciidoctor").setLevel(Level.OFF);
        return new AsciidoctorRuntime(Asciidoctor.Factory.create());
    }

    /**
     * Wraps the rouge adapter's {@code highlight} in one mutex. Only the call is serialized, the
     * adapter and its output are Asciidoctor's own, so the HTML is the same as without the wrap.
     */
    static void serializeHighlighting(Asciidoctor asciidoctor) {
        JRubyRuntimeContext.get(asciidoctor).evalScriptlet("""
            lock = Mutex.new
            Asciidoctor::SyntaxHighlighter.for('rouge').prepend(Module.new do
              define_method(:highlight) { |*args| lock.synchronize { super(*args) } }
            end)
            """);
    }

    /**
     * Runs Ruby in this runtime and gives back the result as text: how a step that brings its own
     * gems (the PDF editions) loads and adjusts them in the one JRuby of the process.
     */
    public String evalRuby(String script) {
        return String.valueOf(JRubyRuntimeContext.get(asciidoctor).evalScriptlet(script));
    }

    Asciidoctor asciidoctor() {
        return asciidoctor;
    }

    /** The diagnostics of a new run that converts with {@code catalog}'s data. */
    Diagnostics newRun(Catalog catalog) {
        return new Diagnostics(running, catalog);
    }

    /**
     * Converts a whole document to the file its options name (the PDF editions: asciidoctorj-pdf's
     * gems load into this same JRuby), as one run with the data of {@code current} for guide-table
     * blocks. Returns the warnings of this conversion as findings.
     */
    public java.util.List<dev.selfhostguide.snippets.Finding> convertToFile(String source, org.asciidoctor.Options options,
                                                                         Catalog current) {
        Diagnostics run = newRun(current);
        run.enter(null);
        try {
            asciidoctor.convert(source, options);
        } finally {
            run.leave();
        }
        Object base = options.map().get("base_dir");
        Path content = base == null ? Path.of(".").toAbsolutePath().normalize() : Path.of(base.toString());
        // A whole-book warning has no page: it is traced to the chapter line that holds the text it quotes.
        return run.findings().stream().map(f -> f.file() == null || f.file().toString().equals(Diagnostics.UNKNOWN)
            ? BookLines.locate(f, source, content) : f).toList();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            asciidoctor.shutdown();
        }
    }
}

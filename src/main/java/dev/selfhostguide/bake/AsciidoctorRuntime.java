package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.asciidoctor.Asciidoctor;

/**
 * The one Asciidoctor (and so the one JRuby) of this process. JRuby takes 4-7 s to start here, so
 * the bake, the checks and a serve loop all share it; it also carries the log handler that turns
 * Asciidoctor's warnings into findings and the guide-table macro that reads the current catalog.
 */
public final class AsciidoctorRuntime implements AutoCloseable {

    private final Asciidoctor asciidoctor;
    private final Diagnostics diagnostics = new Diagnostics();
    private final AtomicReference<Catalog> catalog = new AtomicReference<>(Catalog.of(java.util.Map.of()));

    private AsciidoctorRuntime(Asciidoctor asciidoctor) {
        this.asciidoctor = asciidoctor;
        asciidoctor.registerLogHandler(diagnostics);
        asciidoctor.javaExtensionRegistry().blockMacro(new ReferenceTableMacro(catalog::get, diagnostics));
    }

    private static AsciidoctorRuntime shared;

    /**
     * The runtime of this process, started on first use. Commands, a serve loop and the tests all
     * use this one, so a process pays the JRuby start once.
     */
    public static synchronized AsciidoctorRuntime shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Starts a runtime of its own; prefer {@link #shared()}. */
    public static AsciidoctorRuntime start() {
        // Asciidoctor also echoes every message to java.util.logging; our findings say it once.
        Logger.getLogger("asciidoctor").setLevel(Level.OFF);
        return new AsciidoctorRuntime(Asciidoctor.Factory.create());
    }

    Asciidoctor asciidoctor() {
        return asciidoctor;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    void useCatalog(Catalog current) {
        catalog.set(current);
    }

    /**
     * Converts a whole document to the file its options name (the PDF editions: asciidoctorj-pdf's
     * gems load into this same JRuby), with the data of {@code current} for guide-table blocks.
     * Returns the warnings of this conversion as findings.
     */
    public synchronized java.util.List<dev.selfhostguide.snippets.Finding> convertToFile(String source, org.asciidoctor.Options options,
                                                                                     Catalog current) {
        useCatalog(current);
        diagnostics.clear();
        asciidoctor.convert(source, options);
        java.util.List<dev.selfhostguide.snippets.Finding> found = java.util.List.copyOf(diagnostics.findings());
        diagnostics.clear();
        return found;
    }

    /** Stops this runtime; the shared one lives until the process ends. */
    @Override
    public void close() {
        synchronized (AsciidoctorRuntime.class) {
            if (this == shared) {
                return;
            }
        }
        asciidoctor.shutdown();
    }
}

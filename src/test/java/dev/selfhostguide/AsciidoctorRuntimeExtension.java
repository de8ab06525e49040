package dev.selfhostguide;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Owns the one Asciidoctor runtime of a test run: started when a test first needs it (4-7 s of
 * JRuby start, paid once per test JVM), closed by JUnit when the whole run ends. Registered for
 * every test class (src/test/resources/META-INF/services, autodetection on in
 * junit-platform.properties); tests reach it through {@link #runtime()}.
 */
public final class AsciidoctorRuntimeExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AsciidoctorRuntimeExtension.class);

    private static volatile Holder holder;

    /** Started on first use, closed with the root context of the run (JUnit closes stored AutoCloseables). */
    private static final class Holder implements AutoCloseable {

        private AsciidoctorRuntime runtime;

        synchronized AsciidoctorRuntime get() {
            if (runtime == null) {
                runtime = AsciidoctorRuntime.start();
            }
            return runtime;
        }

        @Override
        public synchronized void close() {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        holder = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Holder.class, k -> new Holder(), Holder.class);
    }

    /** The run's runtime. */
    public static AsciidoctorRuntime runtime() {
        Holder h = holder;
        if (h == null) {
            throw new IllegalStateException("AsciidoctorRuntimeExtension is not registered for this test");
        }
        return h.get();
    }
}

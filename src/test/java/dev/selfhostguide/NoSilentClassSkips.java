package dev.selfhostguide;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Turns an assumption that fails in a {@code @BeforeAll} method into a test failure. Surefire
 * 3.5.2 reports such a class as "Tests run: 0, Skipped: 0": its tests neither ran nor show as
 * skipped, so a class that silently stopped running (the browser tests once did) passes the gate.
 * Tests skip one by one instead (an assumption in {@code @BeforeEach}), which surefire does count.
 * Registered for every test class by ServiceLoader (src/test/resources/META-INF/services).
 */
public final class NoSilentClassSkips implements LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (thrown instanceof TestAbortedException) {
            throw new AssertionError(context.getRequiredTestClass().getSimpleName()
                + " skipped all its tests in @BeforeAll (" + thrown.getMessage() + "); surefire reports that as"
                + " 0 tests run, not as skipped, so skip in @BeforeEach instead", thrown);
        }
        throw thrown;
    }
}

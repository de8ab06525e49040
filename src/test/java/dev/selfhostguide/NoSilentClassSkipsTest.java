package dev.selfhostguide;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/** A class-level skip fails the gate; any other @BeforeAll failure passes through unchanged. */
class NoSilentClassSkipsTest {

    static ExtensionContext contextOf(Class<?> testClass) {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(), new Class<?>[] {ExtensionContext.class},
            (proxy, method, args) -> {
                if (method.getName().equals("getRequiredTestClass")) {
                    return testClass;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    @Test
    void anAssumptionInBeforeAllBecomesAFailureThatSaysWhy() {
        AssertionError error = assertThrows(AssertionError.class, () -> new NoSilentClassSkips()
            .handleBeforeAllMethodExecutionException(contextOf(NoSilentClassSkipsTest.class), new TestAbortedException("no chromium")));
        assertTrue(error.getMessage().contains("NoSilentClassSkipsTest skipped all its tests in @BeforeAll (no chromium)"), error.getMessage());
        assertTrue(error.getMessage().contains("skip in @BeforeEach instead"), error.getMessage());
    }

    @Test
    void otherFailuresAreLeftAsTheyAre() {
        IllegalStateException thrown = new IllegalStateException("boom");
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> new NoSilentClassSkips()
            .handleBeforeAllMethodExecutionException(contextOf(NoSilentClassSkipsTest.class), thrown)));
    }
}

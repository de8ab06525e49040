package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.orientechnologies.orient.core.Orient;
import org.junit.jupiter.api.Test;

/**
 * Starting JBake's store starts OrientDB, whose signal handler would exit with status 1 on Ctrl+C;
 * the store the bake uses hands SIGINT and SIGTERM back to the JVM (exit 130 or 143 after the
 * shutdown hooks).
 */
class ContentStoreSignalsTest {

    @Test
    void startingTheStoreLeavesCtrlCToTheJvm() {
        MemoizingContentStore store = new MemoizingContentStore("memory", "signals-" + System.nanoTime());
        store.startup();
        try {
            assertNull(Orient.instance().getSignalHandler(), "OrientDB's own handler is still installed");
        } finally {
            store.close();
        }
    }
}

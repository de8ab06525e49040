package dev.selfhostguide.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery and diff on a synthetic upstream whose second commit adds, renames and removes a
 * variable, moves a port and renames a service; each line names the page and block using the name.
 */
class DiscoveryAndDiffTest {

    @TempDir
    Path dir;

    private String base;
    private String next;
    private SyntheticUpstream up;

    private void twoCommits() throws Exception {
        up = new SyntheticUpstream(dir);
        base = up.base();
        up.write("app/api/common/environment.py", """
            import os

            DB_HOST = os.getenv('DB_HOST', 'db')
            DATABASE_PORT = int(os.getenv('DATABASE_PORT', 5432))
            NEW_VAR = os.environ.get("NEW_VAR")
            # OLD_FLAG = os.environ.get("OLD_FLAG", "off")
            """);
        up.write("app/compose.yaml", """
            services:
              api:
                build:
                  context: ./api
                ports:
                  - '8000:8000'
                environment:
                  DB_HOST: ${DB_HOST}
              collector:
                build:
                  context: ./collector
                ports:
                  - '4319:4318'
                  - '1888:1888'
              chdb:
                image: clickhouse/clickhouse-server:25.1
            """);
        next = up.commit("rename DB_PORT, add NEW_VAR, drop OLD_FLAG, move a port, rename clickhouse");
        up.data(base, SyntheticUpstream.variables("app/api/common/environment.py"));
        Files.writeString(up.project.resolve("content/start.adoc"), """
            = Start

            [source,dotenv]
            ----
            OLD_FLAG=on
            ----

            Set DB_PORT when Postgres is elsewhere.
            """);
    }

    private Inventory inventory(String commit) throws Exception {
        FactCatalog catalog = up.catalog();
        return Inventory.of(UpstreamTree.open(up.repo, commit), Inventory.Layout.of(catalog));
    }

    @Test
    void discoveryListsWhatTheCatalogDoesNotKnowAndWhatUpstreamNoLongerHas() throws Exception {
        twoCommits();
        FactCatalog catalog = up.catalog();
        Discovery.Report report = new Discovery(catalog, new Usages(up.project.resolve("content"))).run(inventory(next));
        String sha = Verifier.abbreviate(next);
        assertTrue(report.unknown().contains("app/api/common/environment.py:4: [upstream] api variable DATABASE_PORT is read upstream "
            + "(default 5432) but unknown to the catalog; no page uses it"), String.join("\n", report.unknown()));
        assertTrue(report.unknown().contains("app/api/common/environment.py:5: [upstream] api variable NEW_VAR is read upstream "
            + "but unknown to the catalog; no page uses it"), String.join("\n", report.unknown()));
        assertTrue(report.unknown().contains("app/compose.yaml:15: [upstream] compose service chdb is unknown to the catalog; no page uses it"),
            String.join("\n", report.unknown()));
        assertTrue(report.unknown().contains("app/compose.yaml:14: [upstream] compose service collector publishes 1888:1888, "
            + "where nothing in the collector config listens; no page uses it"), String.join("\n", report.unknown()));
        assertTrue(report.unknown().contains("app/compose.yaml:13: [upstream] compose service collector publishes 4319:4318, "
            + "a port unknown to the catalog; no page uses it"), String.join("\n", report.unknown()));
        assertTrue(report.unknown().contains("app/compose.yaml:3: [upstream] service api builds from context ./api, the catalog says .; "
            + "no page uses it"), String.join("\n", report.unknown()));
        assertTrue(report.unknown().stream().noneMatch(l -> l.contains("OLD_FLAG")), "a commented-out read is no read");
        assertTrue(report.gone().contains("content/data/variables.yml:" + up.line("variables.yml", "DB_PORT:")
            + ": [upstream] api variable DB_PORT occurs nowhere in app/api/common/environment.py at " + sha
            + "; used in start.adoc:8"), String.join("\n", report.gone()));
        assertTrue(report.gone().contains("content/data/compose.yml:" + up.line("compose.yml", "  clickhouse:")
            + ": [upstream] compose service clickhouse is in no compose file at " + sha + "; no page uses it"), String.join("\n", report.gone()));
    }

    @Test
    void atThePinDiscoveryOnlyFlagsThePortNothingListensOn() throws Exception {
        twoCommits();
        Discovery.Report report = new Discovery(up.catalog(), new Usages(up.project.resolve("content"))).run(inventory(base));
        assertEquals(List.of("app/compose.yaml:14: [upstream] compose service collector publishes 1888:1888, where nothing in the "
            + "collector config listens; no page uses it"), report.unknown());
        assertEquals(List.of(), report.gone());
    }

    @Test
    void diffSaysWhatChangedInTheCatalogsTermsWithThePagesItTouches() throws Exception {
        twoCommits();
        List<String> changes = new UpstreamDiff(new Usages(up.project.resolve("content"))).diff(inventory(base), inventory(next));
        String all = String.join("\n", changes);
        for (String expected : List.of(
                "app/api/common/environment.py:3: [upstream] api variable DB_HOST: default changed from none to 'db' "
                    + "(was at app/api/common/environment.py:3); no page uses it",
                "app/api/common/environment.py:4: [upstream] api variable DB_PORT: removed (was at app/api/common/environment.py:4); "
                    + "used in start.adoc:8",
                "app/api/common/environment.py:5: [upstream] api variable OLD_FLAG: removed (was at app/api/common/environment.py:5); "
                    + "used in start.adoc:5 (block at 4)",
                "app/api/common/environment.py:4: [upstream] api variable DATABASE_PORT: added; no page uses it",
                "app/api/common/environment.py:5: [upstream] api variable NEW_VAR: added; no page uses it",
                "app/compose.yaml:3: [upstream] service api build context: context changed from '.' to './api' (was at app/compose.yaml:3)",
                "app/compose.yaml:13: [upstream] service collector port 4318:4318: removed (was at app/compose.yaml:13)",
                "app/compose.yaml:13: [upstream] service collector port 4319:4318: added",
                "app/compose.yaml:15: [upstream] compose service clickhouse: removed (was at app/compose.yaml:15)",
                "app/compose.yaml:15: [upstream] compose service chdb: added",
                "app/compose.yaml:16: [upstream] service chdb image clickhouse/clickhouse-server:25.1: added")) {
            assertTrue(changes.stream().anyMatch(l -> l.startsWith(expected)), "missing: " + expected + "\nin:\n" + all);
        }
        assertTrue(new UpstreamDiff(new Usages(up.project.resolve("content"))).diff(inventory(base), inventory(base)).isEmpty());
    }
}

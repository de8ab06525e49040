package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.content.Catalog;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The catalogs the checks read (variables, endpoints, sdk) load with the real loader and agree with each other. */
class CheckCatalogsTest {

    private static final String COMMIT = "a855a92dfaa7fd4423f9a68b1ba0295a3a72da80";

    @Test
    void realCatalogsLoadAndNameTheirSource() {
        Catalog real = Catalog.load(TestCatalogs.ROOT.resolve("content/data"));
        for (String name : List.of("variables", "endpoints", "sdk")) {
            assertTrue(real.has(name), name + ".yml missing");
            Map<String, Object> source = CatalogData.map(real.file(name).get("source"));
            assertEquals("AgentOps-AI/agentops", source.get("repo"), name);
            assertEquals(COMMIT, source.get("commit"), name);
        }
    }

    @Test
    void patternsCompile() {
        Map<String, Object> vars = TestCatalogs.catalog().file("variables");
        for (String list : List.of("placeholders", "upstream_placeholders", "real_looking")) {
            for (Object p : CatalogData.list(vars.get(list))) {
                Pattern.compile(CatalogData.text(CatalogData.map(p).get("pattern")));
            }
        }
    }

    @Test
    void passesToTargetsExist() {
        VariableCatalog vars = new VariableCatalog(TestCatalogs.catalog());
        Map<String, Object> compose = CatalogData.map(CatalogData.map(CatalogData.map(
            TestCatalogs.catalog().file("variables").get("components")).get("compose")).get("variables"));
        compose.forEach((name, raw) -> {
            for (Object t : CatalogData.list(CatalogData.map(raw).get("passes_to"))) {
                Map<String, Object> target = CatalogData.map(t);
                String component = CatalogData.text(target.get("component"));
                if (!component.isEmpty()) {
                    assertTrue(vars.variable(component, CatalogData.text(target.get("as"))).isPresent(),
                        name + " passes to " + component + " as " + target.get("as") + ", which that component lacks");
                }
            }
        });
        // the facts' headline cases
        assertTrue(vars.deadReason("compose", "DEMO_ORG_ID").isPresent());
        assertFalse(vars.deadReason("compose", "NEXT_PUBLIC_SUPABASE_URL").isPresent());
        assertTrue(vars.deadReason("api", "APP_URL").isPresent());
        assertTrue(vars.deadReason("compose", "APP_URL").isPresent());
    }

    @Test
    void endpointPortsExistInTheDeployment() {
        Catalog catalog = TestCatalogs.catalog();
        for (Object e : CatalogData.list(catalog.file("endpoints").get("endpoints"))) {
            String port = CatalogData.text(CatalogData.map(e).get("port"));
            assertTrue(catalog.port(port).isPresent(), "endpoints.yml uses port id '" + port
                + "', which content/data/deployment.yml (or the test fixture) lacks");
        }
    }
}

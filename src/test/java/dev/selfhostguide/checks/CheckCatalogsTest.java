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
            @SuppressWarnings("unchecked")
            Map<String, Object> source = (Map<String, Object>) CheckTestSupport.rawFile(name).get("source");
            assertEquals("AgentOps-AI/agentops", source.get("repo"), name);
            assertEquals(COMMIT, source.get("commit"), name);
        }
    }

    @Test
    void patternsCompile() {
        dev.selfhostguide.facts.Variables vars = TestCatalogs.catalog().variables();
        for (List<dev.selfhostguide.facts.Variables.Shape> list : List.of(vars.placeholders(), vars.upstreamPlaceholders(),
                vars.realLooking())) {
            for (dev.selfhostguide.facts.Variables.Shape p : list) {
                Pattern.compile(p.pattern());
            }
        }
    }

    @Test
    void passesToTargetsExist() {
        VariableCatalog vars = new VariableCatalog(TestCatalogs.catalog());
        TestCatalogs.catalog().variables().components().get("compose").variables().forEach((name, variable) -> {
            for (dev.selfhostguide.facts.Variables.PassTo target : variable.passesTo()) {
                if (!target.component().isEmpty()) {
                    assertTrue(vars.variable(target.component(), target.as()).isPresent(),
                        name + " passes to " + target.component() + " as " + target.as() + ", which that component lacks");
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
        for (dev.selfhostguide.facts.Endpoints.Endpoint e : catalog.endpoints().endpoints()) {
            String port = e.port();
            assertTrue(catalog.port(port).isPresent(), "endpoints.yml uses port id '" + port
                + "', which content/data/deployment.yml (or the test fixture) lacks");
        }
    }
}

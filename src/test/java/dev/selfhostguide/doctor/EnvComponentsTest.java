package dev.selfhostguide.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.content.Catalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvComponentsTest {

    private final EnvComponents components = new EnvComponents(Catalog.load(GuideFixture.repositoryRoot().resolve("content/data")));

    private static String env(String... names) {
        StringBuilder text = new StringBuilder("# settings\n");
        for (String name : names) {
            text.append(name).append("=value\n");
        }
        return text.toString();
    }

    @Test
    void anotherStacksEnvThatSharesAFewGenericNamesIsOther() {
        // a made-up analytics stack that also runs ClickHouse and names its JWT signing key like AgentOps
        EnvComponents.Decision d = components.decide(Path.of("stack.env.example"), env("CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD",
            "JWT_SECRET_KEY", "TRACKER_PORT", "TRACKER_ADMIN_EMAIL", "TRACKER_ADMIN_PASSWORD", "TRACKER_SALT", "MINIO_ROOT_USER",
            "MINIO_ROOT_PASSWORD", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "QUEUE_URL"), List.of());
        assertEquals("other", d.component());
        assertEquals("it sets CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, JWT_SECRET_KEY but only 3 of its 12 names are the AgentOps"
            + " server's", d.because());
    }

    @Test
    void anAppEnvWithAFewExtrasIsStillTheCompose() {
        EnvComponents.Decision d = components.decide(Path.of("prod.env"), env("PROTOCOL", "APP_DOMAIN", "API_DOMAIN",
            "JWT_SECRET_KEY", "LOGGING_LEVEL", "DEBUG", "MY_OWN_FLAG"), List.of());
        assertEquals("compose", d.component());
        // a third of the names is enough: a short app/.env may carry as many names of the reader's own
        assertEquals("compose", components.decide(Path.of(".env"), env("CLICKHOUSE_HOST", "CLICKHOUSE_PASSWORD", "EXTRA_ONE",
            "EXTRA_TWO", "EXTRA_THREE", "EXTRA_FOUR"), List.of()).component());
        assertEquals("other", components.decide(Path.of(".env"), env("CLICKHOUSE_HOST", "EXTRA_ONE", "EXTRA_TWO", "EXTRA_THREE",
            "EXTRA_FOUR"), List.of()).component());
    }

    @Test
    void theLayoutOfACheckoutStillWinsOverTheShare() {
        assertEquals("api", components.decide(Path.of("/srv/agentops/app/api/.env"), env("CLICKHOUSE_HOST", "EXTRA_ONE", "EXTRA_TWO",
            "EXTRA_THREE", "EXTRA_FOUR"), List.of()).component());
    }

    @Test
    void aNameNoAgentOpsCodeReadsDoesNotMakeAFileAgentOps() {
        // OpenTelemetry's own variables, as any instrumented program's .env sets them; OTEL_SERVICE_NAME
        // is also in upstream's setup guide, but nothing in AgentOps reads it (variables.yml dead:)
        EnvComponents.Decision d = components.decide(Path.of(".env"), env("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME"),
            List.of());
        assertEquals("other", d.component(), d.because());
        // beside a name the server reads, it still counts
        assertEquals("compose", components.decide(Path.of(".env"), env("OTEL_SERVICE_NAME", "CLICKHOUSE_HOST"), List.of()).component());
        // dead for the API, but the collector's through compose: still the server's name
        assertEquals("compose", components.decide(Path.of(".env"), env("CLICKHOUSE_ENDPOINT", "CLICKHOUSE_USERNAME"), List.of())
            .component());
    }

    @Test
    void aNextJsFileNameNeedsADashboardVariableToBeTheDashboards() {
        // godotenv and Vite read .env.local too
        EnvComponents.Decision go = components.decide(Path.of("shortener/.env.local"), env("DB_HOST", "DB_PASSWORD", "REDIS_URL",
            "BASE_URL"), List.of());
        assertEquals("other", go.component(), go.because());
        assertEquals("dashboard", components.decide(Path.of("web/.env.local"), env("NEXT_PUBLIC_API_URL", "NEXT_PUBLIC_SUPABASE_URL"),
            List.of()).component());
    }

    @Test
    void anEnvInAFolderNamedApiWithTheApisNamesIsTheApis() {
        // upstream's docs write api/.env (relative to app/) and dashboard/.env.local
        EnvComponents.Decision api = components.decide(Path.of("/srv/checkout/api/.env"), env("SUPABASE_URL", "SUPABASE_KEY",
            "JWT_SECRET_KEY", "CLICKHOUSE_HOST"), List.of());
        assertEquals("api", api.component(), api.because());
        // a folder named api/ of another program stays what its names say
        assertEquals("other", components.decide(Path.of("/srv/shop/api/.env"), env("STRIPE_KEY", "SHOP_DB_URL", "SHOP_PORT"),
            List.of()).component());
    }

    @Test
    void anAppUsingSupabaseAsAClientIsNotAgentOps() {
        // supabase-py's README exports SUPABASE_URL and SUPABASE_KEY; AgentOps' API reads them too
        EnvComponents.Decision app = components.decide(Path.of("bot/.env"), env("SUPABASE_URL", "SUPABASE_KEY", "OPENAI_API_KEY"),
            List.of());
        assertEquals("other", app.component(), app.because());
        // beside a name of the server's own they still count
        assertEquals("compose", components.decide(Path.of(".env"), env("SUPABASE_URL", "SUPABASE_KEY", "JWT_SECRET_KEY"), List.of())
            .component());
    }
}

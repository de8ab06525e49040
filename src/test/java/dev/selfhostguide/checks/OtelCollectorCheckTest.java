package dev.selfhostguide.checks;

import static dev.selfhostguide.checks.CheckTestSupport.context;
import static dev.selfhostguide.checks.CheckTestSupport.corpusSnippet;
import static dev.selfhostguide.checks.CheckTestSupport.format;
import static dev.selfhostguide.checks.CheckTestSupport.realCatalog;
import static dev.selfhostguide.checks.CheckTestSupport.snippet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtelCollectorCheckTest {

    private final OtelCollectorCheck check = new OtelCollectorCheck();

    private List<String> run(String text) {
        return run(Map.of("check", "otel-collector"), text);
    }

    private List<String> run(Map<String, String> attributes, String text) {
        return format(check.check(snippet("yaml", attributes, text), context(realCatalog())));
    }

    private static final String GOOD = """
        receivers:
          otlp:
            protocols:
              http:
                endpoint: 0.0.0.0:4318
                auth:
                  authenticator: jwtauthextension
        processors:
          batch:
        exporters:
          clickhouse/otel_traces:
            endpoint: ${CLICKHOUSE_ENDPOINT}
        connectors:
          count:
        extensions:
          health_check:
          jwtauthextension:
            secret: ${JWT_SECRET}
        service:
          extensions: [health_check, jwtauthextension]
          pipelines:
            traces:
              receivers: [otlp]
              processors: [batch]
              exporters: [clickhouse/otel_traces, count]
            metrics/count:
              receivers: [count]
              exporters: [clickhouse/otel_traces]
        """;

    @Test
    void selectedOnlyByName() {
        assertEquals("otel-collector", check.id());
        assertFalse(check.appliesTo(snippet("yaml", Map.of(), GOOD)));
    }

    @Test
    void aGoodConfigPasses() {
        assertEquals(List.of(), run(GOOD));
    }

    @Test
    void undefinedComponentsAtTheirLines() {
        String text = GOOD.replace("processors: [batch]", "processors: [batch, transform]")
            .replace("extensions: [health_check, jwtauthextension]", "extensions: [health_check, jwtauthextension, pprof]")
            .replace("exporters: [clickhouse/otel_traces, count]", "exporters: [clickhouse, count]");
        assertEquals(List.of(
            "content/x.adoc:59: [otel-collector] service.extensions names extension 'pprof', which is not defined under extensions; "
                + "the collector refuses to start (if another --config file defines it, mark the block config-part=true)",
            "content/x.adoc:63: [otel-collector] pipeline 'traces' uses processor 'transform', which is not defined under processors; "
                + "the collector refuses to start (if another --config file defines it, mark the block config-part=true)",
            "content/x.adoc:64: [otel-collector] pipeline 'traces' uses exporter 'clickhouse', which is not defined under exporters "
                + "or connectors; the collector refuses to start (if another --config file defines it, mark the block config-part=true)"),
            run(text));
    }

    @Test
    void pipelineShape() {
        String text = """
            receivers:
              otlp:
                protocols:
                  grpc:
                    endpoint: 0.0.0.0:4317
            processors:
              batch:
            exporters:
              debug:
            service:
              pipelines:
                trace:
                  receivers: [otlp]
                  exporters: [debug]
                logs:
                  receivers: [otlp]
                  processors: [batch, batch]
                  exporter: [debug]
            """;
        assertEquals(List.of(
            "content/x.adoc:51: [otel-collector] pipeline id 'trace' must start with a signal: traces, metrics, logs",
            "content/x.adoc:54: [otel-collector] pipeline 'logs' has no exporter; each pipeline needs at least one",
            "content/x.adoc:56: [otel-collector] pipeline 'logs' lists processor 'batch' twice; the collector refuses that",
            "content/x.adoc:57: [otel-collector] unknown key 'exporter' in pipeline 'logs'; a pipeline has receivers, processors, exporters"),
            run(text));
    }

    @Test
    void unknownKeysAndBadIds() {
        String text = "receivers:\n  otlp/:\n    protocols: {}\n  9bad:\nexporter:\n  debug:\nservice:\n  pipeline: {}\n";
        List<String> out = run(text);
        assertTrue(out.contains("content/x.adoc:43: [otel-collector] component id '9bad' is not type[/name] with a type of "
            + "letters, digits and _ starting with a letter"), out.toString());
        assertTrue(out.contains("content/x.adoc:44: [otel-collector] unknown top-level key 'exporter'; a collector config has "
            + "receivers, exporters, processors, connectors, extensions, service"), out.toString());
        assertTrue(out.contains("content/x.adoc:47: [otel-collector] unknown key service.pipeline; service has telemetry, extensions, pipelines"),
            out.toString());
        assertTrue(out.contains("content/x.adoc:47: [otel-collector] service has no pipelines; the collector needs at least one"),
            out.toString());
    }

    @Test
    void emptyConfig() {
        assertEquals(List.of("content/x.adoc:40: [otel-collector] empty configuration: no receivers, processors, exporters, "
            + "connectors or extensions are defined"), run("service:\n  pipelines: {}\n"));
    }

    @Test
    void ambiguousConnectorId() {
        List<String> out = run(GOOD.replace("  clickhouse/otel_traces:\n", "  count:\n  clickhouse/otel_traces:\n"));
        assertTrue(out.contains("content/x.adoc:54: [otel-collector] connector id 'count' is also used by an exporter or "
            + "receiver; the collector rejects the ambiguous id"), out.toString());
    }

    @Test
    void localhostEndpointsWarn() {
        String text = GOOD.replace("endpoint: 0.0.0.0:4318", "endpoint: 127.0.0.1:4318")
            + "    logs:\n      receivers: [fluentforward]\n      exporters: [clickhouse/otel_traces]\n";
        text = text.replace("receivers:\n  otlp:", "receivers:\n  fluentforward:\n    endpoint: localhost:24224\n  otlp:");
        assertEquals(List.of(
            "content/x.adoc:42: [otel-collector] warning: receiver fluentforward listens on localhost:24224, which is unreachable "
                + "from outside the container; bind 0.0.0.0:24224",
            "content/x.adoc:46: [otel-collector] warning: receiver otlp listens on 127.0.0.1:4318, which is unreachable from "
                + "outside the container; bind 0.0.0.0:4318"), run(text));
    }

    @Test
    void otlpProtocolWithoutEndpointBindsLocalhost() {
        String text = "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\nservice:\n  pipelines:\n"
            + "    traces:\n      receivers: [otlp]\n      exporters: [debug]\n";
        assertEquals(List.of("content/x.adoc:43: [otel-collector] warning: receiver otlp grpc has no endpoint, so it binds its "
            + "default localhost:4317, which nothing outside the container can reach; set endpoint: 0.0.0.0:4317"), run(text));
    }

    @Test
    void authenticatorMustBeDeclaredAndEnabled() {
        String notEnabled = GOOD.replace("extensions: [health_check, jwtauthextension]", "extensions: [health_check]");
        assertEquals(List.of("content/x.adoc:46: [otel-collector] authenticator 'jwtauthextension' is defined but not listed in "
            + "service.extensions; a defined extension is not enabled until service.extensions names it, so the authenticator "
            + "is missing at start; add it there"), run(notEnabled));
        String notDeclared = notEnabled.replace("  jwtauthextension:\n    secret: ${JWT_SECRET}\n", "");
        assertEquals(List.of("content/x.adoc:46: [otel-collector] authenticator 'jwtauthextension' is not defined under extensions; "
            + "the collector refuses to start (if another --config file defines it, mark the block config-part=true)"), run(notEnabled
            .replace("  jwtauthextension:\n    secret: ${JWT_SECRET}\n", "")));
        assertTrue(notDeclared.contains("authenticator: jwtauthextension"));
    }

    @Test
    void configMapInAManifestIsCheckedAtManifestLines() {
        String text = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: collector
            data:
              config.yaml: |
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  debug:
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [debug]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: collector
            """;
        List<String> out = run(text);
        assertEquals(1, out.size(), out.toString());
        // 'processors: [batch]' is the 18th line of the block
        assertTrue(out.get(0).startsWith("content/x.adoc:57: [otel-collector] pipeline 'traces' uses processor 'batch'"), out.get(0));
    }

    @Test
    void invalidYamlInsideAConfigMapIsReportedHere() {
        String text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  c: |\n    receivers:\n      otlp: [\n    service: {}\n";
        List<String> out = run(text);
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("content/x.adoc:46: [otel-collector] the collector config in this ConfigMap is not valid YAML"),
            out.get(0));
    }

    @Test
    void aManifestWithoutCollectorConfigIsAnError() {
        assertEquals(List.of("content/x.adoc:40: [otel-collector] no OpenTelemetry Collector config found: the block is a "
            + "Kubernetes manifest without a ConfigMap holding one; drop check=otel-collector or show the collector config"),
            run("apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n"));
    }

    @Test
    void invalidYamlIsLeftToTheYamlCheck() {
        assertEquals(List.of(), run("receivers: [\n"));
    }

    @Test
    void neverThrows() {
        for (String text : List.of("", "[]", "receivers: 5", "service: 5", "service:\n  pipelines: 5",
            "service:\n  pipelines:\n    traces: 5", "receivers:\n  otlp: 5\nservice:\n  extensions: 5",
            "apiVersion: v1\nkind: ConfigMap\ndata: 5", "apiVersion: v1\nkind: [x]\n", "receivers:\n  otlp:\n    protocols: 5")) {
            check.check(snippet("yaml", Map.of(), text), context(realCatalog()));
        }
    }

    // ---- corpus -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"otel/contrib-fault-tolerant-logs-otel-col-config.yaml",
        "otel/contrib-secure-tracing-otel-collector-config.yaml", "otel/core-k8s-otel-config.yaml"})
    void validConfigsPassClean(String file) {
        assertEquals(List.of(), format(check.check(corpusSnippet(file, Map.of()), context(realCatalog()))));
    }

    @Test
    void localExampleBindsLocalhostOnPurposeAndIsWarned() {
        List<Finding> findings = check.check(corpusSnippet("otel/core-local-otel-config.yaml", Map.of()), context(realCatalog()));
        assertEquals(List.of(9, 11), findings.stream().map(Finding::line).toList(), findings.toString());
        assertTrue(findings.stream().noneMatch(Finding::isError));
    }

    @Test
    void olderDemoLeavesOtlpGrpcAtItsDefault() {
        List<Finding> findings = check.check(corpusSnippet("otel/contrib-demo-otel-collector-config.yaml", Map.of()),
            context(realCatalog()));
        assertEquals(List.of(14), findings.stream().map(Finding::line).toList(), findings.toString());
        assertTrue(findings.stream().noneMatch(Finding::isError));
    }

    @Test
    void agentopsBaseAloneMissesItsGeneratedProcessors() {
        List<Finding> findings = check.check(corpusSnippet("agentops/otel-base.yaml", Map.of()), context(realCatalog()));
        assertEquals(List.of(63, 63, 67, 67, 67, 71, 71), findings.stream().map(Finding::line).toList(), findings.toString());
        assertTrue(findings.stream().allMatch(Finding::isError));
        assertTrue(findings.stream().anyMatch(f -> f.message().contains("'transform'")));
    }

    @Test
    void agentopsBaseAsAConfigPartOnlyWarns() {
        List<Finding> findings = check.check(corpusSnippet("agentops/otel-base.yaml", Map.of("config-part", "true")),
            context(realCatalog()));
        assertEquals(7, findings.size(), findings.toString());
        assertTrue(findings.stream().noneMatch(Finding::isError));
        assertTrue(findings.get(0).message().contains("another --config file must define processor 'resourcedetection/system'"));
    }
}

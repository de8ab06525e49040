package dev.selfhostguide.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small upstream repository built in a temp folder with git, commit by commit, and a guide
 * project whose content/data describes it. Every file is written here: nothing is copied from
 * the real upstream.
 */
final class SyntheticUpstream {

    final Path repo;
    final Path project;

    SyntheticUpstream(Path dir) throws IOException {
        this.repo = dir.resolve("upstream");
        this.project = dir.resolve("guide");
        Files.createDirectories(repo);
        Files.createDirectories(project.resolve("content/data"));
        Files.writeString(project.resolve("jbake.properties"), "");
        git("init", "-q", "-b", "main");
    }

    /** The first version: an API reading three variables, a compose file with two services, a collector config. */
    String base() throws IOException {
        write("app/api/common/environment.py", """
            import os

            DB_HOST = os.getenv('DB_HOST')
            DB_PORT = int(os.getenv('DB_PORT', 5432))
            OLD_FLAG = os.environ.get("OLD_FLAG", "off")
            """);
        write("app/api/api/environment.py", """
            import os
            BUCKET = os.environ["BUCKET"]
            """);
        write("app/compose.yaml", """
            services:
              api:
                build:
                  context: .
                ports:
                  - '8000:8000'
                environment:
                  DB_HOST: ${DB_HOST}
              collector:
                build:
                  context: ./collector
                ports:
                  - '4318:4318'
                  - '1888:1888'
              clickhouse:
                image: clickhouse/clickhouse-server:24.12
            """);
        write("app/collector/config.yaml", """
            receivers:
              otlp:
                protocols:
                  http:
                    endpoint: 0.0.0.0:4318
            extensions:
              pprof:
            service:
              extensions: [pprof]
            """);
        return commit("base");
    }

    void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    void delete(String path) throws IOException {
        Files.delete(repo.resolve(path));
    }

    String commit(String message) throws IOException {
        git("add", "-A");
        git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").trim();
    }

    /** Writes the guide's data files: the catalog pinned to {@code commit}, with the given variables block. */
    void data(String commit, String variables) throws IOException {
        Path data = project.resolve("content/data");
        Files.writeString(data.resolve("upstream.yml"), """
            sources:
              agentops:
                repo: example/agentops
                commit: %s
              litellm:
                repo: example/litellm
                commit: 0123abc
            """.formatted(commit));
        Files.writeString(data.resolve("variables.yml"), variables);
        Files.writeString(data.resolve("deployment.yml"), """
            ports:
              api:
                reference: 8003
                upstream: 8000
                component: api
                evidence:
                  - {repo: agentops, path: app/compose.yaml, match: "'8000:8000'"}
              otlp-http:
                reference: 4318
                upstream: 4318
                component: collector
                evidence:
                  - {repo: agentops, path: app/compose.yaml, match: "'4318:4318'"}
              collector-pprof:
                reference: 1888
                upstream: 1888
                component: collector
                evidence:
                  - {repo: agentops, path: app/compose.yaml, match: "'1888:1888'"}
              proxy:
                reference: 80
                upstream: 80
                component: proxy
                own: "the guide's choice"
              litellm:
                reference: 4000
                upstream: 4000
                component: litellm
                evidence:
                  - {repo: litellm, path: proxy_cli.py, match: 'default=4000'}
            services:
              api: api
              collector: collector
            evidence:
              services.api: [{repo: agentops, path: app/compose.yaml, regex: '^  api:$'}]
              services.collector: [{repo: agentops, path: app/compose.yaml, regex: '^  collector:$'}]
            """);
        Files.writeString(data.resolve("compose.yml"), """
            services:
              api:
                file: app/compose.yaml
                build: {context: .}
                ports: ['8000:8000']
                evidence:
                  - {repo: agentops, path: app/compose.yaml, regex: '^  api:$'}
              collector:
                file: app/compose.yaml
                build: {context: ./collector}
                ports: ['4318:4318', '1888:1888']
                evidence:
                  - {repo: agentops, path: app/compose.yaml, regex: '^  collector:$'}
              clickhouse:
                file: app/compose.yaml
                image: clickhouse/clickhouse-server:24.12
                evidence:
                  - {repo: agentops, path: app/compose.yaml, regex: '^  clickhouse:$'}
            """);
        Files.writeString(data.resolve("otel-collector.yml"), """
            agentops_config:
              repo: agentops
              path: app/collector/config.yaml
              receivers:
                otlp:
                  evidence:
                    - {repo: agentops, path: app/collector/config.yaml, regex: '^  otlp:$'}
              extensions:
                pprof:
                  default_endpoint: localhost:1777
                  evidence:
                    - {repo: agentops, path: app/collector/config.yaml, regex: '^  pprof:$'}
            default_endpoints:
              otlp: {grpc: localhost:4317, http: localhost:4318}
            """);
    }

    /** A variables.yml with the API reading DB_HOST, DB_PORT and OLD_FLAG at {@code hostAt}, and compose passing DB_HOST. */
    static String variables(String hostAt) {
        return """
            components:
              compose:
                read_at: app/compose.yaml
                variables:
                  DB_HOST: {read_at: app/compose.yaml, evidence: [{repo: agentops, path: app/compose.yaml, match: '${DB_HOST}'}]}
              api:
                read_at: app/api
                variables:
                  DB_HOST: {read_at: %s, evidence: [{repo: agentops, path: app/api/common/environment.py, match: "os.getenv('DB_HOST')"}]}
                  DB_PORT: {read_at: app/api/common/environment.py, default: 5432, evidence: [{repo: agentops, path: app/api/common/environment.py, regex: 'DB_PORT.*5432'}]}
                  OLD_FLAG: {read_at: app/api/common/environment.py, evidence: [{repo: agentops, path: app/api/common/environment.py, match: 'OLD_FLAG'}]}
                  BUCKET: {read_at: app/api/api/environment.py, evidence: [{repo: agentops, path: app/api/api/environment.py, match: 'BUCKET'}]}
            """.formatted(hostAt);
    }

    FactCatalog catalog() {
        return FactCatalog.load(project.resolve("content/data"));
    }

    Clones clones() throws UpstreamException {
        return Clones.open(catalog(), java.util.Map.of("agentops", repo), null);
    }

    /** The line of the first line of {@code file} (in content/data) that contains {@code text}. */
    int line(String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(project.resolve("content/data").resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private String git(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }
}

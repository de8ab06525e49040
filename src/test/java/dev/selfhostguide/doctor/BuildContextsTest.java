package dev.selfhostguide.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.checks.FileKind;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compose service's build context against its Dockerfile's COPY and ADD, on folders laid out
 * like upstream's app/ (the API built from app/ with api/Dockerfile, the dashboard from its own
 * folder, the collector file passed as a second -f) and with the mistakes made from it.
 */
class BuildContextsTest {

    @TempDir
    Path dir;

    private static final String API_DOCKERFILE = """
        FROM python:3.12-slim
        WORKDIR /app
        COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/
        COPY api/pyproject.toml /app/
        COPY api/agentops /app/agentops
        COPY deploy/jockey /app/jockey
        RUN uv sync
        """;

    private static final String DASHBOARD_DOCKERFILE = """
        FROM node:20-alpine AS builder
        WORKDIR /app
        COPY package*.json ./
        RUN npm install
        COPY . .
        FROM node:20-alpine
        COPY --from=builder /app/.next ./.next
        """;

    private Path write(String relative, String text) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** upstream's app/ as far as its builds read it. */
    private void upstreamTree() throws Exception {
        write("app/api/Dockerfile", API_DOCKERFILE);
        write("app/api/pyproject.toml", "[project]\n");
        write("app/api/agentops/__init__.py", "");
        write("app/deploy/jockey/__init__.py", "");
        write("app/dashboard/Dockerfile", DASHBOARD_DOCKERFILE);
        write("app/dashboard/package.json", "{}\n");
        write("app/opentelemetry-collector/Dockerfile", "FROM python:3.12-slim AS builder\nCOPY builder ./builder\nCOPY config ./config\n");
        write("app/opentelemetry-collector/builder/__init__.py", "");
        write("app/opentelemetry-collector/config/base.yaml", "receivers: {}\n");
        write("app/opentelemetry-collector/compose.yaml", """
            services:
              otelcollector:
                build:
                  context: ./opentelemetry-collector
                  dockerfile: Dockerfile
            """);
    }

    private List<Finding> check(Path root) throws Exception {
        List<ReaderFile> files = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                files.add(new ReaderFile(p, dir.relativize(p).toString(), FileKind.COMPOSE, "", "", Files.readString(p)));
            }
        }
        return new BuildContexts(files, List.of(root), dir).check();
    }

    @Test
    void upstreamsOwnLayoutBuilds() throws Exception {
        upstreamTree();
        write("app/compose.yaml", """
            services:
              api:
                build:
                  context: .
                  dockerfile: api/Dockerfile
              dashboard:
                build:
                  context: ./dashboard
                  dockerfile: Dockerfile
            """);
        assertEquals(List.of(), check(dir.resolve("app")));
    }

    @Test
    void theApiBuiltFromItsOwnFolderMissesWhatItsDockerfileCopies() throws Exception {
        upstreamTree();
        Path compose = write("app/compose.yaml", """
            services:
              api:
                build:
                  context: ./api
                  dockerfile: Dockerfile
            """);
        List<Finding> findings = check(dir.resolve("app"));
        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.get(0);
        assertEquals(compose, f.file());
        assertEquals(4, f.line());
        assertTrue(f.isError());
        // The first COPY that reads the context names the Dockerfile's line; the others follow.
        // The first COPY that misses names the Dockerfile's line; the later ones follow in the same line.
        assertEquals("service 'api' is built from app/api/, but app/api/Dockerfile:4 COPY reads 'api/pyproject.toml', which is not"
            + " under that context (nor are 'api/agentops' at line 5, 'deploy/jockey' at line 6): docker compose build fails ('not found');"
            + " they are under app/: set context: . (and dockerfile: relative to it), or fix the paths in the Dockerfile", f.message());
    }

    @Test
    void aMissingDockerfileOfAServiceThatAlsoNamesAnImageFailsOnlyABuild() throws Exception {
        write("proj/src/main.py", "print('hi')\n");
        Path compose = write("proj/compose.yaml",
            "services:\n  proxy:\n    image: example/proxy:1.2\n    build: ./\n  worker:\n    build:\n      context: ./src\n");
        List<Finding> findings = check(dir.resolve("proj"));
        assertEquals(2, findings.size(), findings.toString());
        Finding proxy = findings.stream().filter(f -> f.line() == 4).findFirst().orElseThrow();
        assertEquals(compose, proxy.file());
        assertEquals(Finding.Severity.WARNING, proxy.severity());
        assertTrue(proxy.message().contains("docker compose up uses image example/proxy:1.2, but docker compose build or up --build fails"),
            proxy.message());
        // Without image: there is nothing to pull, so up builds and fails.
        Finding worker = findings.stream().filter(f -> f.line() == 7).findFirst().orElseThrow();
        assertEquals(Finding.Severity.ERROR, worker.severity());
    }

    @Test
    void aDockerfileThatIsNotInTheContextIsNamed() throws Exception {
        upstreamTree();
        Path compose = write("app/compose.yaml", "services:\n  api:\n    build:\n      context: .\n      dockerfile: Dockerfile\n");
        List<Finding> findings = check(dir.resolve("app"));
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(compose, findings.get(0).file());
        assertEquals(4, findings.get(0).line());
        assertTrue(findings.get(0).message().startsWith("service 'api' is built from app/, which holds no Dockerfile"), findings.toString());
    }

    @Test
    void aShortBuildAndAMissingCopyOfAnotherFile() throws Exception {
        write("stack/worker/Dockerfile", "FROM alpine\n# COPY nothing/here /x\nCOPY [\"requirements.txt\", \"/srv/\"]\nADD https://example.com/x.tgz /tmp/\n"
            + "COPY ${SRC} /srv\nCOPY src/*.py /srv/\nCOPY --chown=1000:1000 \\\n    main.py \\\n    app.py /srv/\n");
        write("stack/worker/main.py", "");
        Path compose = write("stack/compose.yaml", "services:\n  worker:\n    build: ./worker\n");
        List<Finding> findings = check(dir.resolve("stack"));
        assertEquals(List.of(3), findings.stream().map(Finding::line).toList(), findings.toString());
        assertEquals(compose, findings.get(0).file());
        assertEquals("service 'worker' is built from stack/worker/, but stack/worker/Dockerfile:3 COPY reads 'requirements.txt',"
            + " which is not under that context (nor are 'app.py' at line 7): docker compose build fails ('not found'); fix the path in the"
            + " Dockerfile, or point context: at the folder that holds it", findings.get(0).message());
    }

    @Test
    void aBuildOutputTheHostMakesBeforeTheImageBuildIsAWarning() throws Exception {
        write("web/Dockerfile", "FROM nginx:1.27\nCOPY dist/ /usr/share/nginx/html/\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\n");
        write("web/nginx.conf", "server { listen 80; }\n");
        write("compose.yaml", "services:\n  web:\n    build: ./web\n");
        List<Finding> findings = check(dir);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(!findings.get(0).isError() && findings.get(0).message().contains("web/Dockerfile:2 COPY reads 'dist/', which is not"
            + " under that context: docker compose build fails ('not found') unless a step before it builds that output"), findings.toString());
        // A source that is not a build output among them makes it certain.
        Files.delete(dir.resolve("web/nginx.conf"));
        findings = check(dir);
        assertTrue(findings.get(0).isError() && findings.get(0).message().contains("web/Dockerfile:3 COPY reads 'nginx.conf'"),
            findings.toString());
    }

    @Test
    void nothingIsGuessedWhereTheContextOrDockerfileIsNotThere() throws Exception {
        write("stack/compose.yaml", """
            services:
              remote:
                build: https://github.com/example/app.git#main
              elsewhere:
                build:
                  context: ../outside
              absent:
                build: ./absent
              variable:
                build:
                  context: ${APP_DIR}
              inline:
                build:
                  context: .
                  dockerfile_inline: |
                    FROM alpine
                    COPY missing /x
            """);
        write("outside/Dockerfile", "FROM alpine\nCOPY missing /x\n");
        assertEquals(List.of(), check(dir.resolve("stack")));
    }

    @Test
    void aServiceBuiltInTwoFilesIsLeftToTheOrderOfDashF() throws Exception {
        write("stack/api/Dockerfile", "FROM alpine\nCOPY api/main.py /srv/\n");
        write("stack/api/main.py", "");
        write("stack/compose.yaml", "services:\n  api:\n    build: .\n");
        write("stack/compose.override.yaml", "services:\n  api:\n    build:\n      dockerfile: api/Dockerfile\n");
        assertEquals(List.of(), check(dir.resolve("stack")));
    }

    @Test
    void copiesJoinsContinuationsSkipsCommentsHereDocumentsAndStages() {
        List<BuildContexts.Copy> copies = BuildContexts.copies("""
            # escape=`
            FROM alpine AS base
            COPY a.txt `
              # a comment inside the instruction
              b.txt /dst/
            RUN <<EOF
            COPY not/an/instruction /x
            EOF
            copy --link c.txt /dst/
            COPY --from=base /x /y
            COPY <<EOF /etc/conf
            data
            EOF
            ADD git@github.com:example/repo.git /src
            COPY ./d.txt /e.txt /dst/
            """);
        assertEquals(List.of("3 COPY [a.txt, b.txt]", "9 COPY [c.txt]", "15 COPY [d.txt, e.txt]"),
            copies.stream().map(c -> c.line() + " " + c.instruction() + " " + c.sources()).toList());
    }
}

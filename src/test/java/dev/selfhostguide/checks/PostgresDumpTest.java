package dev.selfhostguide.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.RealGuide;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the Operate chapter's Postgres dump and its {@code pg_restore --list} check, exactly as a
 * reader copies them, against a real PostgreSQL (Debian's) that holds the four schemas the dump
 * names, with a trigger on auth.users like AgentOps' migrations. A stand-in {@code docker} runs
 * {@code docker exec [--env K=V] [-i] CONTAINER CMD...} as CMD on this host, so the block's own
 * password handling, options and redirections are what is tested. The cluster listens on
 * 127.0.0.1 with a password, as the Supabase container does for {@code --host 127.0.0.1}.
 */
class PostgresDumpTest {

    private static final String PASSWORD = "dump-test-password";

    private Path scratch;
    private Path data;
    private Path bin;
    private int port;
    private boolean asRoot;

    @BeforeEach
    void startPostgres() throws Exception {
        Optional<Path> found = postgresBin();
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("PostgreSQL (initdb, pg_ctl, pg_dump, pg_restore) is required on CI but is not installed");
        }
        Assumptions.assumeTrue(found.isPresent(), "PostgreSQL server binaries are not installed: skipping");
        bin = found.get();
        asRoot = "root".equals(System.getProperty("user.name"));
        scratch = Files.createTempDirectory("pg-dump-test-");
        // initdb refuses to run as root: the cluster then belongs to the postgres user, who must
        // be able to enter the scratch folder.
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));
        data = scratch.resolve("cluster");
        Path pwfile = scratch.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n");
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-r--r--"));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result init = run(server("initdb", "--pgdata", data.toString(), "--username", "postgres", "--auth-local", "trust",
            "--auth-host", "scram-sha-256", "--pwfile", pwfile.toString(), "--encoding", "UTF8"), Map.of(), null, 120);
        assertEquals(0, init.code(), "initdb failed:\n" + init.output());
        Result started = run(server("pg_ctl", "--pgdata", data.toString(), "--wait", "--log",
            scratch.resolve("server.log").toString(),
            "-o", "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + scratch, "start"),
            Map.of(), null, 60);
        assertEquals(0, started.code(), "pg_ctl start failed:\n" + started.output() + readLog());
        psql("""
            CREATE SCHEMA auth;
            CREATE SCHEMA storage;
            CREATE SCHEMA deploy;
            CREATE SCHEMA extensions;
            CREATE TABLE auth.users (id uuid PRIMARY KEY, email text NOT NULL);
            CREATE TABLE auth.schema_migrations (version text PRIMARY KEY);
            CREATE TABLE public.users (id uuid PRIMARY KEY REFERENCES auth.users (id), full_name text);
            CREATE FUNCTION public.handle_new_user() RETURNS trigger LANGUAGE plpgsql AS
              $$ BEGIN INSERT INTO public.users (id) VALUES (NEW.id); RETURN NEW; END $$;
            CREATE TRIGGER on_new_user_creation AFTER INSERT ON auth.users
              FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
            CREATE TABLE deploy.projects (id integer PRIMARY KEY, name text);
            CREATE TABLE storage.buckets (id text PRIMARY KEY);
            CREATE TABLE storage.objects (id integer PRIMARY KEY, bucket_id text REFERENCES storage.buckets (id));
            CREATE TABLE extensions.not_ours (id integer);
            INSERT INTO auth.users VALUES ('00000000-0000-0000-0000-000000000001', 'ops@example.org');
            INSERT INTO auth.schema_migrations VALUES ('20240101');
            INSERT INTO deploy.projects VALUES (1, 'Default Project');
            INSERT INTO storage.buckets VALUES ('user-uploads');
            INSERT INTO storage.objects VALUES (1, 'user-uploads');
            """);
    }

    @AfterEach
    void stopPostgres() throws Exception {
        if (data != null && Files.isDirectory(data)) {
            run(server("pg_ctl", "--pgdata", data.toString(), "--mode", "immediate", "stop"), Map.of(), null, 60);
        }
        if (scratch != null) {
            try (Stream<Path> walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void theGuidesDumpRunsAndItsArchiveListsTheFourSchemas() throws Exception {
        Pipeline.Outcome baked = RealGuide.baked();
        Snippet dump = operateSnippet(baked, "pg_dump ");
        Snippet list = operateSnippet(baked, "pg_restore --list");
        String container = baked.catalog().values().get("supabase-db-container");

        Path work = scratch.resolve("app");
        Files.createDirectories(work);
        Files.writeString(work.resolve(".env"), "SUPABASE_HOST=127.0.0.1\nSUPABASE_PASSWORD=" + PASSWORD + "\n");
        Path fakeBin = scratch.resolve("fake-bin");
        Files.createDirectories(fakeBin);
        Path docker = fakeBin.resolve("docker");
        Files.writeString(docker, """
            #!/usr/bin/env bash
            # Stands in for docker exec: runs the command on this host, against the test cluster.
            [ "$1" = exec ] || { echo "fake docker: only exec is supported, not $1" >&2; exit 2; }
            shift
            while [ $# -gt 0 ]; do
              case "$1" in
                --env|-e) export "$2"; shift 2 ;;
                -i|--interactive) shift ;;
                -*) echo "fake docker: unexpected option $1" >&2; exit 2 ;;
                *) break ;;
              esac
            done
            [ "$1" = "$EXPECTED_CONTAINER" ] || { echo "fake docker: no container $1" >&2; exit 2; }
            shift
            exec "$@"
            """);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of(
            "PATH", fakeBin + ":" + bin + ":" + System.getenv("PATH"),
            "PGPORT", Integer.toString(port),
            "EXPECTED_CONTAINER", container);

        Result dumped = run(List.of("bash", "-c", dump.text()), env, work, 120);
        assertEquals(0, dumped.code(), "the dump block failed:\n" + dumped.output());
        List<Path> files;
        try (Stream<Path> s = Files.list(work)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".dump")).toList();
        }
        assertEquals(1, files.size(), "the dump block writes one .dump file");
        assertTrue(Files.size(files.get(0)) > 0, "the dump is not empty");

        Result listed = run(List.of("bash", "-c", list.text()), env, work, 60);
        assertEquals(0, listed.code(), "the list block failed:\n" + listed.output());
        String toc = listed.output();
        for (String entry : List.of("SCHEMA - auth", "SCHEMA - deploy", "SCHEMA - storage",
                "TABLE DATA auth users", "TABLE DATA public users", "TABLE DATA deploy projects",
                "TABLE DATA storage objects")) {
            // head -n 20 of the block may cut the table of contents, so read the whole archive too.
            assertTrue(toc.contains(entry) || fullList(files.get(0), env, work).contains(entry),
                "the archive lists " + entry + ":\n" + toc);
        }
        String full = fullList(files.get(0), env, work);
        assertTrue(full.contains("TRIGGER auth users on_new_user_creation"),
            "the archive carries the trigger the Operate chapter warns about:\n" + full);
        assertFalse(full.contains("extensions"), "schemas the dump does not name stay out:\n" + full);
    }

    private String readLog() {
        try {
            return Files.readString(scratch.resolve("server.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private String fullList(Path dump, Map<String, String> env, Path work) throws Exception {
        return run(List.of(bin.resolve("pg_restore").toString(), "--list", dump.toString()), env, work, 60).output();
    }

    private static Snippet operateSnippet(Pipeline.Outcome baked, String marker) {
        List<Snippet> matches = baked.snippets().stream()
            .filter(s -> s.file().endsWith(Path.of("content", "operate.adoc")))
            .filter(s -> s.text().contains(marker))
            .toList();
        assertEquals(1, matches.size(), "content/operate.adoc has one block with '" + marker + "'");
        return matches.get(0);
    }

    private void psql(String sql) throws Exception {
        Result r = run(List.of(bin.resolve("psql").toString(), "--host", scratch.toString(), "--port",
            Integer.toString(port), "--username", "postgres", "--dbname", "postgres", "--no-psqlrc",
            "--set", "ON_ERROR_STOP=1", "--quiet", "--command", sql), Map.of(), null, 60);
        assertEquals(0, r.code(), "setting up the test database failed:\n" + r.output());
    }

    /** A server command, run as the postgres user when this JVM is root (initdb refuses root). */
    private List<String> server(String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        return command;
    }

    private record Result(int code, String output) { }

    private static Result run(List<String> command, Map<String, String> env, Path dir, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
        } catch (IOException e) {
            out = new byte[0];
        }
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Optional<Path> postgresBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                .filter(b -> Stream.of("initdb", "pg_ctl", "pg_dump", "pg_restore", "psql")
                    .allMatch(t -> Files.isExecutable(b.resolve(t))))
                .max(Comparator.comparing(Path::toString));
        }
    }
}

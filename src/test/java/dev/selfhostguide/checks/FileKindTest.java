package dev.selfhostguide.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How doctor decides what a reader's file is when it is named the way operators name files. */
class FileKindTest {

    private static Optional<FileKind> kind(String name, String text) {
        return FileKind.detect(Path.of("some/dir", name), text);
    }

    @Test
    void aTemplateIsCheckedAsTheFileItBecomes() {
        assertEquals(Optional.of(FileKind.DOTENV), kind("stack.env.tpl", "A=1\n"));
        assertEquals(Optional.of(FileKind.DOTENV), kind("deploy.env.template", "A=1\n"));
        assertEquals(Optional.of(FileKind.NGINX), kind("default.conf.template", "server {\n  listen 80;\n}\n"));
        assertEquals(Optional.of(FileKind.COMPOSE), kind("docker-compose.yml.example", "services:\n  a:\n    image: x\n"));
        assertEquals(Optional.of(FileKind.LITELLM), kind("config.yaml.j2", "model_list: []\n"));
    }

    @Test
    void anNginxSiteFileWithoutAnExtensionIsFoundByItsBlockAndDirectives() {
        assertEquals(Optional.of(FileKind.NGINX), kind("guide.example.com", """
            server {
                listen 443 ssl;
                server_name guide.example.com;
                location / { proxy_pass http://127.0.0.1:3000; }
            }
            """));
        // A block alone, or a directive alone, is not enough to call a file nginx's.
        assertEquals(Optional.empty(), kind("notes", "server {\n  retries 3\n}\n"));
        assertEquals(Optional.empty(), kind("notes", "listen carefully\n"));
    }

    @Test
    void nginxsMainFileWithOnlyEventsAndAnIncludedHttpBlockIsNginx() {
        String main = "user nginx;\nevents {\n    worker_connections 1024;\n}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n";
        assertEquals(Optional.of(FileKind.NGINX), kind("nginx.conf", main));
        assertEquals(Optional.of(FileKind.NGINX), kind("proxy.conf", main));
        assertEquals(Optional.of(FileKind.NGINX), kind("nginx-main", main));
        // The name alone is enough: nginx.conf is nginx's main file even when nearly empty.
        assertEquals(Optional.of(FileKind.NGINX), kind("nginx.conf", "worker_processes auto;\n"));
        // An indented http block is something else's (a script's heredoc, a YAML value).
        assertEquals(Optional.empty(), kind("notes", "  http {\n  }\n"));
        assertEquals(Optional.of(FileKind.SHELL), kind("setup.sh", "cat <<EOF\nhttp {\n}\nEOF\n"));
    }

    @Test
    void aFileOfOnlyAssignmentsIsADotenvWhateverItsName() {
        assertEquals(Optional.of(FileKind.DOTENV), kind("env.template", "# API\nAPI_KEY=x\nexport PORT=8000\n\nHOST=\n"));
        assertEquals(Optional.of(FileKind.DOTENV), kind("settings", "A=1\nB=2\n"));
        // One assignment, a pip pin, or any other line: not sure, so doctor asks for --as.
        assertEquals(Optional.empty(), kind("settings", "A=1\n"));
        assertEquals(Optional.empty(), kind("requirements.txt", "agentops==0.4.0\nlitellm==1.0\n"));
        assertEquals(Optional.empty(), kind("Makefile", "CC=gcc\nall:\n\t$(CC) main.c\n"));
    }

    @Test
    void aNamedFileKeepsItsKind() {
        assertEquals(Optional.of(FileKind.DOTENV), kind(".env.production", "whatever"));
        assertEquals(Optional.of(FileKind.SHELL), kind("run.sh", "A=1\nB=2\n"));
        assertEquals(Optional.of(FileKind.YAML), kind("values.yaml", "a: 1\n"));
        assertEquals(Optional.empty(), kind("README", "Read me.\n"));
    }
}

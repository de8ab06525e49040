package dev.selfhostguide.checks;

import static dev.selfhostguide.checks.TestCatalogs.formatted;
import static dev.selfhostguide.checks.TestCatalogs.snippet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxCheckTest {

    @TempDir
    Path scratch;

    private final NginxCheck check = new NginxCheck();

    static final String GOOD = """
        server {
            listen 8003;
            server_name agentops.example.internal;
            location / {
                proxy_pass http://api:8000;
                proxy_set_header Host $http_host;
                proxy_set_header X-Forwarded-Host $http_host;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_set_header X-Forwarded-Proto $scheme;
            }
        }
        """;

    @BeforeEach
    void nginx() {
        Assumptions.assumeTrue(TestCatalogs.toolPresent("nginx"), "nginx is not installed: skipping");
    }

    private List<String> run(String text) {
        return formatted(check.check(snippet("nginx", Map.of(), text), TestCatalogs.context(scratch)));
    }

    @Test
    void appliesToNginx() {
        assertTrue(check.appliesTo(snippet("nginx", Map.of(), "")));
        assertFalse(check.appliesTo(snippet("conf", Map.of(), "")));
    }

    @Test
    void goodServerBlockPasses() {
        // "api" does not resolve here: the tested copy points it at 127.0.0.1
        assertEquals(List.of(), run(GOOD));
    }

    @Test
    void locationOnlyAndFullConfigsPass() {
        assertEquals(List.of(), run("location /health {\n    proxy_pass http://127.0.0.1:8003;\n}\n"));
        assertEquals(List.of(), run("worker_processes 1;\nevents {}\nhttp {\n  server { listen 8003; return 200 \"ok\"; }\n}\n"));
    }

    @Test
    void aDynamicModuleMissingOnThisMachineIsOneWarningWithoutTheScratchPath() {
        List<String> out = run("load_module modules/ngx_example_tracing_module.so;\nevents {}\nhttp {\n    include conf.d/*.conf;\n}\n");
        assertEquals(List.of("content/x.adoc:40: [nginx] warning: not fully checked here: module ngx_example_tracing_module.so is not"
            + " installed on this machine, so nginx -t stopped at its load_module line; install the module here to have the rest tested"),
            out);
    }

    @Test
    void noMessageNamesTheScratchFolder() {
        List<String> out = run("events {}\nhttp {\n    include /nonexistent-dir/site.conf;\n    server { listen 8003; ssl_certificate certs/site.pem; }\n}\n");
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("content/x.adoc:42: [nginx] nginx -t: open() \"/nonexistent-dir/site.conf\" failed"), out.get(0));
        List<String> relative = run("events {}\nhttp {\n    include sites/site.conf;\n}\n");
        assertEquals(1, relative.size(), relative.toString());
        assertTrue(relative.get(0).contains("open() \"sites/site.conf\" failed"), relative.get(0));
        assertFalse(relative.get(0).contains(scratch.toString()), relative.get(0));
    }

    @Test
    void errorsAtTheSnippetLine() {
        assertEquals(List.of("content/x.adoc:45: [nginx] nginx -t: unknown directive \"proxy_set_headr\""),
            run(GOOD.replace("proxy_set_header Host", "proxy_set_headr Host")));
        assertEquals(List.of("content/x.adoc:41: [nginx] nginx -t: invalid number of arguments in \"listen\" directive"),
            run("server {\n    listen;\n}\n"));
        List<String> eof = run("server {\n    listen 8003;\n");
        assertEquals(1, eof.size());
        assertTrue(eof.get(0).startsWith("content/x.adoc:4"), eof.get(0));
        assertTrue(eof.get(0).contains("unexpected end of file"), eof.get(0));
    }

    @Test
    void corpusFiles() {
        Assumptions.assumeTrue(TestCatalogs.corpusPresent(), "../shared/corpus not present: skipping corpus test");
        // valid upstream files pass: service-name upstreams, TLS with absent cert files, cache paths, log paths
        Snippet edge = Snippet.ofFile(Path.of("nginx/litellm-nginx.edge.conf"), "nginx", Map.of(),
            TestCatalogs.corpus("nginx/litellm-nginx.edge.conf"));
        assertEquals(List.of(), formatted(check.check(edge, TestCatalogs.context(scratch))));
        // mattermost's "http2 on;" needs nginx 1.25.1: a warning when the local nginx is older, never an error
        Snippet mm = Snippet.ofFile(Path.of("nginx/mattermost-default.conf"), "nginx", Map.of(),
            TestCatalogs.corpus("nginx/mattermost-default.conf"));
        List<String> mmOut = formatted(check.check(mm, TestCatalogs.context(scratch)));
        assertTrue(mmOut.stream().allMatch(l -> l.equals("nginx/mattermost-default.conf:30: [nginx] warning: not tested: \"http2\""
            + " is newer than this machine's nginx (nginx 1.25.1)")), String.join("\n", mmOut));
        // the known problem: $FLASK_SERVER_ADDR is an envsubst placeholder, not an nginx variable
        String template = "nginx/awesome-compose-nginx-wsgi-flask-default.conf";
        Snippet s = Snippet.ofFile(Path.of(template), "nginx", Map.of(), TestCatalogs.corpus(template));
        List<String> out = formatted(check.check(s, TestCatalogs.context(scratch)));
        int line = TestCatalogs.corpus(template).split("\n", -1).length;
        for (int i = 0; i < TestCatalogs.corpus(template).split("\n", -1).length; i++) {
            if (TestCatalogs.corpus(template).split("\n", -1)[i].contains("$FLASK_SERVER_ADDR")) {
                line = i + 1;
                break;
            }
        }
        assertEquals(List.of(template + ":" + line + ": [nginx] nginx -t: unknown \"flask_server_addr\" variable (nginx variable"
            + " names are lower case and built in or set by set/map; a $NAME meant for envsubst must be replaced before nginx reads"
            + " the file)"), out);
    }

    @Test
    void stockIncludesOfTheConfDirAreThereButOtherMissingIncludesStayErrors() {
        String site = "server {\n    listen 8003;\n    location ~ \\.php$ {\n        include fastcgi_params;\n"
            + "        fastcgi_pass 127.0.0.1:9000;\n    }\n    location /u {\n        include uwsgi_params;\n"
            + "        uwsgi_pass 127.0.0.1:9001;\n    }\n}\n";
        assertEquals(List.of(), run(site));
        assertEquals(List.of(), run("events {}\nhttp {\n    include mime.types;\n    include proxy_params;\n"
            + "    server { listen 8003; return 204; }\n}\n"));
        // a file of the reader's own is still missing, and still named
        List<String> own = run(site.replace("include uwsgi_params;", "include my_params;"));
        assertEquals(1, own.size(), own.toString());
        assertTrue(own.get(0).startsWith("content/x.adoc:47: [nginx] nginx -t: open() \"my_params\" failed"), own.get(0));
        // what the stock file is included into is still checked
        List<String> misplaced = run("events {}\ninclude fastcgi_params;\nhttp {}\n");
        assertEquals(1, misplaced.size(), misplaced.toString());
        assertTrue(misplaced.get(0).contains("\"fastcgi_param\" directive is not allowed here"), misplaced.get(0));
    }

    private List<String> runFile(String name, String text) {
        return formatted(check.check(Snippet.ofFile(Path.of(name), "nginx", Map.of(), text), TestCatalogs.context(scratch)));
    }

    @Test
    void envsubstPlaceholdersOfATemplateAreAWarningNotAnError() {
        String template = "server {\n    listen ${PORT};\n    server_name $SERVER_NAME;\n    location / {\n"
            + "        proxy_set_header Authorization \"Bearer ${API_KEY}\";\n        proxy_pass http://${BACKEND_HOST}:${BACKEND_PORT};\n"
            + "        proxy_set_header Host $host;\n    }\n}\n";
        assertEquals(List.of("site.conf.template:2: [nginx] warning: tested with stand-in values for $NAME/${NAME} on 4 line(s):"
            + " each is a placeholder envsubst fills in when the nginx image renders a *.template, not an nginx variable; make"
            + " sure the container's environment sets them, or envsubst leaves them for nginx to reject"),
            runFile("site.conf.template", template));
        // the rest of a template is still tested
        List<String> typo = runFile("site.conf.template", template.replace("proxy_set_header Host", "proxy_set_headr Host"));
        assertEquals(2, typo.size(), typo.toString());
        assertEquals("site.conf.template:7: [nginx] nginx -t: unknown directive \"proxy_set_headr\"", typo.get(1));
        // the same names in a plain .conf are nginx variables nginx does not know: an error at their line
        List<String> plain = runFile("site.conf", template);
        assertEquals(1, plain.size(), plain.toString());
        assertTrue(plain.get(0).startsWith("site.conf:2: [nginx] nginx -t: host not found in \"${PORT}\""), plain.get(0));
    }

    @Test
    void aStandInNginxRejectsIsAWarningAtItsLine() {
        List<String> out = runFile("limits.conf.template", "server {\n    listen 8003;\n    client_max_body_size ${MAX_BODY};\n}\n");
        assertEquals(2, out.size(), out.toString());
        assertTrue(out.get(1).startsWith("limits.conf.template:3: [nginx] warning: not fully checked here: nginx -t rejects"
            + " this line with a stand-in"), out.get(1));
    }

    @Test
    void missingNginxLeavesNoFindingOfItsOwn() {
        CheckContext noTools = new CheckContext(TestCatalogs.catalog(), List.of(), ShellSnippetCheckTest.emptyTools(), scratch);
        assertEquals(List.of(),
            formatted(check.check(snippet("nginx", Map.of(), GOOD), noTools)));
    }
}

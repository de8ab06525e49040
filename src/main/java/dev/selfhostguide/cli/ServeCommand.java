package dev.selfhostguide.cli;

import dev.selfhostguide.bake.ChangeWatcher;
import dev.selfhostguide.bundle.SiteFinish;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.pipeline.SiteRebuilds;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guide serve}: bake, serve the site locally, and rebuild what changed while you edit. */
@Command(name = "serve", sortOptions = false,
    description = "bake, preview the site on 127.0.0.1 and rebuild pages as they change",
    footer = {"", "Bakes the site into target/site as build does, serves it at http://127.0.0.1:8820/ and",
        "watches content/, templates/ and jbake.properties. A changed page is converted and",
        "rendered again on its own (so is every page that includes a changed file) with the",
        "Asciidoctor runtime kept warm, and every check and the parity gate still see the whole",
        "site; templates/, content/data/ or jbake.properties changes bake the whole site again.",
        "Open pages reload themselves after each rebuild.", "",
        "A rebuild with errors keeps the last good version of the site (or of the page); its",
        "problems are printed here and shown over every served page as file:line: [check] message.",
        "The reload script and the overlay are added to pages as they are served, never written",
        "to target/site.", "",
        "Stop with Ctrl+C. Exit codes: 0 stopped, 1 could not start, 2 usage error."})
final class ServeCommand extends Subcommand {

    static final int DEFAULT_PORT = 8820;
    static final String DEFAULT_BIND = "127.0.0.1";

    @Option(names = "--port", paramLabel = "N", defaultValue = "8820",
        description = "listen on port N (0 picks a free one; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = DEFAULT_BIND,
        description = {"listen on ADDR instead of 127.0.0.1; anything but a loopback address",
            "lets other machines read the preview, so it is warned about"})
    String bindAddress;

    @Option(names = "--no-checks", description = "skip the snippet checks (Asciidoctor, template and link errors still count)")
    boolean noChecks;

    /** The session this command started, once it has (tests stop it through this). */
    private final AtomicReference<Session> session = new AtomicReference<>();

    Session session() {
        return session.get();
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port needs a number from 0 to 65535");
        }
        Console console = console();
        InetAddress bind;
        try {
            bind = InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: unknown address " + bindAddress);
        }
        if (!bind.isLoopbackAddress()) {
            console.error("guide serve: warning: --bind " + bind.getHostAddress() + " is not a loopback address; "
                + "anyone who can reach this machine on port " + port + " can read the preview");
        }
        Environment env = env();
        Project project = Project.find(env.directory());
        Session started = new Session(project, new Pipeline(env.runtime().get(), env.tools(), failsOnMissingPrograms()),
            new SiteFinish(env.variables()), console, !noChecks);
        Thread hook = new Thread(started::close, "guide-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            session.set(started);
            started.start(new InetSocketAddress(bind, port));
            started.awaitClosed();
            return Main.OK;
        } finally {
            started.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already stopping: the hook is running
            }
        }
    }

    /** One serve: the warm rebuilder, the HTTP server and the watcher, until closed. */
    static final class Session implements AutoCloseable {

        private final Project project;
        private final Console console;
        private final SiteRebuilds bake;
        private final CountDownLatch ready = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile PreviewServer server;
        private volatile ChangeWatcher watcher;
        private volatile SiteRebuilds.Outcome last;

        Session(Project project, Pipeline pipeline, SiteFinish finish, Console console, boolean checks) {
            this.project = project;
            this.console = console;
            this.bake = new SiteRebuilds(project, pipeline, checks, finish, SiteRun.scans(project));
        }

        /**
         * Listens first (so a busy port fails at once), then bakes, then watches. Pages asked for
         * during the first bake get the previous site, or a not-found page that reloads itself.
         */
        void start(InetSocketAddress address) throws IOException {
            server = new PreviewServer(project.site(), address);
            server.start();
            console.info("baking " + project.show(project.content()) + " into " + project.show(project.site()) + " ...");
            SiteRebuilds.Outcome first = bake.full(page -> console.info("baked " + project.show(page)));
            report(first);
            watcher = ChangeWatcher.start(project, this::changed);
            console.summary("serving " + project.show(project.site()) + " at " + url()
                + "; watching content/, templates/ and jbake.properties (Ctrl+C stops)");
            ready.countDown();
        }

        String url() {
            InetSocketAddress a = server.address();
            // bound to every interface: this machine reaches it on loopback
            String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            return "http://" + host + ":" + a.getPort() + "/";
        }

        InetSocketAddress address() {
            return server.address();
        }

        SiteRebuilds.Outcome lastOutcome() {
            return last;
        }

        boolean awaitReady(long millis) throws InterruptedException {
            return ready.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        void awaitClosed() throws InterruptedException {
            closed.await();
        }

        private void changed(Set<Path> files) {
            console.info("changed: " + files.stream().map(project::show).collect(Collectors.joining(", ")));
            SiteRebuilds.Outcome outcome = bake.rebuild(files, page -> console.info("rebuilt " + project.show(page)));
            report(outcome);
        }

        private void report(SiteRebuilds.Outcome outcome) {
            last = outcome;
            console.findings(outcome.found(), project);
            List<Finding> open = outcome.outstanding();
            long openErrors = open.stream().filter(Finding::isError).count();
            String seconds = String.format("%.2f s", outcome.seconds());
            String line = switch (outcome.kind()) {
                case NOTHING -> null;
                case FULL -> outcome.failed()
                    ? "bake failed: " + errors(outcome.found()) + " in " + outcome.pages().size() + " pages; "
                        + (java.nio.file.Files.isDirectory(project.site()) ? "still serving the last good site"
                            : "nothing to serve until a bake passes") + " (" + seconds + ")"
                    : "baked " + outcome.pages().size() + " pages, " + outcome.snippets() + " snippets in " + seconds;
                case PAGES -> (outcome.failed() ? "rebuild failed: " + errors(outcome.found()) + " in " : "rebuilt ")
                    + describe(outcome.pages()) + (outcome.failed() ? "; still serving the last good version" : "")
                    + " (" + seconds + ")" + (!outcome.failed() && openErrors > 0 ? "; " + errors(open) + " still open" : "");
            };
            if (line != null) {
                console.summary(line);
            }
            if (server != null && outcome.kind() != SiteRebuilds.Kind.NOTHING) {
                List<String> lines = open.stream().map(f -> f.format(project.root())).toList();
                server.publish(openErrors > 0, lines);
            }
        }

        private String describe(List<Path> pages) {
            if (pages.size() <= 3) {
                return pages.stream().map(project::show).collect(Collectors.joining(", "));
            }
            return project.show(pages.get(0)) + " and " + (pages.size() - 1) + " more pages";
        }

        private static String errors(List<Finding> findings) {
            long n = findings.stream().filter(Finding::isError).count();
            return n + " problem" + (n == 1 ? "" : "s");
        }

        @Override
        public void close() {
            ChangeWatcher w = watcher;
            if (w != null) {
                w.close();
            }
            PreviewServer s = server;
            if (s != null) {
                s.close();
            }
            closed.countDown();
        }
    }
}

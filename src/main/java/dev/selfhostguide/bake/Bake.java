package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jbake.app.Asset;
import org.jbake.app.ContentStore;
import org.jbake.app.Crawler;
import org.jbake.app.Oven;
import org.jbake.app.Utensils;
import org.jbake.app.configuration.DefaultJBakeConfiguration;
import org.jbake.app.configuration.JBakeConfigurationFactory;
import org.jbake.parser.Engines;

/**
 * The one adapter to JBake and Asciidoctor: which files are pages, converting pages (on every
 * core, with our markup engine), and rendering them with the templates, either the whole site
 * through JBake's Oven or one page ({@link #pageRenderer}). Nothing else touches JBake.
 */
public final class Bake {

    /**
     * Pages as converted, what converting each one gave (Asciidoctor's warnings, a draft status), and
     * what went wrong with no page to name.
     */
    public record Conversion(Map<Path, ConvertedPage> pages, Map<Path, List<Finding>> pageFindings, List<Finding> findings) {

        public Conversion {
            pages = Map.copyOf(pages);
            pageFindings = Map.copyOf(pageFindings);
            findings = List.copyOf(findings);
        }
    }

    /**
     * A step over the baked site that must run before the link check, because it writes files the
     * pages load (the search index) or rewrites the pages (external-link marking).
     */
    @FunctionalInterface
    public interface Finish {
        Finish NONE = site -> { };

        void apply(Path site) throws IOException;

        /**
         * The same for a site of which only {@code pages} (HTML files of the site, rewritten or
         * deleted) changed since the last {@link #apply} or update; by default the whole site again.
         */
        default void update(Path site, Collection<Path> pages) throws IOException {
            apply(site);
        }
    }

    private static final List<String> ADOC = List.of("ad", "adoc", "asciidoc");

    /**
     * JBake keeps its markup engines and template model extractors in JVM-wide registries, which
     * a render fills with its own (our engine, with its run's conversions; guide_nav, with its
     * run's data). Renders hold this lock, so two runs in one JVM never render with each other's.
     */
    static final Object JBAKE_REGISTRIES = new Object();

    private final Project project;
    private final AsciidoctorRuntime runtime;
    private List<String> settings;

    public Bake(Project project, AsciidoctorRuntime runtime) {
        this.project = project;
        this.runtime = runtime;
    }

    public Project project() {
        return project;
    }

    /** Asciidoctor's settings from jbake.properties (asciidoctor.attributes), as JBake passes them. */
    public synchronized List<String> settings() {
        if (settings == null) {
            settings = List.copyOf(configuration(project.target().resolve("unused"), false).getAsciidoctorAttributes());
        }
        return settings;
    }

    /** Templates that do not even parse, each at its file and line. */
    public List<Finding> templateErrors() {
        return TemplateErrors.parseAll(project);
    }

    /**
     * Converts {@code pages} on as many threads as there are cores, the first one alone (it loads
     * the converter and the extensions). {@code reuse} may answer a page with an earlier
     * conversion that converting again would give unchanged. A page that cannot be converted is
     * left out with a finding. A page left in draft is a finding too.
     */
    public Conversion convert(Collection<Path> pages, Catalog catalog, Function<Path, ConvertedPage> reuse) {
        return convert(pages, catalog, reuse, page -> List.of());
    }

    /**
     * The same, where {@code reused} gives what converting a reused page gave when it was
     * converted, so a run that reuses pages finds what converting them all would.
     */
    public Conversion convert(Collection<Path> pages, Catalog catalog, Function<Path, ConvertedPage> reuse,
                              Function<Path, List<Finding>> reused) {
        Diagnostics diagnostics = runtime.newRun(catalog);
        PageConverter converter = new PageConverter(runtime.asciidoctor(), project.content());
        List<String> settings = settings();
        Map<String, String> attributes = catalog.attributes();
        Map<Path, ConvertedPage> converted = new ConcurrentHashMap<>();
        List<Finding> findings = new ArrayList<>();
        List<Path> toConvert = new ArrayList<>();
        for (Path page : pages) {
            ConvertedPage earlier = reuse.apply(page);
            if (earlier != null) {
                converted.put(page, earlier);
            } else {
                toConvert.add(page);
            }
        }
        Consumer<Path> one = page -> {
            diagnostics.enter(page);
            try {
                converted.put(page, converter.convert(page, converter.load(page, settings, attributes)));
            } catch (RuntimeException e) {
                diagnostics.add(new Finding(page, 0, Diagnostics.ID, Finding.Severity.ERROR,
                    "cannot convert this page: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            } finally {
                diagnostics.leave();
            }
        };
        if (!toConvert.isEmpty()) {
            one.accept(toConvert.get(0));
        }
        if (toConvert.size() > 1) {
            int threads = Math.max(1, Math.min(toConvert.size() - 1, Runtime.getRuntime().availableProcessors()));
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread thread = new Thread(r, "guide-convert");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<?>> running = new ArrayList<>();
                for (Path page : toConvert.subList(1, toConvert.size())) {
                    running.add(pool.submit(() -> one.accept(page)));
                }
                for (Future<?> future : running) {
                    future.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                findings.add(new Finding(project.content(), 0, Diagnostics.ID, Finding.Severity.ERROR,
                    "converting the pages failed: " + e.getCause()));
            } finally {
                pool.shutdown();
            }
        }
        Map<Path, List<Finding>> pageFindings = new java.util.HashMap<>();
        java.util.Set<Path> fresh = new java.util.HashSet<>(toConvert);
        for (Path page : pages) {
            List<Finding> of = new ArrayList<>(fresh.contains(page) ? diagnostics.findingsOf(page) : reused.apply(page));
            ConvertedPage done = converted.get(page);
            if (done != null && fresh.contains(page)) {
                GuideMarkupEngine.leftInDraft(page, done.header()).ifPresent(of::add);
            }
            pageFindings.put(page, List.copyOf(of));
        }
        return new Conversion(converted, pageFindings, findings);
    }

    /**
     * Renders the whole site into {@code staging}, a new empty folder (see SiteOutput.staging),
     * with JBake's Oven: our markup engine hands it the {@code converted} pages (a page missing
     * there is converted on JBake's crawler thread, which reports what Asciidoctor says), the
     * templates see {@code guide_nav}, and the example files are copied beside the pages.
     */
    public List<Finding> render(Path staging, Catalog catalog, Map<Path, ConvertedPage> converted) {
        List<Finding> findings = new ArrayList<>();
        Diagnostics diagnostics = runtime.newRun(catalog);
        List<Path> rendered = new ArrayList<>();
        try {
            Files.createDirectories(staging);
            DefaultJBakeConfiguration config = configuration(staging, true);
            GuideMarkupEngine engine = new GuideMarkupEngine(new PageConverter(runtime.asciidoctor(), project.content()),
                diagnostics, page -> rendered.add(page.source()), converted::get);
            synchronized (JBAKE_REGISTRIES) {
                registerEngine(engine);
                Oven oven = new Oven(utensils(config, new TemplateData(catalog)));
                oven.bake();
                for (Throwable error : oven.getErrors()) {
                    findings.add(TemplateErrors.toFinding(error, project));
                }
            }
            findings.addAll(copyExamples(staging, catalog));
            for (Path page : rendered) {
                String relative = project.content().relativize(page).toString().replaceAll("\\.[^.]+$", ".html");
                if (!Files.isRegularFile(staging.resolve(relative))) {
                    findings.add(new Finding(page, 0, "bake", Finding.Severity.ERROR,
                        "the bake wrote no " + relative + " for this page; the template failed for it"));
                }
            }
        } catch (RuntimeException e) {
            findings.add(TemplateErrors.toFinding(e, project));
        } catch (IOException e) {
            findings.add(new Finding(staging, 0, "bake", Finding.Severity.ERROR, "cannot write the site: " + e.getMessage()));
        }
        findings.addAll(diagnostics.findings());
        return findings;
    }

    /** Renders single pages into {@code site} as the Oven renders them there (see {@link PageRenderer}). */
    public PageRenderer pageRenderer(Path site, Catalog catalog) {
        return new PageRenderer(project, configuration(site, false), catalog,
            new PageConverter(runtime.asciidoctor(), project.content()), runtime.newRun(catalog));
    }

    /** JBake registers its own engines on first use; ours replace them after. */
    private static void registerEngine(GuideMarkupEngine engine) {
        Engines.get("adoc");
        for (String extension : ADOC) {
            Engines.register(extension, engine);
        }
    }

    /** Every page JBake would crawl: .adoc files outside folders marked with .jbakeignore. */
    public List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        collect(project.content(), pages);
        pages.sort(Comparator.naturalOrder());
        return pages;
    }

    private static final java.util.regex.Pattern PAGE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    /**
     * Why {@code page}'s path under content/ cannot be a page's name, if it cannot: JBake writes a
     * name with a space or a non-ASCII letter percent-encoded ({@code my%20page.html}), so its
     * HTML is not where links and the bake look for it. Only ASCII letters, digits, '-', '_' and
     * '.' are safe; the Korean edition is a folder (content/ko/), not Korean file names.
     */
    public java.util.Optional<String> nameProblem(Path page) {
        Path relative = project.content().toAbsolutePath().normalize().relativize(page.toAbsolutePath().normalize());
        for (Path part : relative) {
            String name = part.toString();
            if (PAGE_NAME.matcher(name).matches()) {
                continue;
            }
            int bad = name.codePoints().filter(c -> !(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')))
                .findFirst().orElse('.');
            String what = bad == ' ' ? "a space" : bad > 127 ? "the non-ASCII letter '" + Character.toString(bad) + "'"
                : "'" + Character.toString(bad) + "'";
            String suggestion = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+", "");
            return java.util.Optional.of("'" + relative + "' has " + what + " in its name; a page's path may hold only ASCII"
                + " letters, digits, '-', '_' and '.', because JBake writes any other name percent-encoded and links to it"
                + " break" + (suggestion.matches(".*[A-Za-z0-9].*\\.[a-z]+") && !suggestion.equals(name)
                    ? " (rename it, e.g. to " + suggestion + ")" : ""));
        }
        return java.util.Optional.empty();
    }

    /** Whether {@code file} is a page JBake would crawl (by its name; see {@link #pages}). */
    public static boolean isPage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && ADOC.contains(name.substring(dot + 1));
    }

    private static void collect(Path dir, List<Path> pages) {
        if (Files.exists(dir.resolve(".jbakeignore"))) {
            return;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                if (Files.isDirectory(p)) {
                    collect(p, pages);
                } else if (isPage(p)) {
                    pages.add(p.toAbsolutePath().normalize());
                }
            }
        } catch (IOException e) {
            // an unreadable folder has no pages we can bake; JBake reports it when it crawls
        }
    }

    private DefaultJBakeConfiguration configuration(Path destination, boolean clearCache) {
        return new JBakeConfigurationFactory()
            .createDefaultJbakeConfiguration(project.root().toFile(), destination.toFile(), clearCache);
    }

    private static Utensils utensils(DefaultJBakeConfiguration config, TemplateData nav) {
        Utensils utensils = new Utensils();
        utensils.setConfiguration(config);
        ContentStore store = new MemoizingContentStore(config.getDatabaseStore(), config.getDatabasePath());
        utensils.setContentStore(store);
        utensils.setCrawler(new Crawler(store, config));
        utensils.setRenderer(new GuideRenderer(store, config, nav));
        utensils.setAsset(new Asset(config));
        return utensils;
    }

    /**
     * Copies the examples a page includes or links, or content/data/downloads.yml lists, into the
     * site's examples/ (see Publication); returns the list's problems.
     */
    public List<Finding> copyExamples(Path staging, Catalog catalog) throws IOException {
        Path examples = project.examples();
        if (!Files.isDirectory(examples)) {
            return List.of();
        }
        Publication publication = Publication.of(project, catalog);
        try (Stream<Path> walk = Files.walk(examples)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (file.getFileName().toString().equals(".jbakeignore") || !publication.publishes(file)) {
                    continue;
                }
                Path to = staging.resolve("examples").resolve(examples.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        return publication.problems();
    }
}

package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.ContentException;
import dev.selfhostguide.content.ContentScan;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.PageOutline;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
 * The bake: content and templates in, a site folder plus every snippet out. JBake's Oven crawls
 * and renders; our markup engine converts each page once and collects its snippets as it goes.
 * The site is written to a staging folder that the caller publishes only if nothing failed.
 */
public final class Bake {

    /** What a bake (or a survey, which writes no site) produced. */
    public record Result(Path site, Catalog catalog, List<PageOutline> pages, List<Snippet> snippets,
                         List<Finding> findings) {

        public boolean failed() {
            return findings.stream().anyMatch(Finding::isError);
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
        default void update(Path site, java.util.Collection<Path> pages) throws IOException {
            apply(site);
        }
    }

    private static final List<String> ADOC = List.of("ad", "adoc", "asciidoc");

    private final Project project;
    private final AsciidoctorRuntime runtime;
    private LinkCheck links;
    private Reuse reuse = (page, settings, attributes) -> null;
    private Map<Path, PageConverter.Converted> conversions = Map.of();

    /**
     * A page converted by an earlier bake that converting again would give unchanged (the page and
     * what it includes are the same, and so are these Asciidoctor settings and data attributes),
     * or {@code null}.
     */
    @FunctionalInterface
    interface Reuse {
        PageConverter.Converted converted(Path page, List<String> settings, Map<String, String> attributes);
    }

    public Bake(Project project, AsciidoctorRuntime runtime) {
        this.project = project;
        this.runtime = runtime;
    }

    /** Bakes the whole site into {@code staging}, a new empty folder (see SiteOutput.staging). */
    public Result bake(Path staging, Consumer<Path> progress) {
        return bake(staging, progress, Finish.NONE);
    }

    /** Bakes the whole site into {@code staging}, then runs {@code finish} over it before the link check. */
    public Result bake(Path staging, Consumer<Path> progress, Finish finish) {
        List<Finding> findings = new ArrayList<>();
        Catalog catalog = loadCatalog(findings);
        if (catalog == null) {
            return new Result(staging, null, List.of(), List.of(), findings);
        }
        findings.addAll(TemplateErrors.parseAll(project));
        if (!findings.isEmpty()) {
            return new Result(staging, catalog, List.of(), List.of(), findings);
        }
        runtime.useCatalog(catalog);
        Diagnostics diagnostics = runtime.diagnostics();
        diagnostics.clear();
        List<PageOutline> pages = new CopyOnWriteArrayList<>();
        List<Snippet> snippets = new CopyOnWriteArrayList<>();
        Map<String, String> attributes = catalog.attributes();
        PageConverter converter = new PageConverter(runtime.asciidoctor(), project.content());
        try {
            Files.createDirectories(staging);
            DefaultJBakeConfiguration config = new JBakeConfigurationFactory()
                .createDefaultJbakeConfiguration(project.root().toFile(), staging.toFile(), true);
            // JBake's crawler converts one page at a time; converting them all first, on every
            // core, leaves it only the model and the database to fill.
            List<String> settings = config.getAsciidoctorAttributes();
            Map<Path, PageConverter.Converted> converted = new java.util.concurrent.ConcurrentHashMap<>();
            List<Path> toConvert = new ArrayList<>();
            for (Path page : pages()) {
                PageConverter.Converted earlier = reuse.converted(page, settings, attributes);
                if (earlier != null) {
                    converted.put(page, earlier);
                } else {
                    toConvert.add(page);
                }
            }
            converted.putAll(convertAll(toConvert, converter, settings, attributes, findings));
            conversions = converted;
            GuideMarkupEngine engine = new GuideMarkupEngine(converter, diagnostics, () -> attributes, page -> {
                pages.add(page.outline());
                snippets.addAll(page.snippets());
                progress.accept(page.outline().source());
            }, converted::get);
            Engines.get("adoc");             // JBake registers its own engines on first use; replace them after
            for (String extension : ADOC) {
                Engines.register(extension, engine);
            }
            Oven oven = new Oven(utensils(config, new TemplateData(catalog)));
            oven.bake();
            for (Throwable error : oven.getErrors()) {
                findings.add(TemplateErrors.toFinding(error, project));
            }
            copyExamples(staging);
            for (PageOutline page : pages) {
                String relative = project.content().relativize(page.source()).toString().replaceAll("\\.[^.]+$", ".html");
                if (!Files.isRegularFile(staging.resolve(relative))) {
                    findings.add(new Finding(page.source(), 0, "bake", Finding.Severity.ERROR,
                        "the bake wrote no " + relative + " for this page; the template failed for it"));
                }
            }
            if (oven.getErrors().isEmpty()) {
                finish.apply(staging);
            }
        } catch (RuntimeException e) {
            findings.add(TemplateErrors.toFinding(e, project));
        } catch (IOException e) {
            findings.add(new Finding(staging, 0, "bake", Finding.Severity.ERROR, "cannot write the site: " + e.getMessage()));
        }
        findings.addAll(diagnostics.findings());
        if (findings.stream().noneMatch(Finding::isError)) {
            links = new LinkCheck(project, staging);
            findings.addAll(links.run());
            findings.addAll(new RenderedTextCheck(project, catalog.attributes()).run(staging));
        }
        return new Result(staging, catalog, sorted(pages), inPageOrder(snippets), findings);
    }

    /** The next bake takes the pages {@code reuse} knows as converted instead of converting them. */
    Bake reusing(Reuse reuse) {
        this.reuse = reuse;
        return this;
    }

    /** Every page the last bake converted or reused. */
    Map<Path, PageConverter.Converted> conversions() {
        return conversions;
    }

    /** The link check of the last bake, with its tables, or {@code null} if it did not get that far. */
    LinkCheck links() {
        return links;
    }

    /** Converts every page without JBake and without writing anything: what {@code guide check} needs. */
    public Result survey(List<Path> only, Consumer<Path> progress) {
        List<Finding> findings = new ArrayList<>();
        Catalog catalog = loadCatalog(findings);
        if (catalog == null) {
            return new Result(null, null, List.of(), List.of(), findings);
        }
        runtime.useCatalog(catalog);
        Diagnostics diagnostics = runtime.diagnostics();
        diagnostics.clear();
        Map<String, String> attributes = catalog.attributes();
        List<String> settings = asciidoctorSettings();
        PageConverter converter = new PageConverter(runtime.asciidoctor(), project.content());
        List<PageOutline> pages = new ArrayList<>();
        List<Snippet> snippets = new ArrayList<>();
        List<Path> toConvert = only.isEmpty() ? pages() : only;
        Map<Path, PageConverter.Converted> converted = convertAll(toConvert, converter, settings, attributes, findings);
        for (Path page : toConvert) {
            PageConverter.Converted one = converted.get(page);
            if (one == null) {
                continue;
            }
            pages.add(new PageOutline(page, one.title(), one.sections()));
            snippets.addAll(one.snippets());
            GuideMarkupEngine.leftInDraft(page, one.header()).ifPresent(diagnostics::add);
            progress.accept(page);
        }
        findings.addAll(diagnostics.findings());
        return new Result(null, catalog, pages, inPageOrder(snippets), findings);
    }

    /**
     * Converts pages on as many threads as there are cores, the first one alone: it loads rouge's
     * lexers and the converter, which are not safe to load from two threads at once. A page that
     * cannot be converted is left out with a finding; JBake's crawler converts it again and
     * reports what Asciidoctor says.
     */
    private Map<Path, PageConverter.Converted> convertAll(List<Path> pages, PageConverter converter, List<String> settings,
                                                         Map<String, String> attributes, List<Finding> findings) {
        Map<Path, PageConverter.Converted> converted = new java.util.concurrent.ConcurrentHashMap<>();
        Diagnostics diagnostics = runtime.diagnostics();
        java.util.function.Consumer<Path> one = page -> {
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
        if (pages.isEmpty()) {
            return converted;
        }
        one.accept(pages.get(0));
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "guide-convert");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (Path page : pages.subList(1, pages.size())) {
                running.add(pool.submit(() -> one.accept(page)));
            }
            for (java.util.concurrent.Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            findings.add(new Finding(project.content(), 0, Diagnostics.ID, Finding.Severity.ERROR,
                "converting the pages failed: " + e.getCause()));
        } finally {
            pool.shutdown();
        }
        return converted;
    }

    /** Every page JBake would crawl: .adoc files outside folders marked with .jbakeignore. */
    public List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        collect(project.content(), pages);
        pages.sort(Comparator.naturalOrder());
        return pages;
    }

    private static void collect(Path dir, List<Path> pages) {
        if (Files.exists(dir.resolve(".jbakeignore"))) {
            return;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                if (Files.isDirectory(p)) {
                    collect(p, pages);
                } else {
                    String name = p.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    if (dot > 0 && ADOC.contains(name.substring(dot + 1))) {
                        pages.add(p.toAbsolutePath().normalize());
                    }
                }
            }
        } catch (IOException e) {
            // an unreadable folder has no pages we can bake; JBake reports it when it crawls
        }
    }

    private List<String> asciidoctorSettings() {
        DefaultJBakeConfiguration config = new JBakeConfigurationFactory()
            .createDefaultJbakeConfiguration(project.root().toFile(), project.target().resolve("unused").toFile(), false);
        return config.getAsciidoctorAttributes();
    }

    private Catalog loadCatalog(List<Finding> findings) {
        for (ContentScan.Problem problem : ContentScan.scan(project.content())) {
            findings.add(new Finding(problem.file(), problem.line(), "content", Finding.Severity.ERROR, problem.message()));
        }
        if (!findings.isEmpty()) {
            return null;                       // nothing is converted from files that are not sound
        }
        try {
            Catalog catalog = Catalog.load(project.data());
            catalog.attributes();              // type errors in the data surface here, once
            return catalog;
        } catch (ContentException e) {
            findings.add(new Finding(e.file(), e.line(), "data", Finding.Severity.ERROR, e.getMessage()));
            return null;
        }
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

    private void copyExamples(Path staging) throws IOException {
        Path examples = project.examples();
        if (!Files.isDirectory(examples)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(examples)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (file.getFileName().toString().equals(".jbakeignore")) {
                    continue;
                }
                Path to = staging.resolve("examples").resolve(examples.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
    }

    private static List<PageOutline> sorted(List<PageOutline> pages) {
        List<PageOutline> result = new ArrayList<>(pages);
        result.sort(Comparator.comparing(p -> p.source().toString()));
        return result;
    }

    /**
     * Snippets grouped by page, pages in path order. The sort is stable, so each page keeps its
     * blocks in document order, which the parity gate between editions relies on.
     */
    private static List<Snippet> inPageOrder(List<Snippet> snippets) {
        List<Snippet> result = new ArrayList<>(snippets);
        result.sort(Comparator.comparing((Snippet s) -> s.page().toString()));
        return result;
    }
}

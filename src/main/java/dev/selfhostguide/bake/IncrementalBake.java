package dev.selfhostguide.bake;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jbake.app.FileUtil;
import org.jbake.app.configuration.DefaultJBakeConfiguration;
import org.jbake.app.configuration.JBakeConfigurationFactory;
import org.jbake.model.DocumentModel;
import org.jbake.model.DocumentTypes;
import org.jbake.template.DelegatingTemplateEngine;
import org.jbake.template.ModelExtractors;
import org.jbake.template.model.TemplateModel;
import org.jbake.util.HtmlUtil;

/**
 * Keeps a baked site up to date while its sources change, with the process's one warm
 * Asciidoctor runtime. The first bake, and any change to templates/, content/data/ or
 * jbake.properties, is a full bake (a new Oven, as {@code guide build} does) published only when it
 * passed. A changed page, or a changed file some pages include, re-converts and re-renders just
 * those pages: the same markup engine and attributes as the bake, the model fields JBake's crawler
 * sets, and JBake's FreeMarker engine with the same {@code guide_nav}. A page with errors keeps
 * its last good HTML; its problems stay listed until it is fixed.
 *
 * <p>Not thread-safe on purpose: one rebuild at a time (the methods are synchronized).
 */
public final class IncrementalBake {

    /** Runs the snippet checks; {@code null} findings are not allowed. */
    @FunctionalInterface
    public interface Checker {
        List<Finding> check(List<Snippet> snippets, Catalog catalog);
    }

    /** What kind of rebuild ran. */
    public enum Kind { FULL, PAGES, NOTHING }

    /**
     * One rebuild: which pages it converted, whether it changed the published site, what it
     * found, and every problem still open in the site (what a preview must show).
     */
    public record Outcome(Kind kind, List<Path> pages, boolean published, List<Finding> found,
                          List<Finding> outstanding, int snippets, long nanos) {

        public boolean failed() {
            return found.stream().anyMatch(Finding::isError);
        }

        public double seconds() {
            return nanos / 1e9;
        }
    }

    /** Findings of these checks concern the site as a whole; only a full bake can clear them. */
    private static final Set<String> SITE_WIDE = Set.of("template", "data", "bake", LinkCheck.ID);
    private static final List<String> ADOC = List.of("ad", "adoc", "asciidoc");

    private final Project project;
    private final AsciidoctorRuntime runtime;
    private final Checker checker;
    private final Bake.Finish finish;
    private final Path site;

    private boolean needsFull = true;
    private Catalog catalog;
    private DefaultJBakeConfiguration config;
    private DelegatingTemplateEngine templates;
    private IncludeGraph graph;
    private LinkCheck links;
    /** Pages the last full bake converted without a finding, as it converted them. */
    private final Map<Path, Cached> conversions = new java.util.HashMap<>();
    private List<String> settings = List.of();
    /** What the checker said about the last published full bake's snippets. */
    private List<Snippet> checkedSnippets = List.of();
    private List<Finding> checkFindings = List.of();
    private Map<String, String> checkedAttributes = Map.of();

    /** A conversion, and the size and time of the page and each file it includes when it was kept. */
    private record Cached(PageConverter.Converted converted, Map<String, String> attributes, Map<Path, List<Long>> stamps) { }
    private final List<Finding> siteFindings = new ArrayList<>();
    private final Map<Path, List<Finding>> pageFindings = new TreeMap<>();
    private final List<Finding> linkFindings = new ArrayList<>();

    /**
     * @param checker the snippet checks to run on what each rebuild converted, or {@code null} for none
     */
    public IncrementalBake(Project project, AsciidoctorRuntime runtime, Checker checker) {
        this(project, runtime, checker, Bake.Finish.NONE);
    }

    /**
     * @param finish what the site gets after the bake (the search index, external-link marking):
     *               run after every full bake, and again after a page is rebuilt on its own
     */
    public IncrementalBake(Project project, AsciidoctorRuntime runtime, Checker checker, Bake.Finish finish) {
        this.finish = finish;
        this.project = project;
        this.runtime = runtime;
        this.checker = checker;
        this.site = project.site();
    }

    public Path site() {
        return site;
    }

    /** Every problem of the site as it is served now, in file and line order. */
    public synchronized List<Finding> outstanding() {
        List<Finding> all = new ArrayList<>(siteFindings);
        pageFindings.values().forEach(all::addAll);
        all.addAll(linkFindings);
        all.sort(Comparator.comparing((Finding f) -> f.file().toString()).thenComparingInt(Finding::line)
            .thenComparing(Finding::check).thenComparing(Finding::message));
        return List.copyOf(all);
    }

    /** A full bake with a new Oven into a staging folder, published over the site when it passed. */
    public synchronized Outcome full(Consumer<Path> progress) {
        conversions.clear();
        return full(progress, false);
    }

    /**
     * @param reuse whether pages whose source, includes, Asciidoctor settings and data are as the
     *              last full bake converted them keep that conversion (a template changed)
     */
    private Outcome full(Consumer<Path> progress, boolean reuse) {
        long start = System.nanoTime();
        Path staging = null;
        boolean published = false;
        try {
            staging = SiteOutput.staging(site);
            Bake bake = new Bake(project, runtime);
            if (reuse) {
                bake.reusing(this::reusable);
            }
            Bake.Result baked = bake.bake(staging, progress, finish);
            List<Finding> found = new ArrayList<>(baked.findings());
            List<Finding> checked = List.of();
            if (checker != null && baked.catalog() != null) {
                // The same snippets with the same data get the same verdicts: a template edit
                // that changed no page's conversion does not run the checks again.
                boolean same = reuse && baked.snippets().equals(checkedSnippets)
                    && baked.catalog().attributes().equals(checkedAttributes);
                checked = same ? checkFindings : checker.check(baked.snippets(), baked.catalog());
                found.addAll(checked);
            }
            siteFindings.clear();
            pageFindings.clear();
            linkFindings.clear();
            boolean failed = found.stream().anyMatch(Finding::isError);
            if (failed) {
                needsFull = true;               // the site on disk is older than these sources
                siteFindings.addAll(found);
            } else {
                SiteOutput.publish(staging, site);
                published = true;
                adopt(bake, baked);
                checkedSnippets = baked.snippets();
                checkedAttributes = baked.catalog().attributes();
                checkFindings = List.copyOf(checked);
                for (Finding f : found) {
                    (LinkCheck.ID.equals(f.check()) ? linkFindings : siteFindings).add(f);
                }
            }
            List<Path> pages = baked.pages().stream().map(dev.selfhostguide.snippets.PageOutline::source).toList();
            return new Outcome(Kind.FULL, pages, published, List.copyOf(found), outstanding(),
                baked.snippets().size(), System.nanoTime() - start);
        } catch (IOException e) {
            needsFull = true;
            Finding f = new Finding(site, 0, "bake", Finding.Severity.ERROR, "cannot write the site: " + e.getMessage());
            siteFindings.add(f);
            return new Outcome(Kind.FULL, List.of(), false, List.of(f), outstanding(), 0, System.nanoTime() - start);
        } finally {
            if (!published) {
                SiteOutput.delete(staging);
            }
        }
    }

    /**
     * Brings the site up to date after {@code changed} files (added, modified or deleted) changed:
     * only the affected pages where that is enough, else a full bake.
     */
    public synchronized Outcome rebuild(Collection<Path> changed, Consumer<Path> progress) {
        long start = System.nanoTime();
        if (needsFull) {
            return full(progress);
        }
        Set<Path> pages = new TreeSet<>();
        Set<Path> removed = new TreeSet<>();
        Set<Path> files = new TreeSet<>();
        Change full = null;
        for (Path raw : changed) {
            Path file = raw.toAbsolutePath().normalize();
            files.add(file);
            conversions.remove(file);
            graph.pagesIncluding(file).forEach(conversions::remove);
        }
        for (Path file : files) {
            Change change = classify(file);
            switch (change) {
                case FULL, TEMPLATE -> full = full == Change.FULL ? full : change;
                case PAGE -> {
                    if (Files.isRegularFile(file)) {
                        pages.add(file);
                    } else {
                        removed.add(file);
                    }
                }
                case EXAMPLE -> syncExample(file);
                case IGNORED -> { }
            }
            for (Path page : graph.pagesIncluding(file)) {
                if (Files.isRegularFile(page)) {
                    pages.add(page);
                }
            }
        }
        if (full != null) {
            // Templates and jbake.properties do not change what a page converts to (unless they
            // change Asciidoctor's settings, which reusable() compares); data and content do.
            return full(progress, full == Change.TEMPLATE);
        }
        if (pages.isEmpty() && removed.isEmpty()) {
            return new Outcome(Kind.NOTHING, List.of(), false, List.of(), outstanding(), 0, System.nanoTime() - start);
        }
        return rebuildPages(pages, removed, files, progress, start);
    }

    private enum Change { FULL, TEMPLATE, PAGE, EXAMPLE, IGNORED }

    private Change classify(Path file) {
        if (file.equals(project.root().resolve("jbake.properties")) || file.startsWith(project.templates())) {
            return Change.TEMPLATE;
        }
        if (file.startsWith(project.data())) {
            return Change.FULL;
        }
        if (!file.startsWith(project.content())) {
            return Change.IGNORED;
        }
        String name = file.getFileName().toString();
        if (name.equals(".jbakeignore")) {
            return Change.FULL;                 // what is a page has changed
        }
        if (isAdoc(name)) {
            return ignoredFolder(file) ? Change.IGNORED : Change.PAGE;   // a partial: only its includers
        }
        if (file.startsWith(project.examples())) {
            return Change.EXAMPLE;
        }
        if (Files.isDirectory(file) || (!Files.exists(file) && !graph.pagesIncluding(file).isEmpty())) {
            return Change.IGNORED;              // a new folder's files arrive as their own changes
        }
        if (!graph.pagesIncluding(file).isEmpty() && ignoredFolder(file)) {
            return Change.IGNORED;              // an included file in an ignored folder: its includers
        }
        return Change.FULL;                     // another file JBake copies out of content/
    }

    private boolean ignoredFolder(Path file) {
        for (Path dir = file.getParent(); dir != null && dir.startsWith(project.content()); dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".jbakeignore"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAdoc(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && ADOC.contains(name.substring(dot + 1));
    }

    private Outcome rebuildPages(Set<Path> pages, Set<Path> removed, Set<Path> changed, Consumer<Path> progress,
                                 long start) {
        runtime.useCatalog(catalog);
        ModelExtractors.getInstance().registerEngine(TemplateData.KEY, new TemplateData(catalog));
        Diagnostics diagnostics = runtime.diagnostics();
        PageConverter converter = new PageConverter(runtime.asciidoctor(), project.content());
        Map<String, String> attributes = catalog.attributes();
        List<Finding> found = new ArrayList<>();
        boolean published = false;
        int snippetCount = 0;
        Set<Path> touched = new HashSet<>(changed);
        for (Path page : removed) {
            touched.addAll(graph.includes(page));
            graph.remove(page);
            pageFindings.remove(page);
            try {
                published |= Files.deleteIfExists(site.resolve(uri(page)));
            } catch (IOException e) {
                found.add(new Finding(page, 0, "bake", Finding.Severity.ERROR, "cannot remove its page: " + e.getMessage()));
            }
        }
        for (Path page : pages) {
            List<Finding> pageFound = new ArrayList<>();
            List<Snippet> snippets = new ArrayList<>();
            String uri = uri(page);
            String html = null;
            diagnostics.clear();
            GuideMarkupEngine engine = new GuideMarkupEngine(converter, diagnostics, () -> attributes,
                result -> snippets.addAll(result.snippets()));
            DocumentModel model = null;
            try {
                model = engine.parse(config, page.toFile());
            } catch (RuntimeException e) {
                pageFound.add(new Finding(page, 0, Diagnostics.ID, Finding.Severity.ERROR,
                    "cannot convert the page: " + firstLine(e)));
            }
            pageFound.addAll(diagnostics.findings());
            diagnostics.clear();
            if (model != null && DocumentTypes.contains(model.getType())) {
                try {
                    complete(model, page, uri);
                    html = render(model);
                } catch (Exception e) {
                    // The templates passed the last full bake, so this one needs what only a full
                    // bake gives (JBake's store, say): do one, which also reports a real error.
                    return full(progress);
                }
            }
            graph.scan(page, attributes);
            touched.add(page);
            touched.addAll(graph.includes(page));
            snippetCount += snippets.size();
            if (checker != null) {
                pageFound.addAll(checker.check(snippets, catalog));
            }
            if (html != null && pageFound.stream().noneMatch(Finding::isError)) {
                try {
                    writeAtomically(site.resolve(uri), html.getBytes(Charset.forName(config.getRenderEncoding())));
                    published = true;
                    pageFound.addAll(new RenderedTextCheck(project, catalog.attributes()).check(site, List.of(site.resolve(uri))));
                } catch (IOException e) {
                    pageFound.add(new Finding(page, 0, "bake", Finding.Severity.ERROR, "cannot write " + uri + ": " + e.getMessage()));
                }
            }
            if (pageFound.isEmpty()) {
                pageFindings.remove(page);
            } else {
                pageFindings.put(page, List.copyOf(pageFound));
            }
            found.addAll(pageFound);
            progress.accept(page);
        }
        // What the last full bake said about these files is superseded by this rebuild.
        siteFindings.removeIf(f -> !SITE_WIDE.contains(f.check()) && touched.contains(f.file().toAbsolutePath().normalize()));
        List<Finding> linksBefore = List.copyOf(linkFindings);
        linkFindings.clear();
        if (Files.isDirectory(site)) {
            List<Path> html = new ArrayList<>();
            for (Path page : pages) {
                html.add(site.resolve(uri(page)));
            }
            for (Path page : removed) {
                html.add(site.resolve(uri(page)));
            }
            try {
                finish.update(site, html);      // the search index must know the rebuilt pages' text
            } catch (IOException e) {
                found.add(new Finding(site, 0, "bake", Finding.Severity.ERROR, "cannot finish the site: " + e.getMessage()));
            }
            if (links == null) {
                links = new LinkCheck(project, site);
                linkFindings.addAll(links.run());
            } else {
                linkFindings.addAll(links.update(site, html));
            }
        }
        Set<Finding> before = new HashSet<>(linksBefore);
        for (Finding f : linkFindings) {
            // the rebuilt pages' links, and links elsewhere that these pages broke
            if (touched.contains(f.file().toAbsolutePath().normalize()) || !before.contains(f)) {
                found.add(f);
            }
        }
        List<Path> rebuilt = new ArrayList<>(pages);
        rebuilt.addAll(removed);
        return new Outcome(Kind.PAGES, List.copyOf(rebuilt), published, List.copyOf(found), outstanding(),
            snippetCount, System.nanoTime() - start);
    }

    /** The fields JBake's Crawler adds to a parsed document before storing it (2.7.0). */
    private void complete(DocumentModel model, Path page, String uri) throws Exception {
        File file = page.toFile();
        model.setRootPath(FileUtil.getUriPathToContentRoot(config, file));
        model.setSha1(FileUtil.sha1(file));
        model.setRendered(false);
        model.setFile(file.getPath());
        model.setSourceUri(uri);
        model.setUri(uri);
        model.setCached(true);
        if ("published-date".equals(model.getStatus()) && model.getDate() != null && new Date().after(model.getDate())) {
            model.setStatus("published");
        }
        if (config.getUriWithoutExtension()) {
            model.setNoExtensionUri(uri.replace("/index.html", "/"));
        }
        if (config.getImgPathUpdate()) {
            HtmlUtil.fixImageSourceUrls(model, config);
        }
    }

    /** What JBake's Renderer does for one document, into a string instead of straight to disk. */
    private String render(DocumentModel model) throws Exception {
        TemplateModel templateModel = new TemplateModel();
        templateModel.setContent(model);
        templateModel.setRenderer(templates);
        StringWriter out = new StringWriter();
        templates.renderDocument(templateModel, config.getTemplateFileByDocType(model.getType()).getName(), out);
        return out.toString();
    }

    /** The page's path in the site, as JBake's Crawler builds it. */
    private String uri(Path page) {
        String relative = project.content().relativize(page).toString().replace(File.separatorChar, '/');
        int slash = relative.lastIndexOf('/');
        String dir = slash < 0 ? "" : relative.substring(0, slash + 1);
        String name = relative.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String base = URLEncoder.encode(dot > 0 ? name.substring(0, dot) : name, StandardCharsets.UTF_8);
        String prefix = config.getPrefixForUriWithoutExtension();
        if (config.getUriWithoutExtension() && prefix != null && !prefix.isEmpty() && ("/" + relative).startsWith(prefix)) {
            return dir + base + "/index" + config.getOutputExtension();
        }
        return dir + base + config.getOutputExtension();
    }

    private void syncExample(Path file) {
        Path to = site.resolve("examples").resolve(project.examples().relativize(file).toString()).normalize();
        if (!to.startsWith(site)) {
            return;
        }
        try {
            if (Files.isRegularFile(file)) {
                writeAtomically(to, Files.readAllBytes(file));
            } else if (!Files.exists(file) && Files.isRegularFile(to)) {
                Files.delete(to);
            }
        } catch (IOException e) {
            siteFindings.add(new Finding(file, 0, "bake", Finding.Severity.ERROR, "cannot copy it into the site: " + e.getMessage()));
        }
    }

    /** Readers of the site see the old file or the new one, never half of one. */
    private static void writeAtomically(Path to, byte[] bytes) throws IOException {
        Files.createDirectories(to.getParent());
        Path temp = Files.createTempFile(to.getParent(), ".guide-", ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void adopt(Bake bake, Bake.Result baked) {
        catalog = baked.catalog();
        config = new JBakeConfigurationFactory()
            .createDefaultJbakeConfiguration(project.root().toFile(), site.toFile(), false);
        // Page templates read content.* and guide_nav only; the store is there for JBake's API and
        // is never opened. A template that queries it fails, and that rebuild becomes a full one.
        templates = new DelegatingTemplateEngine(new MemoizingContentStore(config.getDatabaseStore(), config.getDatabasePath()), config);
        links = bake.links();
        graph = new IncludeGraph(project.content());
        Map<String, String> attributes = catalog.attributes();
        for (Path page : bake.pages()) {
            graph.scan(page, attributes);
        }
        settings = config.getAsciidoctorAttributes();
        conversions.clear();
        Set<Path> withFindings = new HashSet<>();
        for (Finding f : baked.findings()) {
            withFindings.add(f.file().toAbsolutePath().normalize());
        }
        bake.conversions().forEach((page, converted) -> {
            Set<Path> sources = new TreeSet<>(graph.includes(page));
            sources.add(page);
            if (java.util.Collections.disjoint(sources, withFindings)) {
                conversions.put(page, new Cached(converted, attributes, stamps(sources)));
            }
        });
        needsFull = false;
    }

    /** The last full bake's conversion of {@code page}, if converting it again would give the same. */
    private PageConverter.Converted reusable(Path page, List<String> settings, Map<String, String> attributes) {
        Cached cached = conversions.get(page.toAbsolutePath().normalize());
        if (cached == null || !settings.equals(this.settings) || !attributes.equals(cached.attributes())
                || !cached.stamps().equals(stamps(cached.stamps().keySet()))) {
            return null;
        }
        return cached.converted();
    }

    private static Map<Path, List<Long>> stamps(Collection<Path> files) {
        Map<Path, List<Long>> stamps = new TreeMap<>();
        for (Path file : files) {
            try {
                stamps.put(file, List.of(Files.getLastModifiedTime(file).toMillis(), Files.size(file)));
            } catch (IOException e) {
                stamps.put(file, List.of());
            }
        }
        return stamps;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}

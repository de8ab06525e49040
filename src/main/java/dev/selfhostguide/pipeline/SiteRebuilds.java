package dev.selfhostguide.pipeline;

import dev.selfhostguide.bake.Bake;
import dev.selfhostguide.bake.PageRenderer;
import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.bundle.BlockStamps;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps a served site current while its sources change, by running the pipeline warm. The first
 * run, and any change to templates/, content/data/ or jbake.properties, renders the whole site
 * into a staging folder published only when it passed; any other change runs the same pipeline
 * over every page with the session's {@link WarmState}, so only what changed is converted and
 * rendered, while the checks, the parity gate and the link check still see the whole site and
 * find what {@code guide build} finds. Both stamp the code blocks as build does ({@link BlockStamps}),
 * so a page serve rebuilt has the bytes {@code guide build} writes for it. One rebuild at a time
 * (the methods are synchronized).
 */
public final class SiteRebuilds {

    /** What kind of rebuild ran. */
    public enum Kind { FULL, PAGES, NOTHING }

    /**
     * One rebuild: the pages it converted, whether it changed the published site, what it found
     * that is new or in what it rebuilt, and every problem of the sources as they are now.
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

    private final Project project;
    private final Pipeline pipeline;
    private final boolean checks;
    private final Bake.Finish finish;
    private final List<SiteScan> scans;
    private final Path site;
    private final WarmState warm;
    private boolean needsFull = true;
    private List<Finding> outstanding = List.of();
    /** Pages written into the live site that have no block stamps yet, because their run failed. */
    private final Set<Path> unstamped = new HashSet<>();

    public SiteRebuilds(Project project, Pipeline pipeline, boolean checks, Bake.Finish finish, List<SiteScan> scans) {
        this.project = project;
        this.pipeline = pipeline;
        this.checks = checks;
        this.finish = finish;
        this.scans = List.copyOf(scans);
        this.site = project.site();
        this.warm = new WarmState(project);
    }

    public Path site() {
        return site;
    }

    /** Every problem of the sources as they are now, in file and line order. */
    public synchronized List<Finding> outstanding() {
        return outstanding;
    }

    /** The whole site again, into a staging folder, published over the site when it passed. */
    public synchronized Outcome full(Consumer<Path> progress) {
        long start = System.nanoTime();
        Path staging = null;
        boolean published = false;
        try {
            staging = SiteOutput.staging(site);
            Pipeline.Outcome run = pipeline.run(Request.site(project, staging, checks, finish, scans, progress).warm(warm));
            List<Finding> findings = new ArrayList<>(run.findings());
            if (stamps(run)) {
                findings.addAll(stamp(staging, run.snippets()));
            }
            if (findings.stream().anyMatch(Finding::isError)) {
                needsFull = true;               // the site on disk is older than these sources
                warm.dropLinks();
            } else {
                SiteOutput.publish(staging, site);
                published = true;
                needsFull = false;
                unstamped.clear();
            }
            outstanding = List.copyOf(findings);
            return new Outcome(Kind.FULL, run.pages().stream().map(p -> p.source()).toList(), published, outstanding,
                outstanding, run.snippets().size(), System.nanoTime() - start);
        } catch (IOException e) {
            needsFull = true;
            Finding f = new Finding(site, 0, "bake", Finding.Severity.ERROR, "cannot write the site: " + e.getMessage());
            outstanding = List.of(f);
            return new Outcome(Kind.FULL, List.of(), false, List.of(f), outstanding, 0, System.nanoTime() - start);
        } finally {
            if (!published) {
                SiteOutput.delete(staging);
            }
        }
    }

    /**
     * Brings the site up to date after {@code changed} files (added, modified or deleted) changed:
     * the pages that changed where that is enough, else the whole site.
     */
    public synchronized Outcome rebuild(Collection<Path> changed, Consumer<Path> progress) {
        long start = System.nanoTime();
        // What the content scan refuses (a link out of content/, CRLF, a FIFO) must never be copied
        // into the preview by a page or example sync: a full run reports it and keeps the last good site.
        if (needsFull || !dev.selfhostguide.content.ContentScan.scan(project.content(), warm.contentScan()).isEmpty()) {
            return full(progress);
        }
        boolean pages = false;
        for (Path raw : changed) {
            Path file = raw.toAbsolutePath().normalize();
            warm.forget(file);                  // changed, whatever its size and time say
            switch (classify(file)) {
                case FULL -> {
                    return full(progress);
                }
                case EXAMPLE -> {
                    syncExample(file);
                    pages |= !warm.pagesIncluding(file).isEmpty();
                }
                case PAGE -> pages = true;
                case IGNORED -> pages |= !warm.pagesIncluding(file).isEmpty();
            }
        }
        if (!pages) {
            return new Outcome(Kind.NOTHING, List.of(), false, List.of(), outstanding, 0, System.nanoTime() - start);
        }
        Pipeline.Outcome run = pipeline.run(new Request(project, List.of(), checks, Request.Render.PAGES, site, finish, scans,
            warm, page -> { }));
        if (run.needsFull()) {
            return full(progress);
        }
        run.converted().forEach(progress);
        Set<Path> touched = new HashSet<>();
        for (Path page : run.converted()) {
            touched.addAll(warm.sourcesOf(page));
        }
        List<Finding> findings = new ArrayList<>(run.findings());
        unstamped.addAll(run.converted());
        if (stamps(run)) {
            // Pages written while something failed went out unstamped, as build would not stamp them.
            Set<Path> pending = Set.copyOf(unstamped);
            List<Finding> stamped = stamp(site, run.snippets().stream().filter(s -> pending.contains(s.page())).toList());
            if (!stamped.isEmpty()) {
                // A page on disk older than its snippets (one a failed run did not write): build decides.
                return full(progress);
            }
            unstamped.clear();
        }
        Set<Finding> before = new HashSet<>(outstanding);
        List<Finding> found = new ArrayList<>();
        for (Finding f : findings) {
            if (!before.contains(f) || touched.contains(f.file().toAbsolutePath().normalize())) {
                found.add(f);
            }
        }
        outstanding = List.copyOf(findings);
        List<Path> rebuilt = new ArrayList<>(run.converted());
        rebuilt.addAll(warm.removedPages());
        int snippets = (int) run.snippets().stream().filter(s -> run.converted().contains(s.page())).count();
        return new Outcome(Kind.PAGES, List.copyOf(rebuilt), !run.written().isEmpty(), List.copyOf(found), outstanding,
            snippets, System.nanoTime() - start);
    }

    /** Build stamps the blocks when the checks ran and nothing failed; serve does the same. */
    private static boolean stamps(Pipeline.Outcome run) {
        return run.report() != null && !run.failed();
    }

    /** The "checked: ..." line under each block of these snippets' pages, as build writes it. */
    private List<Finding> stamp(Path into, List<Snippet> snippets) {
        try {
            return BlockStamps.stamp(into, project.content(), snippets);
        } catch (IOException e) {
            return List.of(new Finding(into, 0, "stamp", Finding.Severity.ERROR, "cannot stamp the code blocks: " + e.getMessage()));
        }
    }

    private enum Change { FULL, PAGE, EXAMPLE, IGNORED }

    private Change classify(Path file) {
        if (file.equals(project.root().resolve("jbake.properties")) || file.startsWith(project.templates())
                || file.startsWith(project.data())) {
            return Change.FULL;
        }
        if (!file.startsWith(project.content())) {
            return Change.IGNORED;
        }
        String name = file.getFileName().toString();
        if (name.equals(".jbakeignore")) {
            return Change.FULL;                 // what is a page has changed
        }
        if (Bake.isPage(file)) {
            return Change.PAGE;                 // a page, or a partial that pages include
        }
        if (file.startsWith(project.examples())) {
            return Change.EXAMPLE;
        }
        if (Files.isDirectory(file) || !warm.pagesIncluding(file).isEmpty()) {
            return Change.IGNORED;              // a new folder's files arrive as their own changes; included files re-render their pages
        }
        return Change.FULL;                     // another file JBake copies out of content/
    }

    private void syncExample(Path file) {
        Path to = site.resolve("examples").resolve(project.examples().relativize(file).toString()).normalize();
        if (!to.startsWith(site)) {
            return;
        }
        try {
            if (Files.isRegularFile(file) && dev.selfhostguide.bake.Publication.of(project).publishes(file)) {
                PageRenderer.writeAtomically(to, Files.readAllBytes(file));
            } else if (!Files.exists(file) && Files.isRegularFile(to)) {
                Files.delete(to);
            }
        } catch (IOException e) {
            List<Finding> now = new ArrayList<>(outstanding);
            now.add(new Finding(file, 0, "bake", Finding.Severity.ERROR, "cannot copy it into the site: " + e.getMessage()));
            outstanding = List.copyOf(now);
        }
    }
}

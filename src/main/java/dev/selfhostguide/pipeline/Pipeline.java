package dev.selfhostguide.pipeline;

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.bake.Bake;
import dev.selfhostguide.checks.CheckRunner;
import dev.selfhostguide.checks.Tools;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.PageOutline;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.List;

/**
 * The flow every command runs, on one Asciidoctor runtime: load the sources → convert the pages →
 * check the snippets → render → finish → report. A stage after a failed one passes through what
 * it was given, so the report always says everything that was found.
 */
public final class Pipeline {

    /**
     * What a run found and made.
     *
     * @param catalog   the data, or null when the sources were not sound
     * @param report    the checks' tallies, or null when they did not run
     * @param findings  every problem, once, in file and line order
     * @param converted the pages this run converted (a warm run reuses the others)
     * @param written   HTML files a warm page run wrote or deleted
     * @param needsFull a warm page run could not render a page on its own
     */
    public record Outcome(Catalog catalog, List<PageOutline> pages, List<Snippet> snippets, CheckRunner.Report report,
                          List<Finding> findings, List<Path> converted, List<Path> written, boolean needsFull) {

        public long errors() {
            return findings.stream().filter(Finding::isError).count();
        }

        public boolean failed() {
            return errors() > 0;
        }
    }

    private final AsciidoctorRuntime runtime;
    private final Tools tools;
    private final boolean strict;

    /**
     * A pipeline with the command's runtime and the programs of the command's environment.
     *
     * @param strict whether a block left unchecked because a program is missing fails every run
     *               ({@code --strict}, or CI=true in the command's environment)
     */
    public Pipeline(AsciidoctorRuntime runtime, Tools tools, boolean strict) {
        this.runtime = runtime;
        this.tools = tools;
        this.strict = strict;
    }

    public Outcome run(Request request) {
        Bake bake = new Bake(request.project(), runtime);
        LoadSources.Sources sources = new LoadSources(bake).apply(request);
        ConvertPages.Converted converted = new ConvertPages().apply(sources);
        CheckSnippets.Checked checked = new CheckSnippets(tools, strict).apply(converted);
        RenderSite.Rendered rendered = new RenderSite().apply(checked);
        FinishSite.Finished finished = new FinishSite().apply(rendered);
        return new Report().apply(finished);
    }
}

package dev.selfhostguide.pipeline;

import dev.selfhostguide.bake.Bake;
import dev.selfhostguide.content.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one run of the pipeline is asked to do.
 *
 * @param pages    the pages to convert and check; empty for every page of the site
 * @param checks   whether the snippet checks and the parity gate run
 * @param render   what to write: nothing, the whole site into a staging folder, or the pages
 *                 that changed into the live site
 * @param site     the staging folder (SITE) or the live site (PAGES); unused for NONE
 * @param finish   what the site gets after rendering, before the link check (search index, link marking)
 * @param scans    site-wide scans of the rendered site (build, bundle and serve run them)
 * @param warm     what earlier runs of the same session kept, or {@code null}
 * @param progress told of each page as it is converted
 */
public record Request(Project project, List<Path> pages, boolean checks, Render render, Path site, Bake.Finish finish,
                      List<SiteScan> scans, WarmState warm, Consumer<Path> progress) {

    /** What the render stage writes. */
    public enum Render { NONE, SITE, PAGES }

    public Request {
        pages = List.copyOf(pages);
        scans = List.copyOf(scans);
    }

    /** Convert and check without writing HTML: {@code guide check}. */
    public static Request check(Project project, List<Path> pages) {
        return new Request(project, pages, true, Render.NONE, null, Bake.Finish.NONE, List.of(), null, page -> { });
    }

    /** The whole site into {@code staging}: {@code guide build}, {@code bundle}, a serve full rebuild. */
    public static Request site(Project project, Path staging, boolean checks, Bake.Finish finish, List<SiteScan> scans,
                               Consumer<Path> progress) {
        return new Request(project, List.of(), checks, Render.SITE, staging, finish, scans, null, progress);
    }

    public Request warm(WarmState state) {
        return new Request(project, pages, checks, render, site, finish, scans, state, progress);
    }

    public Request rendering(Render to, Path into) {
        return new Request(project, pages, checks, to, into, finish, scans, warm, progress);
    }
}

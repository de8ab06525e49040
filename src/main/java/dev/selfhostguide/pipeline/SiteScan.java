package dev.selfhostguide.pipeline;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * A scan of the rendered site as a whole (secrets, references that need a network, checks of the
 * rendered text): the hook where such stages plug in, one line each in the command that wants
 * them. It runs in the finish stage of build, bundle and serve, after the site is finished.
 */
@FunctionalInterface
public interface SiteScan {

    /**
     * Problems in {@code site}; {@code catalog} is the run's data, loaded once by the load stage;
     * {@code changed} names the HTML files a page rebuild rewrote, or is empty after a full render.
     */
    List<Finding> scan(Path site, Catalog catalog, Collection<Path> changed);
}

package dev.selfhostguide.bundle;

import dev.selfhostguide.bake.Bake;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The stage between the bake and publishing, the same for the hosted site and the bundle: mark
 * external links, then write the search index (last, so it reads the pages as published).
 */
public final class SiteFinish implements Bake.Finish {

    @Override
    public void apply(Path site) throws IOException {
        ExternalLinks.mark(site);
        SearchIndex.write(site);
    }
}

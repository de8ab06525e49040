/**
 * What happens to a baked site after the bake: the search index and external-link marking that the
 * hosted site and the offline bundle share ({@link dev.selfhostguide.bundle.SiteFinish}), and the
 * offline bundle itself ({@link dev.selfhostguide.bundle.Bundle}): a reproducible zip of the site,
 * a single-page edition, checksums and a README, verified to need no network.
 */
package dev.selfhostguide.bundle;

/**
 * The catalog held to upstream: the facts of {@code content/data/*.yml} with their evidence
 * ({@link dev.selfhostguide.upstream.FactCatalog}), read from local clones of the pinned repositories
 * ({@link dev.selfhostguide.upstream.UpstreamTree}), verified ({@link dev.selfhostguide.upstream.Verifier}),
 * compared with what upstream's tree itself declares ({@link dev.selfhostguide.upstream.Discovery}),
 * and compared between two upstream commits ({@link dev.selfhostguide.upstream.UpstreamDiff}).
 * Nothing here touches the network: it reads what is on disk.
 */
package dev.selfhostguide.upstream;

/**
 * The one flow every command runs: load the sources → convert the pages → check the snippets →
 * render the site → finish it → report. Each stage is a class with one input and one output
 * ({@link dev.selfhostguide.pipeline.Pipeline#run} is the whole flow); commands choose what to
 * run through a {@link dev.selfhostguide.pipeline.Request}: {@code build} and {@code bundle} the
 * whole site into a staging folder, {@code check} no rendering, {@code serve} the whole site or,
 * warm, only the pages that changed ({@link dev.selfhostguide.pipeline.SiteRebuilds}), and
 * {@code doctor} only the check stage on a reader's files.
 */
package dev.selfhostguide.pipeline;

/**
 * The one adapter to JBake and Asciidoctor: which files are pages, converting them (our markup
 * engine, the runtime's single Asciidoctor, every listing block collected as a snippet) and
 * rendering them with the FreeMarker templates, the whole site through JBake's Oven or one page
 * through {@link dev.selfhostguide.bake.PageRenderer}. Asciidoctor warnings, template errors and
 * broken links become findings at file:line. No other package imports JBake.
 */
package dev.selfhostguide.bake;

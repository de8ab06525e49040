/**
 * The bake: JBake's Oven crawls content/ and renders it with the FreeMarker templates, while our
 * markup engine converts every page once with the process's single Asciidoctor runtime and hands
 * its snippets and outline on. Asciidoctor warnings, template errors and broken links become
 * findings at file:line; the site is staged and published only when the whole build passed.
 * {@link dev.selfhostguide.bake.IncrementalBake} keeps a site current for {@code guide serve}.
 */
package dev.selfhostguide.bake;

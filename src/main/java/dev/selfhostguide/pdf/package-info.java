/**
 * The PDF editions of the guide, one per language, made with asciidoctorj-pdf in the process's
 * one Asciidoctor runtime, with a Korean font embedded, for teams that print, file and approve.
 */
package dev.selfhostguide.pdf;

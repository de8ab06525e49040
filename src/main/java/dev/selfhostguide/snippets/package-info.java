/**
 * Snippets: the code blocks a reader can copy, collected from the AsciidoctorJ AST as the bake
 * converts each page, with their file, line, language, attributes and copied text.
 */
package dev.selfhostguide.snippets;

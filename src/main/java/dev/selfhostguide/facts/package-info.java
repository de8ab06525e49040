/**
 * The upstream facts of content/data as typed records, one type per data file. The catalog builds
 * them once, after each file has passed its shape (content.DataSchemas), so a record never holds a
 * misspelled or mistyped entry read as empty; checks read these, never the YAML maps.
 */
package dev.selfhostguide.facts;

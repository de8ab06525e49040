/**
 * The one JSON string writer the tool's hand-written JSON shares (the search index, facts.json,
 * doctor's json and sarif reports). Each writes its own structure, so its bytes stay pinned; only
 * how a string is escaped is common, with the one choice that differs between them.
 */
package dev.selfhostguide.json;

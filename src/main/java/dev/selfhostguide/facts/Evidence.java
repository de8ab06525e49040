package dev.selfhostguide.facts;

/**
 * Where upstream shows a fact: a file of a source pinned in upstream.yml, and the literal or Java
 * regular expression it contains at that commit. Exactly one of {@code match} and {@code regex}
 * is non-empty; the catalog checks {@code repo} against upstream.yml when it loads.
 */
public record Evidence(String repo, String path, String match, String regex) { }

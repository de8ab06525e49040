/**
 * Content: what the flow starts from besides the pages themselves, namely the data files under
 * content/data that hold the reference deployment and the upstream facts ({@link dev.selfhostguide.content.Catalog}).
 */
package dev.selfhostguide.content;

package dev.selfhostguide.upstream;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One upstream fact of the catalog: a variable of a component, a port, a service, an endpoint, an
 * image, a LiteLLM key, a collector component, an SDK keyword or an insecure default.
 *
 * @param file     the data file it is written in
 * @param line     the line of its key (or list item) there
 * @param kind     what it is: variable, port, image, service, compose-service, endpoint, sdk-keyword,
 *                 collector-receiver, collector-extension, insecure-default, litellm-*
 * @param id       unique within its file, e.g. {@code api.SUPABASE_HOST} or {@code ports.api}
 * @param name     the name readers search pages for, e.g. {@code SUPABASE_HOST}
 * @param fields   its scalar fields as written (read_at, default, dead, upstream, ...); a scalar
 *                 fact has its value under {@code value}
 * @param evidence where upstream shows it
 */
public record Fact(Path file, int line, String kind, String id, String name, Map<String, String> fields,
                   List<Evidence> evidence) {

    public String field(String key) {
        return fields.getOrDefault(key, "");
    }

    /** A variable or key the data says upstream does not act on: its evidence is where it is listed. */
    public boolean dead() {
        return fields.containsKey("dead");
    }
}

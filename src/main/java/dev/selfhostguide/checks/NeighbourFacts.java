package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.RawData;
import dev.selfhostguide.content.Catalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What catalog neighbours.yml says about the projects AgentOps runs next to (Supabase, the
 * LiteLLM proxy): how to recognise their .env, which of their variables become host ports, and the
 * secrets they and AgentOps publish as examples (variables.yml insecure_defaults included).
 */
public final class NeighbourFacts {

    /** The component of a .env that belongs to no project the catalog knows. */
    public static final String OTHER = "other";

    /** A variable of a neighbour's .env that its compose file publishes as a host port. */
    public record HostPort(String variable, String service, int container) { }

    private final Map<String, Map<String, Object>> projects = new LinkedHashMap<>();
    private final Map<String, String> published = new LinkedHashMap<>();

    private NeighbourFacts(Catalog catalog) {
        RawData.map(catalog.file("neighbours").get("projects"))
            .forEach((name, raw) -> projects.put(name, RawData.map(raw)));
        for (String file : List.of("variables", "neighbours")) {
            Map<String, Object> data = catalog.file(file);
            for (Object raw : RawData.list(data.get(file.equals("variables") ? "insecure_defaults" : "published_secrets"))) {
                Map<String, Object> entry = RawData.map(raw);
                published.putIfAbsent(RawData.text(entry.get("value")), RawData.text(entry.get("reason")));
            }
        }
        published.remove("");
    }

    public static NeighbourFacts of(Catalog catalog) {
        return new NeighbourFacts(catalog);
    }

    public boolean knows(String project) {
        return projects.containsKey(project);
    }

    public List<String> projects() {
        return new ArrayList<>(projects.keySet());
    }

    public String title(String project) {
        return RawData.text(projects.getOrDefault(project, Map.of()).get("title"));
    }

    /** The variables only this project's .env sets. */
    public List<String> signature(String project) {
        return RawData.list(projects.getOrDefault(project, Map.of()).get("signature")).stream().map(RawData::text).toList();
    }

    public List<HostPort> hostPorts(String project) {
        List<HostPort> result = new ArrayList<>();
        RawData.map(projects.getOrDefault(project, Map.of()).get("host_ports")).forEach((variable, raw) -> {
            Map<String, Object> p = RawData.map(raw);
            String container = RawData.text(p.get("container"));
            result.add(new HostPort(variable, RawData.text(p.get("service")),
                container.matches("\\d+") ? Integer.parseInt(container) : 0));
        });
        return result;
    }

    /** Why {@code value} is a published example secret, or empty. */
    public Optional<String> publishedSecret(String value) {
        return Optional.ofNullable(published.get(value));
    }
}

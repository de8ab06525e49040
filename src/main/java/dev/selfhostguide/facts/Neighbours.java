package dev.selfhostguide.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * content/data/neighbours.yml: the projects AgentOps runs next to (Supabase, the LiteLLM proxy), as
 * far as {@code guide doctor} needs them, and the example secrets they publish.
 */
public record Neighbours(Map<String, Project> projects, Map<String, String> publishedSecrets, List<Published> published) {

    /** How to recognise a project's .env (variables only it sets) and which of them become host ports. */
    public record Project(String title, List<String> signature, List<HostPort> hostPorts, ProviderNames providerNames,
                          List<String> clientNames) { }

    /**
     * Spellings of provider settings only this project reads ({@code provider_names:}), and how many
     * of them ({@code at_least}) mark a .env that sets no AgentOps name as the project's.
     */
    public record ProviderNames(List<String> names, int atLeast) { }

    /** A variable of a neighbour's .env that its compose file publishes on the host. */
    public record HostPort(String variable, String service, int container) { }

    /** One entry of {@code published_secrets:}, with its place in the list (for its data line). */
    public record Published(String value, String reason, int index, boolean clientFacing) { }

    public static Neighbours from(Map<String, Object> file) {
        Map<String, Project> projects = new LinkedHashMap<>();
        Plain.map(file, "projects").forEach((name, raw) -> {
            Map<String, Object> p = Plain.asMap(raw);
            List<HostPort> ports = new ArrayList<>();
            Plain.map(p, "host_ports").forEach((variable, rawPort) -> {
                Map<String, Object> port = Plain.asMap(rawPort);
                String container = Plain.text(port, "container");
                ports.add(new HostPort(variable, Plain.text(port, "service"), container.matches("\\d+") ? Integer.parseInt(container) : 0));
            });
            Map<String, Object> provider = p.containsKey("provider_names") ? Plain.asMap(p.get("provider_names")) : Map.of();
            String atLeast = Plain.text(provider, "at_least");
            projects.put(name, new Project(Plain.text(p, "title"), Plain.texts(p, "signature"), List.copyOf(ports),
                new ProviderNames(Plain.texts(provider, "names"), atLeast.matches("\\d+") ? Integer.parseInt(atLeast) : 0),
                Plain.texts(Plain.map(p, "client_names"), "names")));
        });
        Map<String, String> byValue = new LinkedHashMap<>();
        List<Published> entries = new ArrayList<>();
        List<Object> raws = Plain.list(file, "published_secrets");
        for (int i = 0; i < raws.size(); i++) {
            Map<String, Object> s = Plain.asMap(raws.get(i));
            Published entry = new Published(Plain.text(s, "value"), Plain.text(s, "reason"), i, Plain.flag(s, "client_facing"));
            if (!entry.value().isEmpty()) {
                entries.add(entry);
                byValue.putIfAbsent(entry.value(), entry.reason());
            }
        }
        return new Neighbours(Collections.unmodifiableMap(projects), Collections.unmodifiableMap(byValue), List.copyOf(entries));
    }
}

package dev.selfhostguide.checks;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.facts.Neighbours;
import dev.selfhostguide.facts.Variables;
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

    private final Neighbours data;
    private final Map<String, String> published = new LinkedHashMap<>();

    private NeighbourFacts(Catalog catalog) {
        this.data = catalog.neighbours();
        // AgentOps' own published defaults first, then the neighbours': a .env may keep either.
        for (Variables.InsecureDefault d : catalog.variables().insecureDefaults()) {
            published.putIfAbsent(d.value(), d.reason());
        }
        data.publishedSecrets().forEach(published::putIfAbsent);
        published.remove("");
    }

    /**
     * Whether the published value is a credential clients present to a service of the stack (a
     * proxy's master key): whoever reaches the service uses it, wherever the value is written.
     * The others are secrets between a stack's own containers, which a compose file copied from
     * upstream's keeps on its private network.
     */
    public boolean clientFacing(String value) {
        return data.published().stream().anyMatch(p -> p.clientFacing() && p.value().equals(value));
    }

    public static NeighbourFacts of(Catalog catalog) {
        return new NeighbourFacts(catalog);
    }

    public boolean knows(String project) {
        return data.projects().containsKey(project);
    }

    public List<String> projects() {
        return new ArrayList<>(data.projects().keySet());
    }

    public String title(String project) {
        Neighbours.Project p = data.projects().get(project);
        return p == null ? "" : p.title();
    }

    /**
     * The names every client program of a project sets ({@code client_names:}: SUPABASE_URL and
     * SUPABASE_KEY in any app that uses Supabase), across all projects.
     */
    public java.util.Set<String> clientNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        data.projects().values().forEach(p -> names.addAll(p.clientNames()));
        return names;
    }

    /** The variables only this project's .env sets. */
    public List<String> signature(String project) {
        Neighbours.Project p = data.projects().get(project);
        return p == null ? List.of() : p.signature();
    }

    /** The project whose own provider-setting spellings {@code names} holds enough of, with those it holds. */
    public Optional<Map.Entry<String, List<String>>> byProviderNames(java.util.Collection<String> names) {
        for (Map.Entry<String, Neighbours.Project> p : data.projects().entrySet()) {
            Neighbours.ProviderNames provider = p.getValue().providerNames();
            List<String> hits = names.stream().filter(provider.names()::contains).toList();
            if (provider.atLeast() > 0 && hits.size() >= provider.atLeast()) {
                return Optional.of(Map.entry(p.getKey(), hits));
            }
        }
        return Optional.empty();
    }

    public List<HostPort> hostPorts(String project) {
        Neighbours.Project p = data.projects().get(project);
        return p == null ? List.of() : p.hostPorts().stream().map(h -> new HostPort(h.variable(), h.service(), h.container())).toList();
    }

    /** Why {@code value} is a published example secret, or empty. */
    public Optional<String> publishedSecret(String value) {
        return Optional.ofNullable(published.get(value));
    }

    /**
     * Why the setting {@code name = value} keeps a published example secret, or empty: whatever
     * the setting is called, since a value copied from an example stays public under any name. A
     * short value only counts under a secret's name, so that POSTGRES_DB=postgres is not mistaken
     * for the password. The same rule for a .env, a compose environment and a LiteLLM config.
     */
    public Optional<String> publishedSecret(String name, String value) {
        if (value.length() < 16 && !looksSecret(name)) {
            return Optional.empty();
        }
        return publishedSecret(value);
    }

    /** Whether a setting's name says it holds a secret (MASTER_KEY, master_key, DB_PASSWORD, ...). */
    public static boolean looksSecret(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        return n.endsWith("_SECRET") || n.endsWith("_KEY") || n.endsWith("_PASSWORD") || n.endsWith("_TOKEN")
            || n.endsWith("_PASS") || n.contains("SECRET") || n.contains("PASSWORD");
    }
}

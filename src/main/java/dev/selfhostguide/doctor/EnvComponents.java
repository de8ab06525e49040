package dev.selfhostguide.doctor;

import dev.selfhostguide.checks.NeighbourFacts;
import dev.selfhostguide.content.Catalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which program reads a .env: an AgentOps component (variables.yml), a neighbour project
 * (neighbours.yml) or another program. Decided from where the file sits, the names it sets, and
 * the files passed with it, in that order of trust: an AgentOps checkout's layout is certain, a
 * neighbour's signature variables are nearly so, AgentOps' own names come next, and a file name
 * that merely mentions a project ({@code litellm.env} of an SDK program) counts last.
 */
public final class EnvComponents {

    /** A decision and the evidence for it, for the line doctor prints. */
    public record Decision(String component, String because) { }

    private static final Pattern NAME = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=", Pattern.MULTILINE);
    private static final Pattern COMMENTED_NAME = Pattern.compile("^\\s*#+\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=",
        Pattern.MULTILINE);
    private static final Pattern OS_ENVIRON = Pattern.compile("os\\.environ/([A-Za-z_][A-Za-z0-9_]*)");

    private final Map<String, Set<String>> agentops = new LinkedHashMap<>();
    /** Names upstream documents but no AgentOps component reads (variables.yml {@code dead:} wherever listed). */
    private final Set<String> dead = new LinkedHashSet<>();
    /** Names that alone say nothing of whose file it is: dead ones, and those every client of a neighbour sets. */
    private final Set<String> weak = new LinkedHashSet<>();
    private final NeighbourFacts neighbours;

    public EnvComponents(Catalog catalog) {
        Set<String> live = new LinkedHashSet<>();
        catalog.variables().components().forEach((name, c) -> {
            agentops.put(name, new LinkedHashSet<>(c.variables().keySet()));
            c.variables().forEach((variable, v) -> (v.dead().isEmpty() ? live : dead).add(variable));
        });
        // CLICKHOUSE_ENDPOINT is dead for the API but the collector's: dead only where nothing reads it.
        dead.removeAll(live);
        this.neighbours = NeighbourFacts.of(catalog);
        weak.addAll(dead);
        weak.addAll(neighbours.clientNames());
    }

    /** Every component name {@code --component} accepts. */
    public List<String> names() {
        List<String> names = new ArrayList<>(agentops.keySet());
        names.addAll(neighbours.projects());
        names.add(NeighbourFacts.OTHER);
        return names;
    }

    public boolean knows(String component) {
        return names().contains(component);
    }

    /** How doctor describes a component in its decision line. */
    public String title(String component) {
        return switch (component) {
            case "compose" -> "the AgentOps app/.env (docker compose)";
            case "api" -> "the AgentOps API's .env";
            case "dashboard" -> "the AgentOps dashboard's .env (Next.js)";
            case "collector" -> "the AgentOps collector's environment";
            case "sdk" -> "an AgentOps SDK program's .env";
            case NeighbourFacts.OTHER -> "the .env of another program (only published secrets are checked)";
            default -> {
                String title = neighbours.title(component);
                yield "a " + (title.isEmpty() ? component : title.replaceFirst(" \\(.*", "")) + " .env";
            }
        };
    }

    public Decision decide(Path file, String text, List<ReaderFile> others) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        Path absolute = file.toAbsolutePath().normalize();
        String path = absolute.toString().replace('\\', '/').toLowerCase(Locale.ROOT);
        String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);

        // 1. The layout of an AgentOps checkout.
        String parent = absolute.getParent() == null ? "" : String.valueOf(absolute.getParent().getFileName()).toLowerCase(Locale.ROOT);
        Set<String> dashboardNames = agentops.getOrDefault("dashboard", Set.of());
        List<String> dashboardOwn = names.stream().filter(n -> dashboardNames.contains(n) && !dead.contains(n)).toList();
        List<String> apiOwn = names.stream().filter(agentops.getOrDefault("api", Set.of())::contains).toList();
        if (path.contains("/app/dashboard/")) {
            return new Decision("dashboard", "it sits in app/dashboard/");
        }
        // Next.js reads .env.local and .env.production, but so do other programs (Vite, godotenv):
        // the name decides only with a variable of the dashboard's own.
        if ((fileName.endsWith(".env.local") || fileName.endsWith(".env.production") || fileName.endsWith(".env.development"))
                && !dashboardOwn.isEmpty()) {
            return new Decision("dashboard", "it sets the dashboard's " + list(dashboardOwn.stream().limit(3).toList()) + " in "
                + fileName.substring(fileName.lastIndexOf(".env")) + ", which Next.js reads");
        }
        if (path.contains("/app/api/")) {
            return new Decision("api", "it sits in app/api/");
        }
        // The same layout without app/ around it (upstream's docs write api/.env): a folder named
        // for the component, holding the API's own names.
        if (parent.equals("api") && !apiOwn.isEmpty()) {
            return new Decision("api", "it sits in a folder named api/ and sets the API's " + list(apiOwn.stream().limit(3).toList()));
        }
        if (parent.equals("dashboard") && !dashboardOwn.isEmpty()) {
            return new Decision("dashboard", "it sits in a folder named dashboard/ and sets the dashboard's variables");
        }
        if (path.contains("/app/opentelemetry-collector/")) {
            return new Decision("collector", "it sits in app/opentelemetry-collector/");
        }
        // 2-3. The names it sets.
        Optional<Decision> bySet = byNames(names, "it sets ", true);
        if (bySet.isPresent()) {
            return bySet.get();
        }
        // 3b. Provider settings spelled the way only one neighbour reads them: weaker than any
        // AgentOps name (an SDK program may use LiteLLM as a library), stronger than a file name.
        Optional<Map.Entry<String, List<String>>> provider = neighbours.byProviderNames(names);
        if (provider.isPresent()) {
            return new Decision(provider.get().getKey(), "it sets " + list(provider.get().getValue()) + ", spelled as only "
                + provider.get().getKey() + " reads them");
        }
        // 4. The files passed with it: a LiteLLM config whose os.environ/ names it sets.
        for (ReaderFile other : others) {
            if (other.kind() == dev.selfhostguide.checks.FileKind.LITELLM) {
                Matcher env = OS_ENVIRON.matcher(other.text());
                while (env.find()) {
                    if (names.contains(env.group(1))) {
                        return new Decision("litellm", other.shown() + " reads " + env.group(1) + " from it");
                    }
                }
            }
        }
        // 4b. Names it mentions only in comments: a template whose AGENTOPS_API_KEY line is commented
        // out until the reader fills it in is still an SDK program's .env. Not the server's names:
        // that decision spell-checks every name the file does set, which a comment cannot justify.
        Set<String> commented = new LinkedHashSet<>();
        Matcher c = COMMENTED_NAME.matcher(text);
        while (c.find()) {
            if (!names.contains(c.group(1))) {
                commented.add(c.group(1));
            }
        }
        Optional<Decision> byComments = byNames(commented, "it names (commented out) ", false);
        if (byComments.isPresent()) {
            return byComments.get();
        }
        // 5. A name that mentions a project.
        for (String project : neighbours.projects()) {
            if (path.contains(project)) {
                return new Decision(project, "its path names " + project);
            }
        }
        List<String> shared = serverNames(names);
        if (!shared.isEmpty()) {
            return new Decision(NeighbourFacts.OTHER, "it sets " + list(shared) + " but only " + shared.size() + " of its "
                + names.size() + " names are the AgentOps server's");
        }
        return new Decision(NeighbourFacts.OTHER, "it sets no variable AgentOps, Supabase or LiteLLM is known by");
    }

    /**
     * Whether the server's names make up a fair share of what the file sets. Generic names
     * (CLICKHOUSE_USER, REDIS_HOST, OPENAI_API_KEY) recur in the .env of any stack that runs the
     * same databases; a file that sets a few of them among dozens the server never reads is that
     * stack's, and spell-checking its other names against AgentOps' would be all noise.
     */
    private static boolean mostlyServer(List<String> serverNames, Set<String> names) {
        return serverNames.size() * 3 >= names.size();
    }

    /**
     * The AgentOps server's names among {@code names}. Names no AgentOps code reads (OTEL_SERVICE_NAME,
     * which upstream's setup guide lists, is also OpenTelemetry's own for every program) and names
     * every Supabase client sets (SUPABASE_URL, SUPABASE_KEY) count only beside a name of the
     * server's own: alone they say nothing about whose file it is.
     */
    private List<String> serverNames(Set<String> names) {
        List<String> hits = names.stream().filter(n -> !n.startsWith("AGENTOPS_")
            && (agentops.getOrDefault("compose", Set.of()).contains(n) || agentops.getOrDefault("api", Set.of()).contains(n))).toList();
        return hits.stream().allMatch(weak::contains) ? List.of() : hits;
    }

    /** A neighbour's own variables first, then AgentOps' names: the SDK's AGENTOPS_ prefix, else the server's. */
    private Optional<Decision> byNames(Set<String> names, String because, boolean server) {
        for (String project : neighbours.projects()) {
            List<String> hits = names.stream().filter(neighbours.signature(project)::contains).toList();
            if (hits.size() >= (project.equals("supabase") ? 2 : 1)) {
                List<String> stack = hits.size() == 1 ? otherPrograms(names, hits.get(0)) : List.of();
                if (stack.size() >= 2) {
                    // One shared name in the .env of a whole stack (a web UI, a workflow tool, the
                    // proxy...) says the stack includes the project, not that the file is its own.
                    return Optional.of(new Decision(NeighbourFacts.OTHER, "it sets " + hits.get(0) + " among the variables of"
                        + " several programs (" + list(stack.stream().map(p -> p + "_*").toList()) + ")"));
                }
                return Optional.of(new Decision(project, because + list(hits)));
            }
        }
        List<String> sdk = names.stream().filter(n -> n.startsWith("AGENTOPS_")).toList();
        List<String> serverNames = serverNames(names);
        if (!sdk.isEmpty() && serverNames.size() <= sdk.size()) {
            return Optional.of(new Decision("sdk", because + list(sdk)));
        }
        if (server && !serverNames.isEmpty() && mostlyServer(serverNames, names)) {
            return Optional.of(new Decision("compose", because + list(serverNames)));
        }
        return Optional.empty();
    }

    /**
     * The first words shared by two or more of {@code names} (N8N_USER, N8N_PASSWORD: N8N), other
     * than {@code hit}'s own and AGENTOPS: each is most likely one more program the file configures.
     */
    private static List<String> otherPrograms(Set<String> names, String hit) {
        String own = firstWord(hit);
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (String name : names) {
            String word = firstWord(name);
            if (!word.isEmpty() && !word.equals(own) && !word.equals("AGENTOPS")) {
                groups.merge(word, 1, Integer::sum);
            }
        }
        return groups.entrySet().stream().filter(e -> e.getValue() >= 2).map(Map.Entry::getKey).toList();
    }

    private static String firstWord(String name) {
        int cut = name.indexOf('_');
        return cut <= 0 ? "" : name.substring(0, cut);
    }

    private static String list(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + ", ...";
    }
}

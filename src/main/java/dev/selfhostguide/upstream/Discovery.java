package dev.selfhostguide.upstream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upstream's own tree against the catalog: what upstream declares that the catalog does not know
 * (each line at the upstream file and line), and what the catalog knows that upstream no longer has
 * (each line at the data file and line). Every line names the guide pages and blocks that use it.
 */
public final class Discovery {

    /** The two lists, each line {@code file:line: [upstream] ...}. */
    public record Report(List<String> unknown, List<String> gone) { }

    private final FactCatalog catalog;
    private final Usages usages;

    public Discovery(FactCatalog catalog, Usages usages) {
        this.catalog = catalog;
        this.usages = usages;
    }

    public Report run(Inventory inventory) {
        List<String> unknown = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        Map<String, Set<String>> known = new LinkedHashMap<>();
        for (Fact v : catalog.ofKind("variable")) {
            known.computeIfAbsent(v.field("component"), c -> new HashSet<>()).add(v.name());
        }
        // A container's environment is its component's: the deployment maps components to compose services.
        Map<String, String> componentOf = new LinkedHashMap<>();
        for (Fact service : catalog.ofKind("service")) {
            componentOf.put(service.field("value"), service.name());
        }
        Map<String, String> ignored = catalog.notConfiguration();
        for (Inventory.Item item : inventory.ofKind("variable")) {
            if (ignored.containsKey(item.name())) {
                continue;
            }
            if (!known.getOrDefault(item.component(), Set.of()).contains(item.name())) {
                unknown.add(line(item.where(), item.component() + " variable " + item.name() + " is read upstream"
                    + (item.value().isEmpty() ? "" : " (default " + item.value() + ")") + " but unknown to the catalog", item.name()));
            }
        }
        for (Inventory.Item item : inventory.ofKind("environment")) {
            String component = componentOf.get(item.component());
            if (component != null && known.containsKey(component) && !known.getOrDefault(component, Set.of()).contains(item.name())) {
                unknown.add(line(item.where(), "compose gives service " + item.component() + " " + item.name()
                    + ", unknown to the catalog's " + component + " variables", item.name()));
            }
        }
        for (Fact v : catalog.ofKind("variable")) {
            String component = v.field("component");
            if (v.dead() || component.equals("sdk")) {
                continue;
            }
            // Gone: named neither where the catalog says upstream reads it nor in any of its evidence files.
            List<String> places = new ArrayList<>();
            places.add(v.field("read_at").isEmpty() ? catalog.componentRoot(component) : v.field("read_at"));
            v.evidence().stream().filter(e -> e.repo().equals("agentops")).forEach(e -> places.add(e.path()));
            if (!inventory.mentions(places, v.name())) {
                gone.add(line(show(v.file()) + ":" + v.line(), component + " variable " + v.name() + " occurs nowhere in "
                    + String.join(", ", places.stream().distinct().toList()) + " at " + Verifier.abbreviate(inventory.commit()), v.name()));
            }
        }
        Map<String, Fact> services = new LinkedHashMap<>();
        catalog.ofKind("compose-service").forEach(f -> services.put(f.name(), f));
        Set<String> upstreamServices = new HashSet<>();
        for (Inventory.Item item : inventory.ofKind("service")) {
            upstreamServices.add(item.name());
            if (!services.containsKey(item.name())) {
                unknown.add(line(item.where(), "compose service " + item.name() + " is unknown to the catalog", item.name()));
            }
        }
        services.values().stream().filter(f -> !upstreamServices.contains(f.name())).forEach(f ->
            gone.add(line(show(f.file()) + ":" + f.line(), "compose service " + f.name() + " is in no compose file at "
                + Verifier.abbreviate(inventory.commit()), f.name())));
        Set<String> ports = new HashSet<>();
        catalog.ofKind("port").forEach(p -> ports.add(p.field("upstream")));
        Set<String> listening = new HashSet<>();
        for (Inventory.Item item : inventory.ofKind("collector-endpoint")) {
            listening.add(item.value().substring(item.value().lastIndexOf(':') + 1));
        }
        Map<String, String> defaults = catalog.defaultEndpoints();
        for (String kind : List.of("collector-receiver", "collector-extension")) {
            for (Inventory.Item item : inventory.ofKind(kind)) {
                String type = item.name().contains("/") ? item.name().substring(0, item.name().indexOf('/')) : item.name();
                defaults.forEach((k, v) -> {
                    if (k.equals(type) || k.startsWith(type + ".")) {
                        listening.add(v.substring(v.lastIndexOf(':') + 1));
                    }
                });
            }
        }
        for (Inventory.Item item : inventory.ofKind("port")) {
            String published = published(item.name());
            Fact service = services.get(item.component());
            boolean inService = service != null && List.of(service.field("ports").split(",")).contains(item.name());
            String target = Discovery.published(item.name().replaceFirst("^.*?:", ""));
            if ("collector".equals(componentOf.get(item.component())) && !listening.contains(target)) {
                unknown.add(line(item.where(), "compose service " + item.component() + " publishes " + item.name()
                    + ", where nothing in the collector config listens", published));
            } else if (!ports.contains(published) || !inService) {
                unknown.add(line(item.where(), "compose service " + item.component() + " publishes " + item.name()
                    + (ports.contains(published) ? ", which the catalog's compose.yml does not list for it" : ", a port unknown to the catalog"), published));
            }
        }
        Set<String> images = new HashSet<>();
        catalog.ofKind("image").forEach(i -> images.add(i.field("value")));
        services.values().forEach(s -> images.add(s.field("image")));
        for (Inventory.Item item : inventory.ofKind("image")) {
            if (!images.contains(item.name())) {
                unknown.add(line(item.where(), "service " + item.component() + " uses image " + item.name() + ", unknown to the catalog", item.name()));
            }
        }
        for (Inventory.Item item : inventory.ofKind("build")) {
            Fact service = services.get(item.component());
            if (service != null && !service.field("build.context").equals(item.value())) {
                unknown.add(line(item.where(), "service " + item.component() + " builds from context " + item.value()
                    + ", the catalog says " + (service.field("build.context").isEmpty() ? "none" : service.field("build.context")), Usages.BUILD));
            }
        }
        components(inventory, "collector-receiver", unknown, gone);
        components(inventory, "collector-extension", unknown, gone);
        for (Inventory.Item item : inventory.ofKind("collector-endpoint")) {
            String port = item.value().substring(item.value().lastIndexOf(':') + 1);
            if (!ports.contains(port)) {
                unknown.add(line(item.where(), "collector " + item.name() + " listens on " + item.value() + ", a port unknown to the catalog", port));
            }
        }
        return new Report(List.copyOf(unknown), List.copyOf(gone));
    }

    private void components(Inventory inventory, String kind, List<String> unknown, List<String> gone) {
        Set<String> known = new HashSet<>();
        catalog.ofKind(kind).forEach(f -> known.add(f.name()));
        Set<String> upstream = new HashSet<>();
        String what = kind.replace('-', ' ');
        for (Inventory.Item item : inventory.ofKind(kind)) {
            upstream.add(item.name());
            if (!known.contains(item.name())) {
                unknown.add(line(item.where(), what + " " + item.name() + " is unknown to the catalog", item.name()));
            }
        }
        catalog.ofKind(kind).stream().filter(f -> !upstream.contains(f.name())).forEach(f ->
            gone.add(line(show(f.file()) + ":" + f.line(), what + " " + f.name() + " is not in upstream's collector config at "
                + Verifier.abbreviate(inventory.commit()), f.name())));
    }

    /** The published (host) port of a compose mapping such as {@code 4318:4318} or {@code 24224:24224/udp}. */
    static String published(String mapping) {
        String m = mapping.contains("/") ? mapping.substring(0, mapping.indexOf('/')) : mapping;
        String[] parts = m.split(":");
        return parts.length >= 2 ? parts[parts.length - 2] : parts[0];
    }

    private String show(Path file) {
        Path root = catalog.dir().toAbsolutePath().getParent().getParent();
        Path f = file.toAbsolutePath();
        return f.startsWith(root) ? root.relativize(f).toString() : f.toString();
    }

    /** One report line, ending with the pages and blocks that use {@code name}. */
    private String line(String where, String message, String name) {
        return line(where, message, List.of(name));
    }

    private String line(String where, String message, List<String> names) {
        return where + ": [upstream] " + message + "; " + usages.describe(names);
    }
}

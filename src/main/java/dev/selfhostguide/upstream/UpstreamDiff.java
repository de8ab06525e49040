package dev.selfhostguide.upstream;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed between two upstream commits in the catalog's terms: variables added, removed or
 * given another default; compose services, ports, images and build contexts; collector receivers,
 * extensions and endpoints. Each line names the guide pages and blocks that use the changed name,
 * so moving the pin starts from a list of what to re-read.
 */
public final class UpstreamDiff {

    private final Usages usages;

    public UpstreamDiff(Usages usages) {
        this.usages = usages;
    }

    public List<String> diff(Inventory from, Inventory to) {
        List<String> changes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(from.items().keySet());
        keys.addAll(to.items().keySet());
        for (String key : keys) {
            Inventory.Item before = from.items().get(key);
            Inventory.Item after = to.items().get(key);
            if (before != null && after != null) {
                if (!before.value().equals(after.value()) && !before.kind().equals("service")) {
                    changes.add(line(after, describe(after) + ": " + valueWord(after) + " changed from "
                        + shown(before.value()) + " to " + shown(after.value()) + " (was at " + before.where() + ")"));
                }
            } else if (after != null) {
                changes.add(line(after, describe(after) + ": added"));
            } else {
                changes.add(line(before, describe(before) + ": removed (was at " + before.where() + ")"));
            }
        }
        return changes;
    }

    private String line(Inventory.Item item, String message) {
        if (item.kind().equals("build")) {
            return item.where() + ": [upstream] " + message + "; " + usages.describe(Usages.BUILD);
        }
        String name = item.kind().equals("port") ? Discovery.published(item.name()) : item.name();
        return item.where() + ": [upstream] " + message + "; " + usages.describe(name);
    }

    private static String describe(Inventory.Item item) {
        return switch (item.kind()) {
            case "variable" -> item.component() + " variable " + item.name();
            case "environment" -> "service " + item.component() + " environment " + item.name();
            case "service" -> "compose service " + item.name();
            case "port" -> "service " + item.component() + " port " + item.name();
            case "image" -> "service " + item.component() + " image " + item.name();
            case "build" -> "service " + item.component() + " build context";
            default -> item.kind().replace('-', ' ') + " " + item.name();
        };
    }

    private static String valueWord(Inventory.Item item) {
        return switch (item.kind()) {
            case "variable" -> "default";
            case "build" -> "context";
            case "collector-endpoint" -> "endpoint";
            default -> "value";
        };
    }

    private static String shown(String value) {
        return value.isEmpty() ? "none" : "'" + value + "'";
    }
}

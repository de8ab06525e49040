package dev.selfhostguide.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Collector configs that are one part of a merged config. The collector merges every
 * {@code --config} it is started with; upstream's Dockerfile starts it with base.yaml and a
 * generated processors.yaml, so base.yaml alone names processors it does not define. In a folder
 * the reader named, a Dockerfile or compose file beside the config (or above it, within the
 * folder) that starts the collector with two or more configs, this one among them, makes it a
 * part: a missing definition is then for the other file to supply.
 */
final class CollectorParts {

    private static final Pattern CONFIG_FLAG = Pattern.compile("--config(?:=|\\s+)[\"']?([^\\s\"',\\]]+)");
    private static final long MAX_BYTES = 256 * 1024;

    private CollectorParts() { }

    /** The Dockerfile or compose file that starts the collector with {@code config} and another config. */
    static Optional<Path> starter(Path config, List<Path> roots) throws IOException {
        Path root = roots.stream().filter(config::startsWith).findFirst().orElse(null);
        if (root == null) {
            return Optional.empty();
        }
        String name = config.getFileName().toString();
        for (Path dir = config.getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
            for (Path starter : starters(dir)) {
                Set<String> configs = new LinkedHashSet<>();
                Matcher m = CONFIG_FLAG.matcher(new String(Files.readAllBytes(starter), StandardCharsets.UTF_8));
                while (m.find()) {
                    String value = m.group(1);
                    configs.add(value.substring(value.lastIndexOf('/') + 1));
                }
                if (configs.size() >= 2 && configs.contains(name)) {
                    return Optional.of(starter);
                }
            }
        }
        return Optional.empty();
    }

    /** The files of {@code dir} that say how a container starts: Dockerfiles and compose files. */
    private static List<Path> starters(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return (n.startsWith("dockerfile") || n.endsWith(".dockerfile") || n.matches("(docker-)?compose.*\\.ya?ml"))
                    && Files.isRegularFile(p) && size(p) <= MAX_BYTES;
            }).sorted().toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}

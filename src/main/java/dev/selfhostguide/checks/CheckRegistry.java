package dev.selfhostguide.checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every check the guide knows, by id. A block names extra checks with {@code check=id[,id...]}. */
public final class CheckRegistry {

    /** The block attribute value that opts a block out; it must come with {@code reason="..."}. */
    public static final String NONE = "none";

    private final Map<String, Check> checks = new LinkedHashMap<>();

    public CheckRegistry(List<Check> checks) {
        for (Check check : checks) {
            this.checks.put(check.id(), check);
        }
    }

    /** The checks of this tool, in the order their findings are listed. */
    public static CheckRegistry standard() {
        List<Check> all = new ArrayList<>();
        all.add(new YamlCheck());
        all.add(new ComposeCheck());
        all.add(new LitellmConfigCheck());
        all.add(new OtelCollectorCheck());
        all.add(new DotenvCheck());
        all.add(new ShellSnippetCheck());
        all.add(new HttpCheck());
        all.add(new NginxCheck());
        all.add(new PythonCheck());
        all.add(new JsonCheck());
        all.add(new TomlCheck());
        all.add(new PortsAgreementCheck());
        all.add(new SecretsCheck());
        all.add(new LookalikeCheck());
        return new CheckRegistry(all);
    }

    /** The checks that apply to a reader's own files ({@code guide doctor}). */
    public static CheckRegistry forReaders() {
        return new CheckRegistry(standard().all().stream().filter(c -> !c.guideOnly()).toList());
    }

    public Optional<Check> get(String id) {
        return Optional.ofNullable(checks.get(id));
    }

    public List<Check> all() {
        return Collections.unmodifiableList(new ArrayList<>(checks.values()));
    }

    public List<String> ids() {
        return List.copyOf(checks.keySet());
    }
}

package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.facts.Litellm;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A LiteLLM proxy {@code config.yaml} ({@code check=litellm-config}), against catalog
 * {@code litellm.yml} (facts: litellm.md).
 *
 * <p><b>Rules.</b> Top-level sections must be ones the proxy reads (an unknown section is never
 * read: error). Each {@code model_list} entry needs {@code model_name} and
 * {@code litellm_params.model} (the loader indexes them and crashes without). Callback names in
 * {@code success_callback}, {@code failure_callback} and {@code callbacks} (also per team under
 * {@code default_team_settings}) must be names the catalog knows or a dotted module path. The
 * {@code agentops} callback is an <em>error</em>: its endpoints are hard-coded to AgentOps Cloud,
 * so in a self-hosting guide it silently sends the reader's self-hosted key to the cloud and no
 * span reaches their collector; a block that shows it on purpose opts out with a reason. Every
 * {@code os.environ/VAR} value must name a variable the guide sets (a dotenv block, or
 * {@code export VAR=} in a shell block), one this config's {@code environment_variables} sets, or
 * one LiteLLM itself reads; LiteLLM turns an unset one into {@code None} without a word.
 * {@code os.environ/} inside a plain list of strings is a warning: LiteLLM only resolves values
 * of mappings (and mappings inside lists). {@code router_settings.health_check_interval} is an
 * error (the loader refuses it there).
 *
 * <p><b>Unknown {@code litellm_settings} keys: why mostly warnings.</b> The proxy sets any key it
 * has no branch for as an attribute of the {@code litellm} module, so a typo or an invented key
 * does nothing and says nothing. The facts give the special branches and the documented keys,
 * but their documented list is explicitly incomplete (it ends with "…"), and the real set is
 * every module variable of {@code litellm/__init__.py} of a given version, which the facts do not
 * list. So: keys matching a known-dead pattern ({@code agentops_*}: exists nowhere in LiteLLM)
 * are errors with the reason from the facts; keys the catalog knows (branches, documented, seen
 * in LiteLLM's own example configs) pass; any other key is a warning asking to check it against
 * the target version. This rejects the draft's {@code agentops_*} keys without false errors on
 * LiteLLM's own example configs. {@code general_settings} keys are not checked: the loader reads
 * it as a plain dict and the facts list no complete key set.
 *
 * <p>Invalid YAML is left to {@link YamlCheck}.
 */
public final class LitellmConfigCheck implements Check {

    public static final String ID = "litellm-config";

    private static final Pattern DOTENV_LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=");
    private static final Pattern SHELL_EXPORT = Pattern.compile("\\bexport\\s+([A-Za-z_][A-Za-z0-9_]*)=");
    private static final Pattern DOLLAR_BRACES = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?-][^}]*)?\\}");
    private static final List<String> CALLBACK_KEYS = List.of("success_callback", "failure_callback", "callbacks");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.YAML);
    }

    @Override
    public boolean automatic() {
        return false; // a YAML block is this kind of file only when it says so with check=litellm-config
    }

    @Override
    public Role role() {
        return Role.RULE;
    }

    @Override
    public Set<FileKind> serves() {
        return Set.of(FileKind.LITELLM);
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.YAML, Map.of("check", ID), """
            model_list:
              - model_name: gpt-4o
                litellm_params:
                  model: openai/gpt-4o
            """);
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.YAML, Map.of("check", ID), """
            model_list:
              - model_name: gpt-4o
                litellm_params:
                  model: openai/gpt-4o
            modle_settings: {}
            """, 5);
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        return StrictYaml.eachDocument(snippet, ID, "LiteLLM config", (document, findings) ->
            new ConfigCheck(snippet, context, context.catalog().litellm(), findings).run(document));
    }

    private static final class ConfigCheck {
        private final Snippet snippet;
        private final CheckContext context;
        private final Litellm facts;
        private final List<Finding> findings;

        ConfigCheck(Snippet snippet, CheckContext context, Litellm facts, List<Finding> findings) {
            this.snippet = snippet;
            this.context = context;
            this.facts = facts;
            this.findings = findings;
        }

        void error(Node at, String message) {
            findings.add(Finding.error(snippet, StrictYaml.line(at), ID, message));
        }

        void warning(Node at, String message) {
            findings.add(Finding.warning(snippet, StrictYaml.line(at), ID, message));
        }

        void run(Node document) {
            if (!(document instanceof MappingNode)) {
                error(document, "a LiteLLM config must be a mapping of sections (model_list, litellm_settings, ...)");
                return;
            }
            Map<String, NodeTuple> top = StrictYaml.entries(document);
            for (Map.Entry<String, NodeTuple> e : top.entrySet()) {
                if (!facts.sections().contains(e.getKey())) {
                    error(e.getValue().getKeyNode(), "unknown top-level section '" + e.getKey()
                        + "': the LiteLLM proxy never reads it; known sections are " + String.join(", ", facts.sections()));
                }
            }
            value(top, "model_list").ifPresent(this::modelList);
            value(top, "litellm_settings").ifPresent(this::litellmSettings);
            value(top, "router_settings").ifPresent(this::routerSettings);
            value(top, "general_settings").ifPresent(this::generalSettings);
            environment(document, top);
        }

        private static java.util.Optional<Node> value(Map<String, NodeTuple> entries, String key) {
            NodeTuple t = entries.get(key);
            return t == null || StrictYaml.isNull(t.getValueNode()) ? java.util.Optional.empty()
                : java.util.Optional.of(t.getValueNode());
        }

        private void modelList(Node list) {
            if (!(list instanceof SequenceNode)) {
                error(list, "model_list must be a list of entries with model_name and litellm_params");
                return;
            }
            for (Node entry : StrictYaml.items(list)) {
                if (!(entry instanceof MappingNode)) {
                    error(entry, "each model_list entry must be a mapping with model_name and litellm_params");
                    continue;
                }
                Map<String, NodeTuple> e = StrictYaml.entries(entry);
                if (value(e, "model_name").isEmpty()) {
                    error(entry, "model_list entry has no model_name; the proxy requires it (ModelParams) and clients call the model by it");
                }
                java.util.Optional<Node> params = value(e, "litellm_params");
                if (params.isEmpty() || !(params.get() instanceof MappingNode)) {
                    error(entry, "model_list entry has no litellm_params mapping; the proxy's load_config indexes it and crashes at startup");
                } else if (value(StrictYaml.entries(params.get()), "model").isEmpty()) {
                    error(params.get(), "litellm_params has no model (e.g. openai/gpt-4o); the proxy's load_config indexes it and crashes at startup");
                }
            }
        }

        private void litellmSettings(Node settings) {
            if (!(settings instanceof MappingNode)) {
                error(settings, "litellm_settings must be a mapping");
                return;
            }
            for (Map.Entry<String, NodeTuple> e : StrictYaml.entries(settings).entrySet()) {
                String key = e.getKey();
                Node keyNode = e.getValue().getKeyNode();
                String dead = deadReason(key);
                if (dead != null) {
                    error(keyNode, "litellm_settings." + key + " does nothing: " + dead);
                } else if (!facts.knownSettings().contains(key)) {
                    warning(keyNode, "litellm_settings." + key + " is not a key the catalog knows; the proxy sets any key as a litellm "
                        + "module attribute and silently ignores unknown ones, so check it against litellm/__init__.py of your version");
                }
                if (CALLBACK_KEYS.contains(key)) {
                    callbacks(key, e.getValue().getValueNode());
                }
            }
            value(StrictYaml.entries(settings), "default_team_settings").ifPresent(teams -> {
                for (Node team : StrictYaml.items(teams)) {
                    for (Map.Entry<String, NodeTuple> e : StrictYaml.entries(team).entrySet()) {
                        if (CALLBACK_KEYS.contains(e.getKey())) {
                            callbacks(e.getKey(), e.getValue().getValueNode());
                        }
                    }
                }
            });
        }

        private String deadReason(String key) {
            for (Map.Entry<Pattern, String> d : facts.deadSettings().entrySet()) {
                if (d.getKey().matcher(key).matches()) {
                    return d.getValue();
                }
            }
            return null;
        }

        private void callbacks(String key, Node value) {
            List<Node> names = new ArrayList<>();
            if (value instanceof SequenceNode) {
                names.addAll(StrictYaml.items(value));
            } else if (value instanceof ScalarNode && !StrictYaml.isNull(value)) {
                names.add(value);
            } else if (!StrictYaml.isNull(value)) {
                error(value, key + " must be a list of callback names");
                return;
            }
            for (Node node : names) {
                String name = StrictYaml.scalar(node).orElse("");
                if (name.startsWith(facts.prefix())) {
                    continue; // reported by the os.environ rule
                }
                // A reader of this guide self-hosts: a callback that only reaches the vendor's cloud
                // never reaches their instance (and sends it their key), whatever else they set. The
                // catalog's callback names, though, are one LiteLLM version's examples: advice.
                if (facts.cloudOnly().containsKey(name)) {
                    error(node, key + " '" + name + "': " + facts.cloudOnly().get(name));
                } else if (name.contains(".")) {
                    continue; // a module.instance path the proxy imports
                } else if (!facts.callbacks().contains(name)) {
                    findings.add(Origin.advice(snippet, StrictYaml.line(node), ID, key + " '" + name + "' is not a callback name LiteLLM"
                        + " knows (catalog litellm.yml callbacks); check the spelling, or use a module.instance path for a custom callback"));
                }
            }
        }

        private void generalSettings(Node settings) {
            Map<String, String> elsewhere = context.catalog().litellm().belongsElsewhere();
            NeighbourFacts published = NeighbourFacts.of(context.catalog());
            for (Map.Entry<String, NodeTuple> e : StrictYaml.entries(settings).entrySet()) {
                // general_settings are the proxy's own: a published example value there (master_key:
                // sk-1234 of LiteLLM's example config) lets anyone who read the example in.
                Node value = e.getValue().getValueNode();
                if (value instanceof ScalarNode) {
                    published.publishedSecret(e.getKey(), StrictYaml.scalar(value).orElse("").trim()).ifPresent(reason ->
                        error(value, "general_settings." + e.getKey() + " is a published example value: " + reason
                            + "; generate your own (e.g. openssl rand -hex 32) and write os.environ/NAME with it in the environment"));
                }
                Object target = elsewhere.get(e.getKey());
                if (target != null) {
                    error(e.getValue().getKeyNode(), "general_settings." + e.getKey() + " is never read: the proxy reads "
                        + e.getKey() + " from " + target + " and ignores unknown general_settings keys; move it to " + target);
                }
            }
        }

        private void routerSettings(Node settings) {
            for (Map.Entry<String, NodeTuple> e : StrictYaml.entries(settings).entrySet()) {
                String target = facts.movedRouterSettings().get(e.getKey());
                if (target != null) {
                    error(e.getValue().getKeyNode(), "router_settings." + e.getKey() + " is refused by the proxy at startup; move it to "
                        + target);
                }
            }
        }

        // ---- os.environ/ references ---------------------------------------------------------

        private void environment(Node document, Map<String, NodeTuple> top) {
            Set<String> declared = new LinkedHashSet<>(facts.environment());
            value(top, "environment_variables").ifPresent(env -> declared.addAll(StrictYaml.entries(env).keySet()));
            declared.addAll(guideVariables());
            resolve(document, declared, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        }

        /** Walks like LiteLLM's _check_for_os_environ_vars: values of mappings, and mappings in lists. */
        private void resolve(Node node, Set<String> declared, Set<Node> seen) {
            if (!seen.add(node)) {
                return;
            }
            if (node instanceof MappingNode) {
                for (NodeTuple t : StrictYaml.entries(node).values()) {
                    Node v = t.getValueNode();
                    if (v instanceof ScalarNode) {
                        reference(v, declared);
                    } else {
                        resolve(v, declared, seen);
                    }
                }
            } else if (node instanceof SequenceNode) {
                for (Node item : StrictYaml.items(node)) {
                    if (item instanceof ScalarNode) {
                        String text = StrictYaml.scalar(item).orElse("");
                        if (text.startsWith(facts.prefix())) {
                            warning(item, "'" + text + "' sits in a list of strings, where LiteLLM does not resolve "
                                + facts.prefix() + " references (only mapping values); it stays a literal string");
                        }
                    } else {
                        resolve(item, declared, seen);
                    }
                }
            }
        }

        private void reference(Node value, Set<String> declared) {
            String text = StrictYaml.scalar(value).orElse("");
            Matcher dollar = DOLLAR_BRACES.matcher(text);
            if (dollar.find() && !context.catalog().litellm().expandsDollarBraces()) {
                String variable = dollar.group(1);
                error(value, "LiteLLM does not expand ${" + variable + "}: only a value that starts with " + facts.prefix()
                    + " is read from the environment, so the text is used as typed (as an api_key, the provider rejects it); "
                    + (dollar.group().equals(text.strip()) ? "write " + facts.prefix() + variable
                        : "put the whole value in an environment variable and write " + facts.prefix() + "NAME"));
                return;
            }
            if (!text.startsWith(facts.prefix())) {
                return;
            }
            String variable = text.substring(facts.prefix().length()).trim();
            if (variable.isEmpty()) {
                error(value, "'" + text + "' names no variable");
            } else if (!declared.contains(variable) && Origin.reader(snippet)) {
                // A reader's proxy gets its environment from places doctor cannot see: only a .env
                // passed with the config says what the proxy's environment is meant to hold.
                if (guideVariables().isEmpty()) {
                    return;
                }
                findings.add(Finding.warning(snippet, StrictYaml.line(value), ID, text + " is set in none of the .env files "
                    + "checked with it; make sure the proxy's environment has " + variable + ", or LiteLLM uses None without a warning"));
            } else if (!declared.contains(variable)) {
                error(value, text + " is set by no env block of the guide (dotenv, or export " + variable
                    + "= in a shell block) and is not a variable LiteLLM reads itself; an unset variable becomes None without a warning");
            }
        }

        /** Variables the guide sets: dotenv blocks, and {@code export VAR=} in shell blocks. */
        private Set<String> guideVariables() {
            Set<String> names = new LinkedHashSet<>();
            for (Snippet s : context.allSnippets()) {
                String lang = s.language().toLowerCase(Locale.ROOT);
                if (lang.equals("dotenv")) {
                    for (String line : s.text().split("\r?\n")) {
                        Matcher m = DOTENV_LINE.matcher(line);
                        if (m.find()) {
                            names.add(m.group(1));
                        }
                    }
                } else if (lang.equals("bash") || lang.equals("sh") || lang.equals("shell") || lang.equals("console")) {
                    Matcher m = SHELL_EXPORT.matcher(s.text());
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
            return names;
        }
    }
}

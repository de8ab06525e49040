package dev.selfhostguide.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command's flags and operands, parsed against the flags it declares. */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();
    private final List<String> operands = new ArrayList<>();

    Arguments(List<String> args, Set<String> switches, Set<String> options) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.startsWith("--") || (arg.startsWith("-") && arg.length() == 2)) {
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                if (name.equals("-h")) {
                    name = "--help";
                }
                if (name.equals("-q")) {
                    name = "--quiet";
                }
                if (switches.contains(name) && value == null) {
                    values.put(name, "true");
                } else if (options.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (value.isBlank()) {
                        throw new UsageException(name + " needs a value, and was given an empty one");
                    }
                    values.put(name, value);
                } else {
                    throw new UsageException("unknown option " + name);
                }
            } else {
                operands.add(arg);
            }
        }
    }

    boolean has(String flag) {
        return values.containsKey(flag);
    }

    String get(String option, String fallback) {
        return values.getOrDefault(option, fallback);
    }

    List<String> operands() {
        return List.copyOf(operands);
    }
}

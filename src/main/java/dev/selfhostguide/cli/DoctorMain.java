package dev.selfhostguide.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of the standalone doctor jar the offline bundle carries
 * ({@code java -jar agentops-doctor.jar FILE|DIR...}): the {@code doctor} command alone, so the
 * jar needs neither JBake nor JRuby, only SnakeYAML and the catalog inside it.
 */
public final class DoctorMain {

    private DoctorMain() {
    }

    public static void main(String[] args) {
        List<String> full = new ArrayList<>();
        full.add("doctor");
        // `java -jar agentops-doctor.jar doctor FILE` works too, as in the guide's examples.
        full.addAll(args.length > 0 && args[0].equals("doctor") ? Arrays.asList(args).subList(1, args.length) : Arrays.asList(args));
        int code = Main.run(full.toArray(String[]::new));
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}

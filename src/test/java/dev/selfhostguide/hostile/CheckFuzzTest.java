package dev.selfhostguide.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.selfhostguide.GuideFixture;
import dev.selfhostguide.checks.Check;
import dev.selfhostguide.checks.CheckContext;
import dev.selfhostguide.checks.CheckRegistry;
import dev.selfhostguide.checks.Tools;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of the checks' own samples and of the guide's example files, through every check
 * that takes them: no exception escapes,
 * and every finding lies inside the snippet it is about. The seed is fixed so a failure repeats.
 */
class CheckFuzzTest {


    private record Seed(String name, String language, Map<String, String> attributes, String text) { }

    @TempDir
    Path scratch;

    private static List<Seed> seeds() throws Exception {
        Path examples = GuideFixture.repositoryRoot().resolve("content/examples");
        List<Seed> seeds = new ArrayList<>();
        // The guide's own example files: larger and more varied than the samples.
        seeds.add(new Seed("agentops.env", "dotenv", Map.of("component", "compose"), Files.readString(examples.resolve("agentops.env"))));
        seeds.add(new Seed("compose.override.yaml", "yaml", Map.of("check", "compose"), Files.readString(examples.resolve("compose.override.yaml"))));
        seeds.add(new Seed("litellm-config.yaml", "yaml", Map.of("check", "litellm-config"), Files.readString(examples.resolve("litellm-config.yaml"))));
        seeds.add(new Seed("nginx.conf", "nginx", Map.of(), Files.readString(examples.resolve("nginx.conf"))));
        seeds.add(new Seed("send-test-span.sh", "bash", Map.of(), Files.readString(examples.resolve("send-test-span.sh"))));
        seeds.add(new Seed("agentops_selfhosted.py", "python", Map.of(), Files.readString(examples.resolve("agentops_selfhosted.py"))));
        // Every check's own samples, so a new check is fuzzed without an edit here.
        for (Check check : CheckRegistry.standard().all()) {
            for (Check.Sample sample : List.of(check.valid(), check.invalid())) {
                seeds.add(new Seed(check.id() + (sample.failsAt() == 0 ? " valid" : " invalid") + " sample",
                    sample.language().canonical(), sample.attributes(), sample.text()));
            }
        }
        return seeds;
    }

    @TestFactory
    Stream<DynamicTest> mutatedSnippetsNeverBreakAChecker() throws Exception {
        Catalog catalog = Catalog.load(GuideFixture.repositoryRoot().resolve("content/data"));
        List<Check> checks = CheckRegistry.standard().all();
        Tools tools = Tools.onPath(System.getenv("PATH"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Seed seed : seeds()) {
            Snippet base = snippet(seed, seed.text());
            for (Check check : checks) {
                boolean named = seed.attributes().getOrDefault("check", "").equals(check.id());
                if (!named && !check.appliesTo(base)) {
                    continue;
                }
                // Checks that start a process per snippet get fewer rounds, to keep the gate fast.
                int rounds = check.programs().isEmpty() ? 150 : seed.name().endsWith(" sample") ? 2 : 15;
                tests.add(DynamicTest.dynamicTest(check.id() + " on mutated " + seed.name(), () -> {
                    Random random = new Random(seed.name().hashCode() * 31L + check.id().hashCode());
                    for (int round = 0; round < rounds; round++) {
                        String text = mutate(seed.text(), random);
                        Snippet snippet = snippet(seed, text);
                        CheckContext context = new CheckContext(catalog, List.of(snippet), tools, scratch);
                        List<Finding> findings;
                        try {
                            findings = check.check(snippet, context);
                        } catch (RuntimeException | StackOverflowError e) {
                            fail(check.id() + " threw " + e + " on round " + round + " of " + seed.name() + ":\n" + text);
                            return;
                        }
                        int last = snippet.fileLine(Math.max(1, snippet.lineCount()));
                        for (Finding f : findings) {
                            assertTrue(f.line() >= snippet.line() && f.line() <= last,
                                check.id() + " reported line " + f.line() + " outside " + snippet.line() + ".." + last
                                    + " on round " + round + ": " + f.message() + "\n" + text);
                        }
                    }
                }));
            }
        }
        assertTrue(tests.size() >= 10, "every check gets fuzzed: " + tests.size());
        return tests.stream();
    }

    private static Snippet snippet(Seed seed, String text) {
        Path file = GuideFixture.repositoryRoot().resolve("content/fuzz.adoc");
        return new Snippet(file, file, 100, seed.language(), "", seed.attributes(), text);
    }

    /** One to three random edits: the kinds of damage hands and editors do to config files. */
    static String mutate(String text, Random random) {
        String result = text;
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            List<String> lines = new ArrayList<>(List.of(result.split("\n", -1)));
            int at = lines.isEmpty() ? 0 : random.nextInt(lines.size());
            switch (random.nextInt(10)) {
                case 0 -> lines.remove(Math.min(at, lines.size() - 1));
                case 1 -> lines.add(at, lines.get(at));
                case 2 -> lines.set(at, "\t" + lines.get(at));
                case 3 -> lines.set(at, lines.get(at).substring(0, lines.get(at).length() / 2));
                case 4 -> lines.set(at, lines.get(at) + pick(random, "\"", "'", "{", "[", ": :", "\\", "${", "#", "é한", "\u0000"));
                case 5 -> lines.add(at, pick(random, "---", "&a [*a]", "? x", "  - - -", "KEY = value", "}", "server {", "EOF"));
                case 6 -> {
                    int other = random.nextInt(lines.size());
                    String swap = lines.get(at);
                    lines.set(at, lines.get(other));
                    lines.set(other, swap);
                }
                case 7 -> lines.set(at, " ".repeat(random.nextInt(9)) + lines.get(at).strip());
                case 8 -> lines.set(at, lines.get(at).replaceAll("[0-9]", String.valueOf(random.nextInt(10))));
                default -> {
                    return result.substring(0, random.nextInt(result.length() + 1));
                }
            }
            result = String.join("\n", lines);
        }
        return result;
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }
}

package dev.selfhostguide.checks;

import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the checks each snippet selects, by its language and its {@code check} attribute. A block
 * that no syntax or rule check covers and that is not opted out with a reason is itself a finding,
 * and so is a language the guide does not know, so coverage is complete by construction.
 */
public final class CheckRunner {

    /** Counts for the summary table: how many blocks each check saw, passed and failed. */
    public record Tally(String check, int blocks, int passed, int failed) { }

    /** Findings in file and line order, plus the tallies and how many blocks opted out. */
    public record Report(List<Finding> findings, List<Tally> tallies, int snippets, int optedOut) {

        public boolean failed() {
            return findings.stream().anyMatch(Finding::isError);
        }
    }

    /** The checks one snippet gets, or why it gets none. */
    public record Selection(List<Check> checks, boolean optedOut, List<String> problems) { }

    public static final String COVERAGE = "coverage";

    private final CheckRegistry registry;
    private final boolean strict;

    /** A runner for which a missing program is a warning. */
    public CheckRunner(CheckRegistry registry) {
        this(registry, false);
    }

    /** @param strict whether a block left unchecked because a program is missing fails the run */
    public CheckRunner(CheckRegistry registry, boolean strict) {
        this.registry = registry;
        this.strict = strict;
    }

    public Selection select(Snippet snippet) {
        List<String> problems = new ArrayList<>();
        String spelling = snippet.language();
        Optional<Language> language = Language.of(spelling);
        if (!spelling.isEmpty() && language.isEmpty()) {
            problems.add(Language.unknown(spelling));
        }
        String named = snippet.attribute("check").orElse("").strip();
        if (named.equals(CheckRegistry.NONE)) {
            if (snippet.attribute("reason").orElse("").isBlank()) {
                problems.add("check=none needs a reason=\"...\" saying why this block is not checked");
            }
            List<Check> always = registry.all().stream().filter(Check::runsOnOptedOut).toList();
            return new Selection(always, true, problems);
        }
        Set<Check> checks = new LinkedHashSet<>();
        for (Check check : registry.all()) {
            if (check.appliesTo(snippet)) {
                checks.add(check);
            }
        }
        if (!named.isEmpty()) {
            for (String id : Arrays.stream(named.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
                Optional<Check> check = registry.get(id);
                if (check.isEmpty()) {
                    problems.add("unknown check '" + id + "'; known checks: " + String.join(", ", registry.ids()));
                } else if (language.isPresent() && !check.get().languages().contains(language.get())) {
                    problems.add("check=" + id + " reads " + names(check.get().languages()) + ", not [source,"
                        + spelling + "]");
                } else {
                    checks.add(check.get());
                }
            }
        }
        if (problems.isEmpty() && checks.stream().noneMatch(c -> c.role().covers())) {
            String kind = spelling.isEmpty() ? "this block" : "this [source," + spelling + "] block";
            problems.add("no syntax or rule check applies to " + kind + "; name one with check=ID or opt out with "
                + "check=none,reason=\"...\"");
        }
        return new Selection(List.copyOf(checks), false, problems);
    }

    public Report run(List<Snippet> snippets, Catalog catalog, Tools tools, Path scratch) {
        CheckContext context = new CheckContext(catalog, snippets, tools, scratch, registry);
        Map<String, AtomicInteger[]> counts = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> unchecked = new ConcurrentHashMap<>();
        List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger optedOut = new AtomicInteger();
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            findings.add(new Finding(scratch, 0, COVERAGE, Finding.Severity.ERROR, "cannot create " + scratch));
        }
        // The same block often appears twice (an included example, or a page and its translation):
        // each check runs once per distinct block and its findings are moved to the other copies.
        Map<String, CompletableFuture<Checked>> done = new ConcurrentHashMap<>();
        ForkJoinPool pool = new ForkJoinPool(THREADS);
        try {
            // The run's batches first, each on its own thread, so they overlap rather than queue
            // behind whichever block first needs them.
            Set<Check> used = new LinkedHashSet<>();
            for (Snippet snippet : snippets) {
                used.addAll(select(snippet).checks());
            }
            for (Check check : used) {
                pool.execute(() -> {
                    try {
                        check.prepare(context);
                    } catch (RuntimeException e) {
                        // the check's first block makes it again and reports what went wrong there
                    }
                });
            }
            pool.submit(() -> snippets.parallelStream()
                .forEach(snippet -> checkOne(snippet, context, done, counts, unchecked, findings, optedOut))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            findings.add(new Finding(scratch, 0, COVERAGE, Finding.Severity.ERROR, "the checks failed: " + e.getCause()));
        } finally {
            pool.shutdown();
        }
        List<Tally> tallies = new ArrayList<>();
        for (String id : registry.ids()) {
            AtomicInteger[] c = counts.get(id);
            if (c != null) {
                tallies.add(new Tally(id, c[0].get(), c[1].get(), c[2].get()));
            }
        }
        // An example included by both editions yields the same finding twice: print it once.
        List<Finding> sorted = new ArrayList<>(new LinkedHashSet<>(findings));
        sorted.sort(ORDER);
        sorted.addAll(0, missingPrograms(unchecked, tools));
        return new Report(sorted, tallies, snippets.size(), optedOut.get());
    }

    /** File, line, check, message: the order findings are printed in. */
    public static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.file().toString())
        .thenComparingInt(Finding::line).thenComparing(Finding::check).thenComparing(Finding::message);

    /** One line per missing program per check: how many blocks it left unchecked. */
    private List<Finding> missingPrograms(Map<String, AtomicInteger> unchecked, Tools tools) {
        List<Finding> result = new ArrayList<>();
        for (Check check : registry.all()) {
            for (Tools.Program program : check.programs()) {
                AtomicInteger blocks = unchecked.get(check.id() + "\u0000" + program.name());
                if (blocks == null) {
                    continue;
                }
                String message = blocks.get() + " block" + (blocks.get() == 1 ? "" : "s") + " " + program.unchecked()
                    + ": " + program.name() + " is not installed (" + program.install() + ")"
                    + (strict ? "; with --strict or CI=true a missing program fails the run" : "");
                result.add(Finding.forRun(check.id(), strict ? Finding.Severity.ERROR : Finding.Severity.WARNING, message));
            }
        }
        return result;
    }

    /**
     * Checks run mostly by waiting on external programs (bash, shellcheck, nginx, python3), so a
     * few more threads than cores keep both cores busy.
     */
    private static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);

    /** What one check said about one block, kept to answer for identical blocks. */
    private record Checked(Snippet snippet, List<Finding> findings) { }

    private void checkOne(Snippet snippet, CheckContext context, Map<String, CompletableFuture<Checked>> done,
                          Map<String, AtomicInteger[]> counts, Map<String, AtomicInteger> unchecked,
                          List<Finding> findings, AtomicInteger optedOut) {
        Selection selection = select(snippet);
        for (String problem : selection.problems()) {
            findings.add(Finding.error(snippet, 0, COVERAGE, problem));
        }
        if (selection.optedOut()) {
            optedOut.incrementAndGet();
        }
        for (Check check : selection.checks()) {
            for (Tools.Program program : check.programs()) {
                if (!context.tools().has(program)) {
                    unchecked.computeIfAbsent(check.id() + "\u0000" + program.name(), k -> new AtomicInteger()).incrementAndGet();
                }
            }
            List<Finding> found = checkedOnce(check, snippet, context, done);
            boolean failed = found.stream().anyMatch(Finding::isError);
            AtomicInteger[] c = counts.computeIfAbsent(check.id(),
                k -> new AtomicInteger[] {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()});
            c[0].incrementAndGet();
            c[failed ? 2 : 1].incrementAndGet();
            findings.addAll(found);
        }
    }

    private static List<Finding> checkedOnce(Check check, Snippet snippet, CheckContext context,
                                             Map<String, CompletableFuture<Checked>> done) {
        String key = check.id() + "\u0000" + snippet.language() + "\u0000" + comparable(snippet) + "\u0000" + snippet.text();
        CompletableFuture<Checked> mine = new CompletableFuture<>();
        CompletableFuture<Checked> first = done.putIfAbsent(key, mine);
        if (first == null) {
            List<Finding> found;
            try {
                found = check.check(snippet, context);
            } catch (RuntimeException e) {
                // A check must not throw; if one does, the snippet fails with the reason, not a trace.
                found = List.of(dev.selfhostguide.checks.support.Origin.notChecked(snippet, 1, check.id(),
                    "the check failed on this block: " + e));
            }
            mine.complete(new Checked(snippet, found));
            return found;
        }
        Checked earlier = first.join();
        List<Finding> moved = new ArrayList<>();
        for (Finding f : earlier.findings()) {
            boolean inBlock = f.file().equals(earlier.snippet().file());
            moved.add(inBlock ? new Finding(snippet.file(), f.line() - earlier.snippet().line() + snippet.line(), f.check(),
                f.severity(), f.message()) : f);
        }
        return moved;
    }

    private static String names(Set<Language> languages) {
        List<String> names = new ArrayList<>();
        for (Language language : Language.values()) {
            if (languages.contains(language)) {
                names.add(language.canonical());
            }
        }
        return String.join(", ", names);
    }

    /** The attributes that can change a check's verdict (a translated reason cannot). */
    private static String comparable(Snippet snippet) {
        Map<String, String> attributes = new TreeMap<>(snippet.attributes());
        attributes.remove("reason");
        attributes.remove("title");
        return attributes.toString();
    }
}

import dev.selfhostguide.bake.AsciidoctorRuntime;
import dev.selfhostguide.bundle.SiteFinish;
import dev.selfhostguide.checks.Tools;
import dev.selfhostguide.cli.SiteRun;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pipeline.Pipeline;
import dev.selfhostguide.pipeline.SiteRebuilds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Drives the warm rebuilder of `guide serve` (SiteRebuilds, with the checks, the finish and the
 * site-wide scans ServeCommand gives it) in one JVM: one cold full bake, then RUNS one-page rebuilds (append a
 * paragraph to PAGE, rebuild, wait until its HTML contains the marker) and RUNS full rebuilds
 * (touch templates/page.ftl, which serve answers with a full bake). One warm-up of each first.
 *
 * Usage: ServeBench PROJECT_DIR PAGE RUNS  -> prints "cold S", "page S...", "full S..." lines.
 */
public final class ServeBench {
    public static void main(String[] args) throws Exception {
        Project project = new Project(Path.of(args[0]));
        Path page = project.content().resolve(args[1]);
        int runs = Integer.parseInt(args[2]);
        long t0 = System.nanoTime();
        AsciidoctorRuntime runtime = AsciidoctorRuntime.start();      // the bench's own; the JVM ends with System.exit
        SiteRebuilds bake = new SiteRebuilds(project,
            new Pipeline(runtime, Tools.onPath(System.getenv().getOrDefault("PATH", "")), false), true,
            new SiteFinish(System.getenv()), SiteRun.scans(project));
        SiteRebuilds.Outcome first = bake.full(p -> { });
        System.out.printf("cold %.3f%n", (System.nanoTime() - t0) / 1e9);
        if (first.failed()) {
            first.found().forEach(f -> System.out.println("finding " + f.format(project.root())));
            System.exit(1);
        }
        String original = Files.readString(page, StandardCharsets.UTF_8);
        String rel = project.content().relativize(page).toString().replaceAll("\\.adoc$", ".html");
        Path html = project.site().resolve(rel);
        List<Double> pages = new ArrayList<>();
        List<Double> fulls = new ArrayList<>();
        try {
            for (int i = 0; i <= runs; i++) {
                String marker = "benchmark-edit-" + i + "-" + System.nanoTime();
                Files.writeString(page, original + "\n" + marker + "\n", StandardCharsets.UTF_8);
                long s = System.nanoTime();
                SiteRebuilds.Outcome o = bake.rebuild(Set.of(page), p -> { });
                if (!Files.readString(html, StandardCharsets.UTF_8).contains(marker)) {
                    throw new IllegalStateException("page rebuild did not change " + html + ": " + o.found());
                }
                double sec = (System.nanoTime() - s) / 1e9;
                if (i > 0) {
                    pages.add(sec);
                }
            }
            Path template = project.templates().resolve("page.ftl");
            for (int i = 0; i <= runs; i++) {
                Files.setLastModifiedTime(template, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
                long before = Files.getLastModifiedTime(html).toMillis();
                long s = System.nanoTime();
                SiteRebuilds.Outcome o = bake.rebuild(Set.of(template), p -> { });
                if (o.kind() != SiteRebuilds.Kind.FULL || o.failed()) {
                    throw new IllegalStateException("template change did not give a passing full rebuild: " + o.kind() + " " + o.found());
                }
                double sec = (System.nanoTime() - s) / 1e9;
                if (i > 0) {
                    fulls.add(sec);
                }
            }
        } finally {
            Files.writeString(page, original, StandardCharsets.UTF_8);
        }
        System.out.println("page " + join(pages));
        System.out.println("full " + join(fulls));
        System.out.printf("page_median %.3f%nfull_median %.3f%n", median(pages), median(fulls));
        System.exit(0);
    }

    static String join(List<Double> xs) {
        StringBuilder b = new StringBuilder();
        for (double x : xs) {
            b.append(String.format("%.3f ", x));
        }
        return b.toString().trim();
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}

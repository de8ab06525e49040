package dev.selfhostguide.bundle;

import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.content.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The offline bundle: a zip with one folder holding the baked site (examples included), one
 * single-page HTML file per language edition, README.txt and SHA256SUMS. The folder is assembled
 * beside the zip, scanned with {@link ExternalReferenceScan}, zipped by {@link ReproducibleZip} to
 * a temporary file and only then moved over the old zip, so a failure leaves the last good one.
 */
public final class Bundle {

    public static final String NAME = "agentops-selfhost-guide";
    static final String README = "README.txt";

    /** The editions a bundle can have; one is included when its pages are in the site. */
    public static final List<SinglePage.Edition> EDITIONS = List.of(
        new SinglePage.Edition("en", "", NAME + ".html", "AgentOps self-hosting guide"),
        new SinglePage.Edition("ko", "ko", NAME + "-ko.html", "AgentOps 자체 호스팅 가이드"));

    /** What was written, or the problems that stopped it. */
    public record Result(Path zip, long bytes, int files, long searchIndexBytes, List<ExternalReferenceScan.Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final String version;
    private final long epochSeconds;

    public Bundle(String version, long epochSeconds) {
        this.version = version;
        this.epochSeconds = epochSeconds;
    }

    public static String fileName(String version) {
        return NAME + "-" + version + "-offline.zip";
    }

    public String folderName() {
        return NAME + "-" + version;
    }

    /** Bundles the finished {@code site}, with the nav of {@code catalog}, into {@code zip}. */
    public Result write(Path site, Catalog catalog, Path zip) throws IOException {
        Path parent = zip.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, "." + zip.getFileName() + ".work-");
        Path temp = null;
        try {
            Path folder = work.resolve(folderName());
            copy(site, folder);
            List<String> singles = new ArrayList<>();
            for (SinglePage.Edition edition : EDITIONS) {
                SinglePage page = new SinglePage(folder, edition, catalog.nav());
                if (Files.isRegularFile(folder.resolve(edition.dir()).resolve("index.html"))) {
                    singles.add(page.write(folder).getFileName().toString());
                }
            }
            Files.writeString(folder.resolve(README), readme(singles), StandardCharsets.UTF_8);
            dev.selfhostguide.upstream.FactsJson.write(catalog.dir(), folder);
            List<ExternalReferenceScan.Problem> problems = ExternalReferenceScan.scan(folder);
            if (!problems.isEmpty()) {
                // The work folder is gone when the caller reads these: name files as they are in the zip.
                return new Result(zip, 0, 0, 0, problems.stream().map(p -> new ExternalReferenceScan.Problem(
                    Path.of(folderName()).resolve(folder.relativize(p.file())), p.reference(), p.reason())).toList());
            }
            Checksums.write(folder);
            int files = Checksums.files(folder).size();
            long index = Files.isRegularFile(folder.resolve(SearchIndex.FILE)) ? Files.size(folder.resolve(SearchIndex.FILE)) : 0;
            temp = Files.createTempFile(parent, "." + zip.getFileName(), ".part");
            ReproducibleZip.write(folder, folderName() + "/", epochSeconds, temp);
            move(temp, zip);
            temp = null;
            return new Result(zip, Files.size(zip), files, index, List.of());
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            SiteOutput.delete(work);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    String readme(List<String> singles) {
        StringBuilder text = new StringBuilder();
        text.append("AgentOps self-hosting guide, version ").append(version).append(", offline edition\n")
            .append("=".repeat(60)).append("\n\n")
            .append("This folder is the whole guide. It needs no network and no web server.\n\n")
            .append("Reading it\n----------\n")
            .append("Open index.html in a web browser: double-click it, or give the browser its path,\n")
            .append("for example file:///home/you/").append(folderName()).append("/index.html\n")
            .append("Navigation, search and the example files all work from the disk.\n");
        if (!singles.isEmpty()) {
            text.append("\nThe same guide as one file, to print or to copy alone: ")
                .append(String.join(", ", singles)).append("\n");
        }
        text.append("\nThe example configuration files the guide refers to are in examples/.\n\n")
            .append("Checking the download\n---------------------\n")
            .append("SHA256SUMS lists a SHA-256 checksum for every other file in this folder. To check\n")
            .append("that nothing was damaged or changed on the way, run in this folder:\n\n")
            .append("    sha256sum -c SHA256SUMS\n\n")
            .append("Every line must end in OK. (On macOS: shasum -a 256 -c SHA256SUMS.)\n");
        return text.toString();
    }
}

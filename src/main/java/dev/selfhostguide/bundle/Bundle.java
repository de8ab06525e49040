package dev.selfhostguide.bundle;

import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.content.Catalog;
import dev.selfhostguide.snippets.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The offline bundle: a zip with one folder holding the baked site (examples included), one
 * single-page HTML file per language edition, the PDF editions when they were made, README.txt,
 * SHA256SUMS and, with a signing key, SHA256SUMS.asc. Beside the zip, {@code <zip>.sha256} lets a
 * reader check the zip itself after it crossed the gap. The folder is assembled beside the zip,
 * scanned with {@link ExternalReferenceScan}, zipped by {@link ReproducibleZip} to a temporary
 * file and only then moved over the old zip, so a failure leaves the last good one. The work
 * folder and temporary files carry the process id in their names, so the next bundle removes
 * what a killed one left.
 */
public final class Bundle {

    public static final String NAME = "agentops-selfhost-guide";
    static final String README = "README.txt";

    /** The editions a bundle can have; one is included when its pages are in the site. */
    public static final List<SinglePage.Edition> EDITIONS = List.of(
        new SinglePage.Edition("en", "", NAME + ".html", "AgentOps self-hosting guide"),
        new SinglePage.Edition("ko", "ko", NAME + "-ko.html", "AgentOps 자체 호스팅 가이드"));

    /** What was written, or the problems that stopped it. */
    public record Result(Path zip, long bytes, int files, long searchIndexBytes, List<ExternalReferenceScan.Problem> problems,
                         List<Finding> findings) {
        public boolean ok() {
            return problems.isEmpty() && findings.stream().noneMatch(Finding::isError);
        }
    }

    /**
     * A scan of what the bundle builds after the site (the single-page editions, given by their
     * paths under {@code folder}); an error stops the bundle as an offline problem does.
     */
    @FunctionalInterface
    public interface OutputScan {
        OutputScan NONE = (folder, files) -> List.of();

        List<Finding> scan(Path folder, List<Path> files) throws IOException;
    }

    private final String version;
    private final long epochSeconds;
    private final OpenPgpSigner signer;
    private final Map<String, Path> extras;
    private OutputScan scan = OutputScan.NONE;

    public Bundle(String version, long epochSeconds) {
        this(version, epochSeconds, null, Map.of());
    }

    /**
     * @param signer signs SHA256SUMS, or null for an unsigned bundle
     * @param extras files to add at the folder's top level, by name (the PDF editions)
     */
    public Bundle(String version, long epochSeconds, OpenPgpSigner signer, Map<String, Path> extras) {
        this.version = version;
        this.epochSeconds = epochSeconds;
        this.signer = signer;
        this.extras = new TreeMap<>(extras);
    }

    /** Runs {@code scan} on the single-page editions once they are written. */
    public Bundle scanning(OutputScan scan) {
        this.scan = scan;
        return this;
    }

    /**
     * What a bundle run killed before it finished (SIGINT, SIGKILL) leaves beside {@code zip}: its
     * work folder and its half-written zip and checksum. The names carry the process id (group 1);
     * the names of earlier versions (no id) only their age.
     */
    public static java.util.regex.Pattern leftovers(Path zip) {
        String base = java.util.regex.Pattern.quote("." + zip.getFileName());
        return java.util.regex.Pattern.compile(base + "(?:(?:\\.work-|\\.part-|\\.sha256\\.part-)(\\d+)-.+|\\.work-\\d+|\\d+(?:\\.sha256)?\\.part)");
    }

    /** The checksum file written beside {@code zip}. */
    public static Path checksumFile(Path zip) {
        return zip.resolveSibling(zip.getFileName() + ".sha256");
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
        SiteOutput.removeAbandoned(parent, leftovers(zip), false);
        long pid = ProcessHandle.current().pid();
        Path work = Files.createTempDirectory(parent, "." + zip.getFileName() + ".work-" + pid + "-");
        Path temp = null;
        try {
            Path folder = work.resolve(folderName());
            copy(site, folder);
            List<String> singles = new ArrayList<>();
            List<Path> singleFiles = new ArrayList<>();
            for (SinglePage.Edition edition : EDITIONS) {
                SinglePage page = new SinglePage(folder, edition, catalog.nav());
                if (Files.isRegularFile(folder.resolve(edition.dir()).resolve("index.html"))) {
                    singleFiles.add(page.write(folder));
                    singles.add(singleFiles.get(singleFiles.size() - 1).getFileName().toString());
                }
            }
            // Assembled from pages the site scans passed, yet a new text: scanned as a reader downloads it.
            List<Finding> findings = scan.scan(folder, singleFiles);
            if (findings.stream().anyMatch(Finding::isError)) {
                return new Result(zip, 0, 0, 0, List.of(), findings);
            }
            for (Map.Entry<String, Path> extra : extras.entrySet()) {
                Files.copy(extra.getValue(), folder.resolve(extra.getKey()));
            }
            Files.writeString(folder.resolve(README), readme(singles, zip.getFileName().toString()), StandardCharsets.UTF_8);
            dev.selfhostguide.upstream.FactsJson.write(catalog.dir(), folder);
            dev.selfhostguide.doctor.DoctorJar.write(folder.resolve(dev.selfhostguide.doctor.DoctorJar.NAME), epochSeconds);
            List<ExternalReferenceScan.Problem> problems = ExternalReferenceScan.scan(folder);
            if (!problems.isEmpty()) {
                // The work folder is gone when the caller reads these: name files as they are in the zip.
                return new Result(zip, 0, 0, 0, problems.stream().map(p -> new ExternalReferenceScan.Problem(
                    Path.of(folderName()).resolve(folder.relativize(p.file())), p.reference(), p.reason())).toList(), findings);
            }
            Path sums = Checksums.write(folder);
            if (signer != null) {
                Files.write(folder.resolve(OpenPgpSigner.FILE), signer.sign(Files.readAllBytes(sums), epochSeconds));
            }
            int files = Checksums.files(folder).size();
            long index = Files.isRegularFile(folder.resolve(SearchIndex.FILE)) ? Files.size(folder.resolve(SearchIndex.FILE)) : 0;
            temp = Files.createTempFile(parent, "." + zip.getFileName() + ".part-" + pid + "-", "");
            ReproducibleZip.write(folder, folderName() + "/", epochSeconds, temp);
            String digest = Checksums.sha256(temp);
            move(temp, zip);
            temp = null;
            // In the format 'sha256sum -c' reads, naming the zip as it sits beside this file.
            Path sum = Files.createTempFile(parent, "." + zip.getFileName() + ".sha256.part-" + pid + "-", "");
            try {
                Files.writeString(sum, digest + "  " + zip.getFileName() + "\n", StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(sum, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                move(sum, checksumFile(zip));
            } finally {
                Files.deleteIfExists(sum);
            }
            return new Result(zip, Files.size(zip), files, index, List.of(), findings);
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

    /** README.txt in English and Korean; {@code zip} is the name the zip is written under. */
    String readme(List<String> singles, String zip) {
        List<String> pdfs = extras.keySet().stream().filter(n -> n.endsWith(".pdf")).toList();
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
        if (!pdfs.isEmpty()) {
            text.append("The PDF editions, to print, file and approve: ").append(String.join(", ", pdfs)).append("\n");
        }
        text.append("\nThe example configuration files the guide refers to are in examples/.\n")
            .append("\nChecking your own files\n-----------------------\n")
            .append("With Java 17 or later, and no network, run the guide's checks on your deployment folder:\n\n")
            .append("    java -jar ").append(dev.selfhostguide.doctor.DoctorJar.NAME).append(" /path/to/your/app\n\n")
            .append("It reads your .env, compose, LiteLLM, collector and nginx files and prints each problem\n")
            .append("as file:line; secret values are never printed. --help lists the options.\n\n")
            .append("Checking the download\n---------------------\n")
            .append("1. The zip itself, before you unpack it: in the folder that holds the zip and\n")
            .append("   ").append(zip).append(".sha256, run\n\n")
            .append("       sha256sum -c ").append(zip).append(".sha256\n\n")
            .append("   It must print OK. (On macOS: shasum -a 256 -c ...)\n")
            .append("2. Who made it, if the bundle was signed (this folder then holds ").append(OpenPgpSigner.FILE).append("):\n")
            .append("   import the publisher's public key once (gpg --import KEY.asc), check its\n")
            .append("   fingerprint with the publisher by another channel, then run in this folder\n\n")
            .append("       gpg --verify ").append(OpenPgpSigner.FILE).append(" ").append(Checksums.FILE).append("\n\n")
            .append("   It must say \"Good signature\" from the key you expect.\n")
            .append("3. Every file: SHA256SUMS lists a SHA-256 checksum for every other file in this\n")
            .append("   folder. To check that nothing was damaged or changed on the way, run here\n\n")
            .append("       sha256sum -c SHA256SUMS\n\n")
            .append("   Every line must end in OK. (On macOS: shasum -a 256 -c SHA256SUMS.)\n")
            .append("\n\n")
            .append("AgentOps 자체 호스팅 가이드, 버전 ").append(version).append(", 오프라인판\n")
            .append("=".repeat(60)).append("\n\n")
            .append("이 폴더가 가이드 전체입니다. 네트워크도 웹 서버도 필요하지 않습니다.\n\n")
            .append("읽는 방법\n---------\n")
            .append("웹 브라우저로 ko/index.html 을 여세요. 파일을 두 번 누르거나 브라우저에 경로를\n")
            .append("주면 됩니다. 예: file:///home/you/").append(folderName()).append("/ko/index.html\n")
            .append("목차, 검색, 예제 파일 모두 디스크에서 그대로 동작합니다.\n");
        if (!singles.isEmpty()) {
            text.append("\n인쇄하거나 한 파일로 옮길 수 있는 단일 페이지판: ").append(String.join(", ", singles)).append("\n");
        }
        if (!pdfs.isEmpty()) {
            text.append("인쇄, 보관, 결재용 PDF판: ").append(String.join(", ", pdfs)).append("\n");
        }
        text.append("\n가이드가 가리키는 예제 설정 파일은 examples/ 에 있습니다.\n\n")
            .append("내려받은 파일 확인하기\n----------------------\n")
            .append("1. 압축을 풀기 전에 zip 파일 자체를 확인합니다. zip 과 ").append(zip).append(".sha256 이\n")
            .append("   있는 폴더에서 다음을 실행하면 OK 가 나와야 합니다.\n\n")
            .append("       sha256sum -c ").append(zip).append(".sha256\n\n")
            .append("2. 서명된 번들이면(이 폴더에 ").append(OpenPgpSigner.FILE).append(" 이 있으면) 누가 만들었는지 확인합니다.\n")
            .append("   배포자의 공개 키를 한 번 가져오고(gpg --import KEY.asc), 지문(fingerprint)을 다른\n")
            .append("   경로로 배포자에게 확인한 뒤, 이 폴더에서 다음을 실행합니다.\n\n")
            .append("       gpg --verify ").append(OpenPgpSigner.FILE).append(" ").append(Checksums.FILE).append("\n\n")
            .append("   기대한 키의 \"Good signature\" 가 나와야 합니다.\n")
            .append("3. 파일 하나하나: SHA256SUMS 에는 이 폴더의 다른 모든 파일의 SHA-256 체크섬이 있습니다.\n")
            .append("   옮기는 동안 손상되거나 바뀐 파일이 없는지 이 폴더에서 확인합니다.\n\n")
            .append("       sha256sum -c SHA256SUMS\n\n")
            .append("   모든 줄이 OK 로 끝나야 합니다. (macOS: shasum -a 256 -c SHA256SUMS)\n");
        return text.toString();
    }
}

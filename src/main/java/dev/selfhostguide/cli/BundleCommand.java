package dev.selfhostguide.cli;

import dev.selfhostguide.bake.SiteOutput;
import dev.selfhostguide.bake.OutputGuard;
import dev.selfhostguide.bake.PublishedSecrets;
import dev.selfhostguide.bundle.Bundle;
import dev.selfhostguide.bundle.Checksums;
import dev.selfhostguide.bundle.ExternalReferenceScan;
import dev.selfhostguide.bundle.OpenPgpSigner;
import dev.selfhostguide.bundle.SourceDate;
import dev.selfhostguide.content.Project;
import dev.selfhostguide.pdf.PdfStep;
import dev.selfhostguide.pipeline.Pipeline;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guide bundle}: build the site as {@code build} does, then pack the offline bundle from it. */
@Command(name = "bundle", sortOptions = false,
    description = "build the site and pack the offline bundle (zip) from it",
    footer = {"", "Builds the site exactly as 'guide build' does (publishing target/site), then writes",
        "target/agentops-selfhost-guide-VERSION-offline.zip (or FILE): the site with its search",
        "and example files, a single-page edition per language, README.txt and SHA256SUMS.",
        "Every file is first scanned for anything that needs a network; one such reference",
        "fails the bundle. Two bundles of the same commit are byte for byte the same: entries",
        "carry SOURCE_DATE_EPOCH, else the last commit's date, else 1980-01-01.",
        "A failed bundle leaves the previous zip (and site) as they were. FILE.sha256 is written",
        "beside the zip, for 'sha256sum -c' after the zip crossed the gap.", "",
        "Exit codes: 0 bundled, 1 content or offline problems (one line each), 2 usage error."})
final class BundleCommand extends Subcommand {

    @Option(names = "--out", paramLabel = "FILE", description = "write the zip to FILE instead")
    String out;

    @Option(names = "--sign", paramLabel = "KEYFILE", description = {"sign SHA256SUMS with the OpenPGP secret key in KEYFILE",
        "(gpg --export-secret-keys --armor); the bundle then holds SHA256SUMS.asc, which",
        "'gpg --verify SHA256SUMS.asc SHA256SUMS' checks. A protected key's passphrase is read",
        "from $GUIDE_SIGN_PASSPHRASE"})
    String sign;

    @Option(names = "--no-pdf", description = "leave out the PDF editions (see 'guide pdf'); without fonts-nanum they are left out with a note, or fail under CI=true")
    boolean noPdf;

    @Option(names = "--no-checks", description = "skip the snippet checks (Asciidoctor, template and link errors still fail)")
    boolean noChecks;

    @Override
    public Integer call() throws Exception {
        Environment env = env();
        Console console = console();
        long start = System.nanoTime();
        Project project = Project.find(env.directory());
        String version = version();
        Path zip = pathOption(env, "--out", out, project.target().resolve(Bundle.fileName(version)));
        OutputGuard.bundleFile(project, zip, Checksums.FILE).ifPresent(why -> {
            throw new UsageException("--out: " + why);
        });
        OpenPgpSigner signer = signer(env);
        Path staging = SiteOutput.staging(project.site());
        boolean published = false;
        try {
            Pipeline.Outcome outcome = SiteRun.run(env, console, project, staging, !noChecks, failsOnMissingPrograms());
            if (outcome.errors() > 0) {
                console.summary("bundle failed: " + outcome.errors() + " problem" + (outcome.errors() == 1 ? "" : "s")
                    + "; " + project.show(zip) + " was left as it was (" + seconds(start) + ")");
                return Main.CONTENT;
            }
            java.util.Map<String, Path> pdfs = java.util.Map.of();
            if (!noPdf) {
                long pdfStart = System.nanoTime();
                PdfStep.Outcome pdf = PdfStep.run(env.runtime().get(), project, outcome.catalog(), project.target().resolve("pdf"),
                    env.variables());
                console.findings(pdf.findings(), project);
                if (pdf.skipped() != null) {
                    console.error(pdf.skipped());
                } else if (!pdf.ok()) {
                    console.summary("bundle failed: " + pdf.failed() + "; " + project.show(zip) + " was left as it was ("
                        + seconds(start) + ")");
                    return Main.CONTENT;
                } else {
                    console.info("pdf: " + pdf.files().size() + " editions in " + seconds(pdfStart));
                }
                pdfs = pdf.files();
            }
            Bundle.Result result = new Bundle(version, SourceDate.resolve(env.variables(), project.root()), signer, pdfs)
                .scanning((folder, files) -> PublishedSecrets.scanFiles(project, outcome.catalog(), folder, files))
                .write(staging, outcome.catalog(), zip);
            if (!result.findings().isEmpty()) {
                console.findings(result.findings(), project);
            }
            if (result.findings().stream().anyMatch(dev.selfhostguide.snippets.Finding::isError)) {
                console.summary("bundle failed: the single-page editions show what looks like a secret; " + project.show(zip)
                    + " was left as it was (" + seconds(start) + ")");
                return Main.CONTENT;
            }
            if (!result.ok()) {
                for (ExternalReferenceScan.Problem problem : result.problems()) {
                    console.error(zip.getFileName() + "!/" + problem.file() + ": [offline] '" + problem.reference()
                        + "' " + problem.reason());
                }
                console.summary("bundle failed: " + result.problems().size() + " reference"
                    + (result.problems().size() == 1 ? "" : "s") + " would break offline; " + project.show(zip)
                    + " was left as it was (" + seconds(start) + ")");
                return Main.CONTENT;
            }
            SiteOutput.publish(staging, project.site());
            published = true;
            console.summary(String.format("bundled %d pages into %s: %s, %d files, search index %s, in %s",
                outcome.pages().size(), project.show(zip), size(result.bytes()), result.files(),
                size(result.searchIndexBytes()), seconds(start)));
            return Main.OK;
        } finally {
            if (!published) {
                SiteOutput.delete(staging);
            }
        }
    }

    /** The key --sign names, unlocked before the long build so a bad key fails at once (exit 2). */
    private OpenPgpSigner signer(Environment env) {
        Path key = pathOption(env, "--sign", sign, null);
        if (key == null) {
            return null;
        }
        String passphrase = env.variables().get(OpenPgpSigner.PASSPHRASE_VARIABLE);
        try {
            return OpenPgpSigner.load(key, passphrase == null ? new char[0] : passphrase.toCharArray());
        } catch (OpenPgpSigner.KeyException e) {
            throw new UsageException("--sign " + sign + ": " + e.getMessage());
        }
    }

    static String version() {
        return dev.selfhostguide.bundle.GuideVersion.current();
    }


    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format("%.1f MiB", bytes / 1048576.0) : String.format("%.1f KiB", bytes / 1024.0);
    }
}

package dev.selfhostguide.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selfhostguide.GuideFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guide bundle --sign KEYFILE}: a throw-away key made by the real gpg signs SHA256SUMS, and
 * the real gpg verifies the signature, and refuses it once SHA256SUMS is changed. Skipped per test
 * when gpg is missing, except under CI=true.
 */
class SignedBundleTest {

    static final Path GPG = Path.of("/usr/bin/gpg");

    @TempDir
    Path dir;
    Path home;

    record Result(int exit, String output) { }

    @BeforeEach
    void throwAwayKeyring() throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isExecutable(GPG), "CI=true but " + GPG + " is missing: apt-get install gnupg");
        }
        Assumptions.assumeTrue(Files.isExecutable(GPG), GPG + " is not installed (apt-get install gnupg); skipping the signing test");
        // gpg-agent's socket path must stay short: a folder of its own under /tmp, not the deep temp dir.
        home = Files.createTempDirectory(Path.of("/tmp"), "gpg-");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void stopAgent() throws Exception {
        if (home != null) {
            gpg(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"), null);
            dev.selfhostguide.bake.SiteOutput.delete(home);
        }
    }

    Result gpg(List<String> command, Path in) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GNUPGHOME", home.toString());
        if (in != null) {
            builder.redirectInput(in.toFile());
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gpg did not finish: " + command);
        return new Result(p.exitValue(), out);
    }

    /** A new unprotected Ed25519 signing key; returns its armored secret export. */
    Path throwAwayKey() throws Exception {
        Path params = dir.resolve("key-params");
        Files.writeString(params, """
            %no-protection
            Key-Type: eddsa
            Key-Curve: ed25519
            Key-Usage: sign
            Name-Real: Guide bundle test
            Name-Email: bundle-test@example.invalid
            Expire-Date: 0
            %commit
            """);
        Result made = gpg(List.of("gpg", "--batch", "--gen-key", params.toString()), null);
        assertEquals(0, made.exit(), made.output());
        Result exported = gpg(List.of("gpg", "--batch", "--armor", "--export-secret-keys", "bundle-test@example.invalid"), null);
        assertEquals(0, exported.exit(), exported.output());
        Path key = dir.resolve("key.asc");
        Files.writeString(key, exported.output());
        return key;
    }

    @Test
    void aSignedBundleVerifiesWithGpgAndATamperedOneDoesNot() throws Exception {
        Path key = throwAwayKey();
        GuideFixture fixture = BundleFixture.create(Files.createDirectory(dir.resolve("project")));
        GuideFixture.Run run = BundleTest.bundle(fixture, "--sign", key.toString());
        assertEquals(0, run.exitCode(), run.all());
        Path out = Files.createDirectory(dir.resolve("unzipped"));
        List<String> names = BundleTest.unzip(fixture.path(BundleTest.ZIP), out);
        assertTrue(names.contains(BundleTest.FOLDER + OpenPgpSigner.FILE), names.toString());
        Path folder = out.resolve(BundleTest.FOLDER);
        assertFalse(Files.readString(folder.resolve(Checksums.FILE)).contains(OpenPgpSigner.FILE),
            "the signature is not in the sums it signs");

        assertEquals(0, verify(folder).exit(), verify(folder).output());
        assertTrue(verify(folder).output().contains("Good signature"), verify(folder).output());

        Files.writeString(folder.resolve(Checksums.FILE), "0".repeat(64) + "  index.html\n", java.nio.file.StandardOpenOption.APPEND);
        Result bad = verify(folder);
        assertNotEquals(0, bad.exit(), "a changed SHA256SUMS must not verify: " + bad.output());
        assertTrue(bad.output().contains("BAD signature"), bad.output());

        byte[] first = Files.readAllBytes(fixture.path(BundleTest.ZIP));
        assertEquals(0, BundleTest.bundle(fixture, "--sign", key.toString()).exitCode());
        assertArrayEquals(first, Files.readAllBytes(fixture.path(BundleTest.ZIP)), "a signed bundle is reproducible too");
    }

    private Result verify(Path folder) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("gpg", "--batch", "--verify", OpenPgpSigner.FILE, Checksums.FILE)
            .directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().put("GNUPGHOME", home.toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), output);
    }

    @Test
    void aKeyThatCannotSignIsAUsageErrorBeforeAnyBuild() throws Exception {
        Path key = throwAwayKey();
        Result pub = gpg(List.of("gpg", "--batch", "--armor", "--export", "bundle-test@example.invalid"), null);
        Path publicOnly = dir.resolve("public.asc");
        Files.writeString(publicOnly, pub.output());
        Files.writeString(dir.resolve("garbage.asc"), "not a key\n");
        GuideFixture fixture = BundleFixture.create(Files.createDirectory(dir.resolve("project")));
        List<String> lines = new ArrayList<>();
        for (String bad : List.of(publicOnly.toString(), dir.resolve("garbage.asc").toString(), dir.resolve("missing.asc").toString())) {
            GuideFixture.Run run = BundleTest.bundle(fixture, "--sign", bad);
            assertEquals(2, run.exitCode(), run.all());
            assertTrue(run.err().strip().lines().count() <= 2 && run.err().contains("--sign " + bad + ": "), run.all());
            lines.add(run.err().strip());
        }
        assertFalse(Files.exists(fixture.path(BundleTest.ZIP)), "nothing was built: " + lines);
        assertTrue(lines.get(2).contains("no such file"), lines.get(2));
        assertTrue(key.toFile().isFile());
    }

    @Test
    void aProtectedKeyNeedsItsPassphrase() throws Exception {
        Path params = dir.resolve("key-params");
        Files.writeString(params, """
            Key-Type: eddsa
            Key-Curve: ed25519
            Key-Usage: sign
            Name-Real: Guide bundle test
            Name-Email: protected@example.invalid
            Passphrase: correct horse
            Expire-Date: 0
            %commit
            """);
        assertEquals(0, gpg(List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--gen-key", params.toString()), null).exit());
        Result exported = gpg(List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "correct horse",
            "--armor", "--export-secret-keys", "protected@example.invalid"), null);
        assertEquals(0, exported.exit(), exported.output());
        Path key = dir.resolve("protected.asc");
        Files.writeString(key, exported.output());
        OpenPgpSigner.KeyException wrong = assertThrows(OpenPgpSigner.KeyException.class,
            () -> OpenPgpSigner.load(key, "wrong".toCharArray()));
        assertTrue(wrong.getMessage().contains(OpenPgpSigner.PASSPHRASE_VARIABLE), wrong.getMessage());
        OpenPgpSigner signer = OpenPgpSigner.load(key, "correct horse".toCharArray());
        Path data = dir.resolve("data");
        Files.writeString(data, "hello\n");
        Path sig = dir.resolve("data.asc");
        Files.write(sig, signer.sign(Files.readAllBytes(data), SourceDate.ZIP_EPOCH));
        Result verified = gpg(List.of("gpg", "--batch", "--verify", sig.toString(), data.toString()), null);
        assertEquals(0, verified.exit(), verified.output());
        assertTrue(verified.output().contains(signer.fingerprint()) || verified.output().contains(signer.fingerprint().substring(24)),
            verified.output());
    }
}

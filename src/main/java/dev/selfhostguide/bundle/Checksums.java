package dev.selfhostguide.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA256SUMS for a folder, in the format {@code sha256sum -c} reads: one line per file, the hex
 * digest, two spaces, the path relative to the folder with forward slashes; sorted by path.
 */
public final class Checksums {

    public static final String FILE = "SHA256SUMS";

    private Checksums() {
    }

    /** Writes {@code dir/SHA256SUMS} covering every other file under {@code dir}. */
    public static Path write(Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String name : files(dir)) {
            if (name.equals(FILE)) {
                continue;
            }
            if (name.contains("\n") || name.contains("\\")) {
                // sha256sum escapes such names, and we would have to as well; the guide has none.
                throw new IOException("cannot list '" + name + "' in " + FILE + ": rename it");
            }
            out.append(sha256(dir.resolve(name))).append("  ").append(name).append('\n');
        }
        Path sums = dir.resolve(FILE);
        Files.writeString(sums, out.toString(), StandardCharsets.UTF_8);
        return sums;
    }

    /** Every file under {@code dir}, relative, with forward slashes, sorted. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                .map(p -> dir.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                .sorted()
                .toList();
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

package dev.selfhostguide.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Writes the standalone doctor jar for the offline bundle: the tool's own classes, the catalog
 * (guide-data/), and SnakeYAML, with {@link dev.selfhostguide.cli.DoctorMain} as its main class.
 * JBake, JRuby and the rest of the build's dependencies stay out: doctor never loads them. The jar
 * is byte-identical for the same classes and catalog (sorted entries, one timestamp).
 */
public final class DoctorJar {

    public static final String NAME = "agentops-doctor.jar";
    static final String MAIN_CLASS = "dev.selfhostguide.cli.DoctorMain";

    private DoctorJar() { }

    /** Writes the jar to {@code jar}; {@code epochSeconds} is every entry's time. */
    public static void write(Path jar, long epochSeconds) throws IOException {
        Path staging = Files.createTempDirectory("guide-doctor-jar-");
        try {
            copyFrom(location(DoctorJar.class), staging, true);
            copyFrom(location(org.yaml.snakeyaml.Yaml.class), staging, false);
            copyFrom(location(picocli.CommandLine.class), staging, false);   // the command line doctor shares with guide
            Path manifest = staging.resolve("META-INF/MANIFEST.MF");
            Files.createDirectories(manifest.getParent());
            Files.writeString(manifest, "Manifest-Version: 1.0\r\nMain-Class: " + MAIN_CLASS
                + "\r\nCreated-By: guide bundle\r\n\r\n", StandardCharsets.UTF_8);
            Files.createDirectories(jar.toAbsolutePath().getParent());
            zip(staging, epochSeconds, jar);
        } finally {
            try (Stream<Path> walk = Files.walk(staging)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Zips the staged folder: the manifest first, then every folder and file in sorted order, all
     * with one local time (no time zone in play). Folders get entries of their own, because the
     * catalog is found with getResource("guide-data"), which needs one.
     */
    private static void zip(Path staging, long epochSeconds, Path jar) throws IOException {
        java.time.LocalDateTime time = java.time.LocalDateTime.ofEpochSecond(Math.max(epochSeconds, 315_532_800L), 0,
            java.time.ZoneOffset.UTC);
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path p : walk.filter(x -> !x.equals(staging)).toList()) {
                String name = staging.relativize(p).toString().replace('\\', '/');
                names.add(Files.isDirectory(p) ? name + "/" : name);
            }
        }
        names.remove("META-INF/");
        names.remove("META-INF/MANIFEST.MF");
        java.util.List<String> ordered = new java.util.ArrayList<>(java.util.List.of("META-INF/", "META-INF/MANIFEST.MF"));
        ordered.addAll(names);
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            out.setLevel(9);
            for (String name : ordered) {
                java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(name);
                entry.setTimeLocal(time);
                out.putNextEntry(entry);
                if (!name.endsWith("/")) {
                    Files.copy(staging.resolve(name), out);
                }
                out.closeEntry();
            }
        }
    }

    private static Path location(Class<?> type) throws IOException {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IOException("cannot find where " + type.getName() + " was loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot read " + source.getLocation() + ": " + e.getMessage());
        }
    }

    /**
     * Copies a classes folder or a jar into {@code staging}: for the tool, its classes and
     * guide-data/; for a library, everything but its manifest, signatures and module descriptor
     * (the doctor jar is one plain class path jar).
     */
    private static void copyFrom(Path from, Path staging, boolean tool) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = from.relativize(file).toString().replace('\\', '/');
                    if (wanted(name, tool)) {
                        Path target = staging.resolve(name);
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target);
                    }
                }
            }
            return;
        }
        try (JarFile in = new JarFile(from.toFile())) {
            for (JarEntry entry : in.stream().sorted(Comparator.comparing(JarEntry::getName)).toList()) {
                if (entry.isDirectory() || !wanted(entry.getName(), tool)) {
                    continue;
                }
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream data = in.getInputStream(entry)) {
                    Files.copy(data, target);
                }
            }
        }
    }

    private static boolean wanted(String name, boolean tool) {
        if (tool) {
            return name.startsWith("dev/selfhostguide/") || name.startsWith("guide-data/");
        }
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return !upper.equals("META-INF/MANIFEST.MF") && !upper.endsWith(".SF") && !upper.endsWith(".RSA") && !upper.endsWith(".DSA")
            && !name.endsWith("module-info.class") && !name.startsWith("META-INF/versions/");
    }
}

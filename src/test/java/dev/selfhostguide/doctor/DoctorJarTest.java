package dev.selfhostguide.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor jar of the offline bundle runs alone: java -jar, no JBake, no JRuby, catalog inside. */
class DoctorJarTest {

    @TempDir
    Path dir;

    @Test
    void runsAloneWithTheCatalogInside() throws Exception {
        Path jar = dir.resolve("tools/" + DoctorJar.NAME);
        DoctorJar.write(jar, 1_700_000_000L);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals("dev.selfhostguide.cli.DoctorMain", file.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(file.getEntry("guide-data/variables.yml") != null, "catalog inside");
            assertTrue(file.getEntry("org/yaml/snakeyaml/Yaml.class") != null, "SnakeYAML inside");
            assertFalse(file.stream().anyMatch(e -> e.getName().startsWith("org/jruby/") || e.getName().startsWith("org/jbake/")),
                "no JRuby, no JBake");
        }
        // The same inputs give the same bytes.
        Path again = dir.resolve("again.jar");
        DoctorJar.write(again, 1_700_000_000L);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(jar), Files.readAllBytes(again)));

        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve(".env"), "JWT_SECRET_KEY=super-secret-jwt-token-with-at-least-32-characters-long\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), ".").directory(work.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains(".env:1: [dotenv] JWT_SECRET_KEY is set to a published example value"), out);
        assertTrue(out.contains(".env: read as the AgentOps app/.env"), out);
        assertFalse(out.contains("super-secret-jwt-token-with-at-least-32-characters-long"), out);
        List<String> help = List.of(java, "-jar", jar.toString(), "--help");
        Process h = new ProcessBuilder(help).redirectErrorStream(true).start();
        assertTrue(h.waitFor(60, TimeUnit.SECONDS));
        assertTrue(new String(h.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("[FILE|DIR...]"));
    }
}

package dev.selfhostguide.doctor;

import dev.selfhostguide.checks.FileKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a deployment folder doctor checks together: .env files, compose files and
 * overrides, LiteLLM and collector configs, nginx files. Examples and templates
 * ({@code .env.example}) are the project's, not the deployment's, and are left out, as are
 * dependency and build folders. Three levels deep is enough for {@code app/}, {@code supabase/docker/}.
 */
final class FolderScan {

    static final int DEPTH = 3;
    static final long MAX_FILES = 200;

    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", "target", ".venv", "venv", "__pycache__",
        "dist", "build", ".next", ".idea", ".vscode", "vendor", "volumes");
    private static final Set<FileKind> CHECKED = Set.of(FileKind.DOTENV, FileKind.COMPOSE, FileKind.LITELLM, FileKind.OTEL,
        FileKind.NGINX);

    private FolderScan() { }

    /** The files to check under {@code dir}, in path order. */
    static List<Path> scan(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, DEPTH)) {
            for (Path file : walk.sorted().toList()) {
                if (found.size() >= MAX_FILES) {
                    break;
                }
                if (!Files.isRegularFile(file) || skipped(dir, file) || Files.size(file) > 256 * 1024) {
                    continue;
                }
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.matches(".*\\.(example|sample|template|dist|tmpl|tpl|bak|orig)$")) {
                    continue;
                }
                if (!name.startsWith(".env") && !name.contains(".env") && !name.endsWith(".yaml") && !name.endsWith(".yml")
                        && !name.endsWith(".conf")) {
                    continue;
                }
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\r\n", "\n");
                Optional<FileKind> kind = FileKind.detect(file, text);
                if (kind.isPresent() && CHECKED.contains(kind.get())) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static boolean skipped(Path root, Path file) {
        Path relative = root.relativize(file);
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (SKIPPED_DIRS.contains(relative.getName(i).toString())) {
                return true;
            }
        }
        return false;
    }
}

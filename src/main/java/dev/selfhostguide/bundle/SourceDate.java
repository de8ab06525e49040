package dev.selfhostguide.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one timestamp every entry of the bundle carries, so two bundles of the same commit are the
 * same bytes: SOURCE_DATE_EPOCH (the reproducible-builds convention) if set, else the date of the
 * last commit, else 1980-01-01, the earliest date a zip entry can hold.
 */
public final class SourceDate {

    /** 1980-01-01T00:00:00Z. */
    public static final long ZIP_EPOCH = 315_532_800L;

    private SourceDate() {
    }

    public static long resolve(Map<String, String> env, Path projectRoot) {
        String fixed = env.get("SOURCE_DATE_EPOCH");
        if (fixed != null && !fixed.isBlank()) {
            try {
                return clamp(Long.parseLong(fixed.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SOURCE_DATE_EPOCH is not a number of seconds: '" + fixed + "'");
            }
        }
        Long commit = commitDate(projectRoot);
        return commit == null ? ZIP_EPOCH : clamp(commit);
    }

    private static long clamp(long seconds) {
        return Math.max(ZIP_EPOCH, seconds);
    }

    /** {@code git log -1 --format=%ct}, or null when there is no git or no commit. */
    static Long commitDate(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "log", "-1", "--format=%ct")
                .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            git.getOutputStream().close();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return null;
            }
            return git.exitValue() == 0 && out.matches("\\d+") ? Long.parseLong(out) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

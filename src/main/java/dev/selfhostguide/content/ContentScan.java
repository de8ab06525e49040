package dev.selfhostguide.content;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks at every file under content/ before anything converts it, so that bytes Asciidoctor or
 * JBake would choke on (or silently pass into a reader's copy) are reported at file:line:
 * invalid UTF-8, a byte order mark, CRLF line endings, oversized files, and symbolic links that
 * loop or lead outside the content folder (JBake's crawler would follow them).
 */
public final class ContentScan {

    /** The largest content file accepted; the whole guide is far below it. */
    public static final long MAX_BYTES = 1024 * 1024;

    /** One problem: a file, a line (0 for the whole file) and what is wrong. */
    public record Problem(Path file, int line, String message) { }

    private ContentScan() {
    }

    public static List<Problem> scan(Path content) {
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(content)) {
            problems.add(new Problem(content, 0, "there is no content folder here"));
            return problems;
        }
        Path root;
        try {
            root = content.toRealPath();
        } catch (IOException e) {
            problems.add(new Problem(content, 0, "cannot read the content folder: " + e.getMessage()));
            return problems;
        }
        walk(root, root, problems);
        return problems;
    }

    private static void walk(Path dir, Path root, List<Problem> problems) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(dir, 0, "cannot list: " + e.getMessage()));
            return;
        }
        for (Path entry : entries) {
            if (Files.isSymbolicLink(entry)) {
                Path target;
                try {
                    target = entry.toRealPath();
                } catch (IOException e) {
                    problems.add(new Problem(entry, 0, "symbolic link that cannot be resolved (a loop, or its target is missing)"));
                    continue;
                }
                if (!target.startsWith(root)) {
                    problems.add(new Problem(entry, 0, "symbolic link to " + target + ", outside the content folder"));
                    continue;
                }
                if (Files.isDirectory(target) && entry.toAbsolutePath().normalize().startsWith(target)) {
                    problems.add(new Problem(entry, 0, "symbolic link loop: it points to its own parent folder " + target));
                    continue;
                }
                if (Files.isDirectory(target)) {
                    problems.add(new Problem(entry, 0, "symbolic link to a folder; the crawler would see its pages twice"));
                    continue;
                }
            }
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                walk(entry, root, problems);
            } else if (Files.isRegularFile(entry)) {
                checkFile(entry, problems);
            }
        }
    }

    private static void checkFile(Path file, List<Problem> problems) {
        String name = file.getFileName().toString();
        if (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".svg") || name.endsWith(".gif")) {
            return;
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.add(new Problem(file, 0, "the file is " + size / 1024 + " KiB; content files are limited to "
                    + MAX_BYTES / 1024 + " KiB (a snippet this size is not something a reader copies)"));
                return;
            }
            problems.addAll(scanBytes(file, Files.readAllBytes(file)));
        } catch (IOException e) {
            problems.add(new Problem(file, 0, "cannot read: " + e.getMessage()));
        }
    }

    /** The problems of one file's bytes: a BOM, invalid UTF-8, or CRLF line endings (the first only). */
    public static List<Problem> scanBytes(Path file, byte[] bytes) {
        List<Problem> problems = new ArrayList<>();
        {
            if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
                problems.add(new Problem(file, 1, "the file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM"));
                return problems;
            }
            int line = firstInvalidUtf8Line(bytes);
            if (line > 0) {
                problems.add(new Problem(file, line, "invalid UTF-8; save the file as UTF-8"));
                return problems;
            }
            int crlf = firstCrlfLine(bytes);
            if (crlf > 0) {
                problems.add(new Problem(file, crlf, "Windows line ending (CRLF); use LF line endings, or a CR "
                    + "ends up in every value read from this line"));
            }
        }
        return problems;
    }

    /** The 1-based line of the first byte sequence that is not UTF-8, or 0. */
    static int firstInvalidUtf8Line(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(bytes));
            return 0;
        } catch (CharacterCodingException e) {
            // Decode line by line to find where it breaks.
            int line = 1;
            int start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    try {
                        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, i - start));
                    } catch (CharacterCodingException bad) {
                        return line;
                    }
                    line++;
                    start = i + 1;
                }
            }
            return 1;
        }
    }

    static int firstCrlfLine(byte[] bytes) {
        int line = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                return line;
            }
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return 0;
    }
}

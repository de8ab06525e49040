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
 * invalid UTF-8, a byte order mark, CRLF line endings, oversized files, symbolic links that
 * loop or lead outside the content folder (JBake's crawler would follow them), FIFOs, sockets and
 * devices (reading one blocks forever; they are recognised from their mode, never opened), and
 * pages nested deeper than Asciidoctor's recursive parser survives.
 */
public final class ContentScan {

    /** The largest content file accepted; the whole guide is far below it. */
    public static final long MAX_BYTES = 1024 * 1024;

    /**
     * The deepest nesting of delimited blocks (example, sidebar, quote, open) a page may have. The
     * guide nests three at most; Asciidoctor recurses per level and JRuby's stack ends near a
     * hundred, in a StackOverflowError of a thousand lines.
     */
    public static final int MAX_BLOCK_DEPTH = 16;

    /** The deepest list a page may have (marker length of {@code *}, {@code .}, {@code ::}); the guide uses two. */
    public static final int MAX_LIST_DEPTH = 10;

    private static final java.util.regex.Pattern DELIMITER =
        java.util.regex.Pattern.compile("^(?:={4,}|\\*{4,}|_{4,}|-{4,}|\\.{4,}|\\+{4,}|/{4,}|--)\\s*$");
    /** Blocks whose content is not parsed: a delimiter line inside one is text, not nesting. */
    private static final String VERBATIM = "-.+/";
    private static final java.util.regex.Pattern LIST_MARKER =
        java.util.regex.Pattern.compile("^\\s*(\\*+|\\.+|-)\\s+\\S");
    private static final java.util.regex.Pattern DESCRIPTION_MARKER =
        java.util.regex.Pattern.compile("^\\S.*?(:{2,}|;;)(?:\\s|$)");

    /** One problem: a file, a line (0 for the whole file) and what is wrong. */
    public record Problem(Path file, int line, String message) { }

    private ContentScan() {
    }

    /**
     * What the scan found in each file, kept for the next scan (serve scans the content folder
     * before and during every rebuild): a file is read again only when it changed ({@link FileMemo}).
     */
    public static final class Memo {
        private final FileMemo<List<Problem>> files = new FileMemo<>(ContentScan::checkFile);
        private final FileMemo<List<java.util.Map.Entry<Integer, String>>> includes = new FileMemo<>(ContentScan::includes);
    }

    public static List<Problem> scan(Path content) {
        return scan(content, null);
    }

    /** {@link #scan(Path)}, reading only the files that changed since {@code memo}'s last scan (null: every file). */
    public static List<Problem> scan(Path content, Memo memo) {
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
        walk(root, root, problems, memo);
        if (problems.isEmpty()) {
            problems.addAll(includeCycles(root, memo));
        }
        return problems;
    }

    private static void walk(Path dir, Path root, List<Problem> problems, Memo memo) {
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
                String special = specialKind(target);
                if (special != null) {
                    problems.add(new Problem(entry, 0, "symbolic link to " + special + "; content holds only regular files"));
                    continue;
                }
            }
            String special = specialKind(entry);
            if (special != null) {
                problems.add(new Problem(entry, 0, "this is " + special + ", not a file; reading it could block the build "
                    + "forever, so it is not opened. Remove it from the content folder"));
                continue;
            }
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                walk(entry, root, problems, memo);
            } else if (Files.isRegularFile(entry)) {
                try {
                    problems.addAll(memo == null ? checkFile(entry) : memo.files.get(entry));
                } catch (IOException e) {
                    problems.add(new Problem(entry, 0, "cannot read: " + e.getMessage()));
                }
            }
        }
    }

    private static List<Problem> checkFile(Path file) {
        List<Problem> problems = new ArrayList<>();
        String name = file.getFileName().toString();
        if (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".svg") || name.endsWith(".gif")) {
            return problems;
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.add(new Problem(file, 0, "the file is " + size / 1024 + " KiB; content files are limited to "
                    + MAX_BYTES / 1024 + " KiB (a snippet this size is not something a reader copies)"));
                return problems;
            }
            byte[] bytes = Files.readAllBytes(file);
            List<Problem> found = scanBytes(file, bytes);
            problems.addAll(found);
            if (found.isEmpty() && (name.endsWith(".adoc") || name.endsWith(".asciidoc") || name.endsWith(".ad"))) {
                problems.addAll(nesting(file, new String(bytes, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            problems.add(new Problem(file, 0, "cannot read: " + e.getMessage()));
        }
        return problems;
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

    private static final java.util.regex.Pattern INCLUDE = java.util.regex.Pattern.compile("^include::([^\\[\\s{]+)\\[");

    /**
     * Pages that include themselves, directly or through other files: Asciidoctor follows the
     * loop to its depth limit and prints one warning per level (hundreds of lines). One line here,
     * at the include that closes the loop. Targets resolve as the bake's Asciidoctor resolves them:
     * against the content root and against the including file's folder; targets with attributes
     * are left to Asciidoctor.
     */
    static List<Problem> includeCycles(Path root, Memo memo) {
        java.util.Map<Path, List<java.util.Map.Entry<Integer, Path>>> edges = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".adoc") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                List<java.util.Map.Entry<Integer, Path>> out = new ArrayList<>();
                for (java.util.Map.Entry<Integer, String> include : memo == null ? includes(file) : memo.includes.get(file)) {
                    for (Path base : List.of(root, file.getParent())) {
                        Path target = base.resolve(include.getValue()).normalize();
                        if (target.toString().endsWith(".adoc") && Files.isRegularFile(target)) {
                            out.add(java.util.Map.entry(include.getKey(), target));
                            break;
                        }
                    }
                }
                edges.put(file.normalize(), out);
            }
        } catch (IOException | RuntimeException e) {
            return List.of();                  // unreadable files are reported by the walk
        }
        List<Problem> problems = new ArrayList<>();
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (Path start : edges.keySet()) {
            java.util.ArrayDeque<Path> path = new java.util.ArrayDeque<>();
            findCycle(start, edges, path, new java.util.HashSet<>(), problems, reported);
        }
        return problems;
    }

    /** Each include line of a page: its number and its target as written. */
    private static List<java.util.Map.Entry<Integer, String>> includes(Path file) throws IOException {
        List<java.util.Map.Entry<Integer, String>> found = new ArrayList<>();
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            java.util.regex.Matcher m = INCLUDE.matcher(lines[i]);
            if (m.find()) {
                found.add(java.util.Map.entry(i + 1, m.group(1)));
            }
        }
        return found;
    }

    private static void findCycle(Path file, java.util.Map<Path, List<java.util.Map.Entry<Integer, Path>>> edges,
                                  java.util.ArrayDeque<Path> path, java.util.Set<Path> done, List<Problem> problems,
                                  java.util.Set<String> reported) {
        // reported holds one key per loop: its files, sorted, joined
        path.addLast(file);
        for (java.util.Map.Entry<Integer, Path> edge : edges.getOrDefault(file, List.of())) {
            Path target = edge.getValue();
            if (path.contains(target)) {
                // Each loop once, whichever of its files the search started from.
                List<Path> members = new ArrayList<>(path).subList(new ArrayList<>(path).indexOf(target), path.size());
                if (reported.add(String.join("\n", new java.util.TreeSet<>(members.stream().map(Path::toString).toList())))) {
                    problems.add(new Problem(file, edge.getKey(), target.equals(file) ? "this page includes itself"
                        : "this include closes a loop: " + target.getFileName() + " includes " + file.getFileName()
                        + ", directly or through other files"));
                }
            } else if (done.add(target)) {
                findCycle(target, edges, path, done, problems, reported);
            }
        }
        path.removeLast();
    }

    /**
     * What a path is when it is neither a file nor a folder ("a FIFO (named pipe)", "a device"...),
     * read from its mode without opening it; {@code null} for files, folders and links.
     */
    public static String specialKind(Path path) {
        try {
            java.nio.file.attribute.BasicFileAttributes attributes =
                Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isOther()) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        int type;
        try {
            type = ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
        return switch (type) {
            case 0010000 -> "a FIFO (named pipe)";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0140000 -> "a socket";
            default -> "a special file";
        };
    }

    /**
     * The first place a page nests blocks or lists deeper than the limits, found by a line scan
     * before Asciidoctor's recursive parser sees the page. Delimiter lines inside verbatim blocks
     * (listing, literal, passthrough, comment) are text and do not count.
     */
    public static List<Problem> nesting(Path file, String text) {
        List<Problem> problems = new ArrayList<>();
        java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            java.util.regex.Matcher delimiter = DELIMITER.matcher(line);
            if (delimiter.matches()) {
                String fence = line.strip();
                if (!open.isEmpty() && open.peek().equals(fence)) {
                    open.pop();
                } else if (open.isEmpty() || !verbatim(open.peek())) {
                    open.push(fence);
                    if (open.size() > MAX_BLOCK_DEPTH) {
                        problems.add(new Problem(file, i + 1, "blocks nested too deeply (limit " + MAX_BLOCK_DEPTH
                            + "): this " + fence.charAt(0) + " block is level " + open.size() + "; Asciidoctor would "
                            + "overflow its stack on a page like this"));
                        return problems;
                    }
                }
                continue;
            }
            if (!open.isEmpty() && verbatim(open.peek())) {
                continue;
            }
            int depth = 0;
            java.util.regex.Matcher list = LIST_MARKER.matcher(line);
            if (list.find()) {
                depth = list.group(1).length();
            } else {
                java.util.regex.Matcher description = DESCRIPTION_MARKER.matcher(line);
                if (description.find()) {
                    depth = description.group(1).equals(";;") ? 4 : description.group(1).length() - 1;
                }
            }
            if (depth > MAX_LIST_DEPTH) {
                problems.add(new Problem(file, i + 1, "list nested too deeply (limit " + MAX_LIST_DEPTH + "): this item is "
                    + "level " + depth + "; Asciidoctor would overflow its stack on a page like this"));
                return problems;
            }
        }
        return problems;
    }

    private static boolean verbatim(String fence) {
        return fence.length() >= 4 && VERBATIM.indexOf(fence.charAt(0)) >= 0;
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

package dev.selfhostguide.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a folder as a zip whose bytes depend only on the files' names and contents: entries in
 * sorted order, one fixed timestamp, fixed Unix permissions (0755 for shell scripts, 0644 for the
 * rest), no extra fields. java.util.zip cannot set permissions and converts times through the
 * local time zone, so the few records a zip needs are written here directly.
 */
public final class ReproducibleZip {

    private static final int MADE_BY_UNIX = (3 << 8) | 20;
    private static final int NEEDED = 20;
    private static final int UTF8_NAMES = 1 << 11;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    private ReproducibleZip() {
    }

    /**
     * Zips every file under {@code dir} into {@code zip}, each named {@code prefix + relative path}.
     * {@code epochSeconds} is the modification time of every entry (UTC, at most 2 s precise).
     */
    public static void write(Path dir, String prefix, long epochSeconds, Path zip) throws IOException {
        List<String> names = Checksums.files(dir);
        if (names.size() >= 0xffff) {
            throw new IOException("too many files for a zip without zip64: " + names.size());
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.max(epochSeconds, SourceDate.ZIP_EPOCH), 0, ZoneOffset.UTC);
        int dosTime = (time.getHour() << 11) | (time.getMinute() << 5) | (time.getSecond() / 2);
        int dosDate = ((time.getYear() - 1980) << 9) | (time.getMonthValue() << 5) | time.getDayOfMonth();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        try (Counting out = new Counting(Files.newOutputStream(zip))) {
            for (String relative : names) {
                byte[] name = (prefix + relative).getBytes(StandardCharsets.UTF_8);
                byte[] data = Files.readAllBytes(dir.resolve(relative));
                CRC32 crc = new CRC32();
                crc.update(data);
                byte[] deflated = deflate(data);
                boolean store = deflated.length >= data.length;
                byte[] body = store ? data : deflated;
                long offset = out.count;
                if (offset > 0xffffffffL || body.length > 0xffffffffL) {
                    throw new IOException("the bundle is too large for a zip without zip64");
                }
                int mode = relative.endsWith(".sh") ? 0100755 : 0100644;

                header(out, 0x04034b50);
                short16(out, NEEDED);
                common(out, store ? STORED : DEFLATED, dosTime, dosDate, crc.getValue(), body.length, data.length, name.length);
                out.write(name);
                out.write(body);

                header(central, 0x02014b50);
                short16(central, MADE_BY_UNIX);
                short16(central, NEEDED);
                common(central, store ? STORED : DEFLATED, dosTime, dosDate, crc.getValue(), body.length, data.length, name.length);
                short16(central, 0);              // comment length
                short16(central, 0);              // disk number
                short16(central, 0);              // internal attributes
                int32(central, (long) mode << 16);  // external attributes: Unix mode in the high half
                int32(central, offset);
                central.write(name);
            }
            long centralOffset = out.count;
            central.writeTo(out);
            header(out, 0x06054b50);
            short16(out, 0);
            short16(out, 0);
            short16(out, names.size());
            short16(out, names.size());
            int32(out, central.size());
            int32(out, centralOffset);
            short16(out, 0);
        }
        // The caller writes to a temp file (mode 0600) and renames it: the zip readers download is 0644.
        dev.selfhostguide.bake.SiteOutput.makeReadable(zip);
    }

    /** The fields local and central headers share, from flags to the extra-field length. */
    private static void common(OutputStream out, int method, int time, int date, long crc, long compressed,
                               long size, int nameLength) throws IOException {
        short16(out, UTF8_NAMES);
        short16(out, method);
        short16(out, time);
        short16(out, date);
        int32(out, crc);
        int32(out, compressed);
        int32(out, size);
        short16(out, nameLength);
        short16(out, 0);                          // no extra fields: they would carry times
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] buffer = new byte[65536];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void header(OutputStream out, int signature) throws IOException {
        int32(out, signature & 0xffffffffL);
    }

    private static void short16(OutputStream out, int v) throws IOException {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
    }

    private static void int32(OutputStream out, long v) throws IOException {
        short16(out, (int) (v & 0xffff));
        short16(out, (int) ((v >>> 16) & 0xffff));
    }

    /** Counts bytes written, for the offsets the central directory records. */
    private static final class Counting extends java.io.FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(new java.io.BufferedOutputStream(out, 1 << 16));
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}

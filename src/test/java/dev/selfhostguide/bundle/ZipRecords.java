package dev.selfhostguide.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a zip's central directory, which java.util.zip does not expose (Unix modes, made-by). */
final class ZipRecords {

    record Central(String name, int madeBy, int unixMode, long dosDateTime) { }

    private ZipRecords() {
    }

    static List<Central> read(Path zip) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        int end = buf.limit() - 22;                      // no archive comment, so the record is last
        if (buf.getInt(end) != 0x06054b50) {
            throw new IOException("no end-of-central-directory record at the end");
        }
        int count = Short.toUnsignedInt(buf.getShort(end + 10));
        int at = buf.getInt(end + 16);
        List<Central> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (buf.getInt(at) != 0x02014b50) {
                throw new IOException("bad central header " + i);
            }
            int madeBy = Short.toUnsignedInt(buf.getShort(at + 4));
            long dateTime = Integer.toUnsignedLong(buf.getInt(at + 12));
            int nameLength = Short.toUnsignedInt(buf.getShort(at + 28));
            int extra = Short.toUnsignedInt(buf.getShort(at + 30));
            int comment = Short.toUnsignedInt(buf.getShort(at + 32));
            int external = buf.getInt(at + 38);
            byte[] name = new byte[nameLength];
            buf.get(at + 46, name);
            entries.add(new Central(new String(name, StandardCharsets.UTF_8), madeBy, external >>> 16, dateTime));
            at += 46 + nameLength + extra + comment;
        }
        return entries;
    }
}

package io.jgunicorn.deploy.war;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * Reads the zip central directory for what {@link java.util.zip.ZipEntry} does not expose: the Unix
 * file type kept in the upper half of the "external attributes". That is the only way to tell a
 * symlink entry from a file holding a path.
 */
final class ZipAttributes {

    private static final int EOCD_SIG = 0x06054b50;
    private static final int EOCD64_LOCATOR_SIG = 0x07064b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;
    private static final int MADE_BY_UNIX = 3;

    private ZipAttributes() {}

    /** Names of the entries recorded as Unix symbolic links. */
    static Set<String> symlinkEntries(Path zip) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long[] dir = centralDirectory(ch);
            ByteBuffer cen = read(ch, dir[0], (int) Math.min(dir[1], Integer.MAX_VALUE - 8));
            return scan(cen);
        }
    }

    /** Offset and size of the central directory, from the (zip64) end record. */
    private static long[] centralDirectory(FileChannel ch) throws IOException {
        long size = ch.size();
        int tailLen = (int) Math.min(size, 0xFFFF + 22);
        ByteBuffer tail = read(ch, size - tailLen, tailLen);
        for (int i = tailLen - 22; i >= 0; i--) {
            if (tail.getInt(i) != EOCD_SIG) {
                continue;
            }
            long cenSize = Integer.toUnsignedLong(tail.getInt(i + 12));
            long cenOff = Integer.toUnsignedLong(tail.getInt(i + 16));
            if ((cenOff == 0xFFFFFFFFL || cenSize == 0xFFFFFFFFL) && i >= 20 && tail.getInt(i - 20) == EOCD64_LOCATOR_SIG) {
                ByteBuffer eocd64 = read(ch, tail.getLong(i - 20 + 8), 56);
                return new long[] {eocd64.getLong(48), eocd64.getLong(40)};
            }
            return new long[] {cenOff, cenSize};
        }
        throw new ZipException("zip end record not found (truncated or not a zip archive)");
    }

    private static Set<String> scan(ByteBuffer cen) throws IOException {
        Set<String> links = new HashSet<>();
        int pos = 0;
        while (pos + 46 <= cen.limit() && cen.getInt(pos) == CEN_SIG) {
            int madeBy = (cen.getShort(pos + 4) & 0xFFFF) >>> 8;
            int nameLen = cen.getShort(pos + 28) & 0xFFFF;
            int extraLen = cen.getShort(pos + 30) & 0xFFFF;
            int commentLen = cen.getShort(pos + 32) & 0xFFFF;
            int mode = cen.getInt(pos + 38) >>> 16;
            if (pos + 46 + nameLen > cen.limit()) {
                throw new ZipException("central directory is truncated");
            }
            if (madeBy == MADE_BY_UNIX && (mode & S_IFMT) == S_IFLNK) {
                byte[] name = new byte[nameLen];
                cen.get(pos + 46, name);
                links.add(new String(name, StandardCharsets.UTF_8));
            }
            pos += 46 + nameLen + extraLen + commentLen;
        }
        return links;
    }

    private static ByteBuffer read(FileChannel ch, long offset, int length) throws IOException {
        if (offset < 0 || offset + length > ch.size()) {
            throw new ZipException("central directory points outside the file (truncated archive)");
        }
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, offset + buf.position()) < 0) {
                throw new ZipException("unexpected end of file");
            }
        }
        return buf.flip();
    }
}

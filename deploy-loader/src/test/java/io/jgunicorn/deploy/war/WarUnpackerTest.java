package io.jgunicorn.deploy.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.deploy.TestFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarUnpackerTest {

    @TempDir
    Path tmp;

    private final WarUnpacker unpacker = new WarUnpacker(UnpackLimits.DEFAULT);

    @Test
    void unpacksFilesAndDirectories() throws Exception {
        Path war = TestFiles.archive().dir("WEB-INF/").text("WEB-INF/web.xml", "<web-app/>").text("css/a.css", "body{}")
                .writeZip(tmp.resolve("app.war"));
        Path out = tmp.resolve("out");
        unpacker.unpack(war, out);
        assertEquals("body{}", Files.readString(out.resolve("css/a.css")));
        assertEquals("<web-app/>", Files.readString(out.resolve("WEB-INF/web.xml")));
    }

    @Test
    void refusesZipSlip() throws Exception {
        Path war = TestFiles.archive().text("ok.txt", "x").text("WEB-INF/../../evil.txt", "owned").writeZip(tmp.resolve("slip.war"));
        var e = assertThrows(AppLoadException.class, () -> unpacker.unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("zip-slip"), e.getMessage());
        assertTrue(e.getMessage().contains("slip.war"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
        assertFalse(Files.exists(tmp.resolve("out")), "half-unpacked directory is removed");
    }

    @Test
    void refusesBackslashZipSlip() throws Exception {
        Path war = TestFiles.archive().text("..\\evil.txt", "owned").writeZip(tmp.resolve("slip.war"));
        var e = assertThrows(AppLoadException.class, () -> unpacker.unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("zip-slip"), e.getMessage());
    }

    @Test
    void refusesAbsolutePaths() throws Exception {
        Path war = TestFiles.archive().text("/etc/evil.conf", "x").writeZip(tmp.resolve("abs.war"));
        var e = assertThrows(AppLoadException.class, () -> unpacker.unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
    }

    @Test
    void refusesWindowsDrivePaths() throws Exception {
        Path war = TestFiles.archive().text("C:/evil.conf", "x").writeZip(tmp.resolve("abs.war"));
        var e = assertThrows(AppLoadException.class, () -> unpacker.unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
    }

    @Test
    void refusesSymlinkEntries() throws Exception {
        byte[] zip = TestFiles.archive().text("index.html", "hi").text("link", "/etc/passwd").toZip();
        Path war = Files.write(tmp.resolve("link.war"), markSymlink(zip, "link"));
        var e = assertThrows(AppLoadException.class, () -> unpacker.unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("'link'") && e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void unixFileModesAreNotMistakenForSymlinks() throws Exception {
        byte[] zip = TestFiles.archive().text("run.sh", "echo").toZip();
        Path war = Files.write(tmp.resolve("modes.war"), setMode(zip, "run.sh", 0100755));
        unpacker.unpack(war, tmp.resolve("out"));
        assertTrue(Files.isRegularFile(tmp.resolve("out/run.sh")));
    }

    @Test
    void refusesHighCompressionRatio() throws Exception {
        Path war = TestFiles.archive().bytes("zeros.bin", new byte[8 << 20]).writeZip(tmp.resolve("bomb.war"));
        var e = assertThrows(AppLoadException.class, () -> unpacker.unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("zip bomb") && e.getMessage().contains("zeros.bin"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void refusesTotalSizeOverLimit() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(1).nextBytes(noise);
        Path war = TestFiles.archive().bytes("a.bin", noise).bytes("b.bin", noise).writeZip(tmp.resolve("big.war"));
        var small = new WarUnpacker(new UnpackLimits(100_000, 10, 200, 1 << 20));
        var e = assertThrows(AppLoadException.class, () -> small.unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("100000 unpacked bytes") && e.getMessage().contains("b.bin"), e.getMessage());
    }

    @Test
    void refusesTooManyEntries() throws Exception {
        var archive = TestFiles.archive();
        for (int i = 0; i < 5; i++) {
            archive.text("f" + i, "x");
        }
        Path war = archive.writeZip(tmp.resolve("many.war"));
        var e = assertThrows(AppLoadException.class,
                () -> new WarUnpacker(new UnpackLimits(1 << 20, 4, 200, 1 << 20)).unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("5 entries"), e.getMessage());
    }

    @Test
    void truncatedArchiveIsNamedInTheError() throws Exception {
        byte[] zip = TestFiles.archive().text("index.html", "hello ".repeat(1000)).toZip();
        Path war = Files.write(tmp.resolve("cut.war"), Arrays.copyOf(zip, zip.length / 2));
        var e = assertThrows(AppLoadException.class, () -> unpacker.unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains(war.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void garbageIsNamedInTheError() throws Exception {
        Path war = Files.writeString(tmp.resolve("junk.war"), "this is not a zip file at all");
        var e = assertThrows(AppLoadException.class, () -> unpacker.unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("junk.war") && e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void corruptEntryDataIsNamedInTheError() throws Exception {
        byte[] zip = TestFiles.archive().text("index.html", "hello world ".repeat(2000)).toZip();
        for (int i = 60; i < 200; i++) {
            zip[i] ^= (byte) 0x5A; // scramble deflated data, keep the directory intact
        }
        Path war = Files.write(tmp.resolve("rot.war"), zip);
        var e = assertThrows(AppLoadException.class, () -> unpacker.unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("rot.war"), e.getMessage());
    }

    @Test
    void missingFileIsNamedInTheError() {
        Path war = tmp.resolve("absent.war");
        var e = assertThrows(AppLoadException.class, () -> unpacker.unpack(war, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("absent.war"), e.getMessage());
    }

    static byte[] markSymlink(byte[] zip, String name) {
        return setMode(zip, name, 0120777);
    }

    /** Rewrites the central directory record of {@code name}: made by Unix, with the given st_mode. */
    static byte[] setMode(byte[] zip, String name, int mode) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) != 0x02014b50) {
                continue;
            }
            int nameLen = b.getShort(i + 28) & 0xFFFF;
            if (new String(zip, i + 46, nameLen, StandardCharsets.UTF_8).equals(name)) {
                b.putShort(i + 4, (short) ((3 << 8) | 20));
                b.putInt(i + 38, mode << 16);
                return zip;
            }
        }
        throw new AssertionError("no central directory record for " + name);
    }
}

package io.jgunicorn.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** WARs made from the example WARs (mostly hello) for deploy-directory tests, and ways to drop them in. */
final class WarFiles {

    private WarFiles() {}

    /** hello.war plus {@code version.txt} holding {@code version}, so a test can tell versions apart. */
    static byte[] helloVersion(String version) throws IOException {
        return helloWith(Map.of("version.txt", version));
    }

    /** hello.war whose web.xml declares a listener class that does not exist: it unpacks but cannot start. */
    static byte[] failingToStart() throws IOException {
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                  <listener><listener-class>io.jgunicorn.examples.NoSuchListener</listener-class></listener>
                </web-app>
                """;
        return helloWith(Map.of("WEB-INF/web.xml", webXml));
    }

    /** hello.war with entries added or replaced. */
    static byte[] helloWith(Map<String, String> entries) throws IOException {
        return with(Jgunicorn.exampleWar("hello"), entries);
    }

    /** The text of one entry of a WAR. */
    static String entry(Path war, String name) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(war.toFile())) {
            ZipEntry e = zip.getEntry(name);
            if (e == null) {
                throw new IOException(war + " has no " + name);
            }
            try (InputStream in = zip.getInputStream(e)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** {@code war} with entries added or replaced. */
    static byte[] with(Path war, Map<String, String> entries) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!entries.containsKey(e.getName())) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Writes under a hidden temporary name in the same directory, then renames: the way deploy tools should. */
    static void drop(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Unpacks a WAR into {@code dir} (an exploded WAR). */
    static void explode(byte[] war, Path dir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(war))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path p = dir.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else {
                    Files.createDirectories(p.getParent());
                    try (OutputStream out = Files.newOutputStream(p)) {
                        in.transferTo(out);
                    }
                }
            }
        }
    }

    static String read(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}

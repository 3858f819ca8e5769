package io.jgunicorn.deploy.war;

import io.jgunicorn.container.spi.AppLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a WAR into a private directory, refusing entries that would escape it (zip-slip),
 * absolute names, symbolic links, and archives that inflate beyond {@link UnpackLimits}.
 * On any failure the half-written directory is removed and nothing is left behind.
 */
public final class WarUnpacker {

    private final UnpackLimits limits;

    public WarUnpacker(UnpackLimits limits) {
        this.limits = limits;
    }

    /** Unpacks {@code war} into {@code target} (created; must not exist or be empty). */
    public void unpack(Path war, Path target) throws AppLoadException {
        try {
            Files.createDirectories(target);
            Set<String> links = ZipAttributes.symlinkEntries(war);
            try (ZipFile zip = new ZipFile(war.toFile())) {
                extractAll(war, zip, links, target.toRealPath());
            }
        } catch (AppLoadException e) {
            Trees.deleteQuietly(target);
            throw e;
        } catch (ZipException | java.io.EOFException e) {
            Trees.deleteQuietly(target);
            throw new AppLoadException("cannot read WAR " + war + ": truncated or corrupt archive (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            Trees.deleteQuietly(target);
            throw new AppLoadException("cannot read WAR " + war + ": " + e, e);
        }
    }

    private void extractAll(Path war, ZipFile zip, Set<String> links, Path root) throws IOException, AppLoadException {
        if (zip.size() > limits.maxEntries()) {
            throw refuse(war, null, "has " + zip.size() + " entries, more than the limit of " + limits.maxEntries());
        }
        long[] total = {0};
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (links.contains(entry.getName())) {
                throw refuse(war, entry, "is a symbolic link");
            }
            Path dest = destination(war, entry, root);
            if (entry.isDirectory()) {
                Files.createDirectories(dest);
            } else {
                Files.createDirectories(dest.getParent());
                copy(war, zip, entry, dest, total);
            }
        }
    }

    /** Where the entry goes, or a refusal when its name is absolute or climbs out of {@code root}. */
    private Path destination(Path war, ZipEntry entry, Path root) throws AppLoadException {
        String name = entry.getName().replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0) {
            throw refuse(war, entry, "has an absolute path");
        }
        Path dest = root.resolve(name).normalize();
        if (!dest.startsWith(root) || dest.equals(root) && !entry.isDirectory()) {
            throw refuse(war, entry, "escapes the target directory (zip-slip)");
        }
        return dest;
    }

    private void copy(Path war, ZipFile zip, ZipEntry entry, Path dest, long[] total) throws IOException, AppLoadException {
        byte[] buf = new byte[16384];
        long written = 0;
        try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(dest)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                written += n;
                total[0] += n;
                checkBomb(war, entry, written, total[0]);
                out.write(buf, 0, n);
            }
        }
        if (entry.getTime() > 0) {
            Files.setLastModifiedTime(dest, java.nio.file.attribute.FileTime.fromMillis(entry.getTime()));
        }
    }

    private void checkBomb(Path war, ZipEntry entry, long written, long total) throws AppLoadException {
        if (total > limits.maxTotalBytes()) {
            throw refuse(war, entry, "takes the archive past the limit of " + limits.maxTotalBytes() + " unpacked bytes (zip bomb?)");
        }
        long compressed = Math.max(1, entry.getCompressedSize());
        if (written > limits.ratioFloorBytes() && written / compressed > limits.maxRatio()) {
            throw refuse(war, entry, "inflates more than " + limits.maxRatio() + " times its compressed size (zip bomb?)");
        }
    }

    private static AppLoadException refuse(Path war, ZipEntry entry, String why) {
        String what = entry == null ? "" : " entry '" + entry.getName() + "'";
        return new AppLoadException("refusing WAR " + war + ":" + what + " " + why);
    }
}

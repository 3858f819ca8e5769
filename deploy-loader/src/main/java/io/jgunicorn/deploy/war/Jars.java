package io.jgunicorn.deploy.war;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Opening the jars of {@code WEB-INF/lib} so that a broken one is named in the error. */
public final class Jars {

    private Jars() {}

    public static ZipFile open(Path jar) throws IOException {
        try {
            return new ZipFile(jar.toFile());
        } catch (ZipException e) {
            throw new ZipException("WEB-INF/lib/" + jar.getFileName() + " is not a readable jar (" + e.getMessage() + ")");
        }
    }
}

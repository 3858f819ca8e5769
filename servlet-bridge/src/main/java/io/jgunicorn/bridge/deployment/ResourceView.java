package io.jgunicorn.bridge.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Set;

/**
 * The application's files, as the deploy loader exposes them: the WAR's content and the
 * {@code META-INF/resources} of jars in {@code WEB-INF/lib}. Paths start with "/" and are already
 * normalized by the caller; implementations refuse anything that escapes the application.
 */
public interface ResourceView {

    /** A URL for the resource, or null if there is none. */
    URL getResource(String path) throws IOException;

    /** The resource's content, or null if there is none or it is a directory. */
    InputStream open(String path) throws IOException;

    /** Directory listing as getResourcePaths defines it (directories end with "/"); null if no such directory. */
    Set<String> list(String dirPath);

    /** The file on disk for {@code getRealPath}, or null when the resource is not a plain file. */
    Path realPath(String path);

    /** Size and modification time of a file resource, or null if absent or a directory. */
    Attributes attributes(String path) throws IOException;

    /** What a static-file server needs to know for ETag and Last-Modified. */
    record Attributes(long size, long lastModifiedMillis) {}
}

package io.jgunicorn.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.w3c.dom.Document;

/**
 * What the adapter learns from a WAR without deploying it: its context path (the archive's base
 * name, as in a jgunicorn deploy directory) and the names of the servlets it declares in
 * {@code WEB-INF/web.xml}, with {@code @WebServlet} on classes of {@code WEB-INF/classes}, and in the
 * web-fragment.xml or annotated classes of {@code WEB-INF/lib} jars (unless web.xml is
 * metadata-complete). Arquillian's servlet protocol finds its runner servlet by name in this list.
 */
record WarMetadata(String baseName, String contextPath, Set<String> servletNames) {

    static WarMetadata of(Archive<?> archive) {
        String name = archive.getName();
        if (!name.endsWith(".war")) {
            throw new IllegalArgumentException("jgunicorn deploys web archives (.war), not " + name);
        }
        String base = name.substring(0, name.length() - 4);
        Set<String> servlets = new LinkedHashSet<>();
        Document webXml = webXml(archive);
        if (webXml != null) {
            servlets.addAll(ServletDeclarations.servletNames(webXml));
        }
        if (webXml == null || !ServletDeclarations.metadataComplete(webXml)) {
            archive.getContent().forEach((path, node) -> servlets.addAll(scanned(path, node)));
        }
        return new WarMetadata(base, contextPath(base), servlets);
    }

    /** {@code app} → {@code /app}, {@code ROOT} → {@code ""}, {@code a#b} → {@code /a/b}. */
    static String contextPath(String baseName) {
        return baseName.equals("ROOT") ? "" : "/" + baseName.replace('#', '/');
    }

    private static Document webXml(Archive<?> archive) {
        Node node = archive.get("WEB-INF/web.xml");
        if (node == null || node.getAsset() == null) {
            return null;
        }
        try (InputStream in = node.getAsset().openStream()) {
            return ServletDeclarations.xml(in, "WEB-INF/web.xml in " + archive.getName());
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable WEB-INF/web.xml in " + archive.getName() + ": " + e, e);
        }
    }

    private static Set<String> scanned(ArchivePath archivePath, Node node) {
        String path = archivePath.get();
        boolean classFile = path.startsWith("/WEB-INF/classes/") && path.endsWith(".class");
        boolean libJar = path.startsWith("/WEB-INF/lib/") && path.endsWith(".jar") && path.indexOf('/', 13) < 0;
        if (node.getAsset() == null || !classFile && !libJar) {
            return Set.of();
        }
        try (InputStream in = node.getAsset().openStream()) {
            return classFile
                    ? ServletDeclarations.annotatedServlet(in.readAllBytes()).map(Set::of).orElse(Set.of())
                    : new LinkedHashSet<>(ServletDeclarations.inLibraryJar(in, path));
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable " + path + ": " + e, e);
        }
    }
}

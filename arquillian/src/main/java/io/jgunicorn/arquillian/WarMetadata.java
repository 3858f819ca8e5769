package io.jgunicorn.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What the adapter learns from a WAR without deploying it: its context path (the archive's base
 * name, as in a jgunicorn deploy directory) and the names of the servlets it declares in
 * {@code WEB-INF/web.xml} or with {@code @WebServlet} on classes of {@code WEB-INF/classes}.
 */
record WarMetadata(String baseName, String contextPath, Set<String> servletNames) {

    private static final String WEB_SERVLET = "Ljakarta/servlet/annotation/WebServlet;";

    static WarMetadata of(Archive<?> archive) {
        String name = archive.getName();
        if (!name.endsWith(".war")) {
            throw new IllegalArgumentException("jgunicorn deploys web archives (.war), not " + name);
        }
        String base = name.substring(0, name.length() - 4);
        Set<String> servlets = new LinkedHashSet<>(webXmlServlets(archive));
        servlets.addAll(annotatedServlets(archive));
        return new WarMetadata(base, contextPath(base), servlets);
    }

    /** {@code app} → {@code /app}, {@code ROOT} → {@code ""}, {@code a#b} → {@code /a/b}. */
    static String contextPath(String baseName) {
        return baseName.equals("ROOT") ? "" : "/" + baseName.replace('#', '/');
    }

    private static List<String> webXmlServlets(Archive<?> archive) {
        Node node = archive.get("WEB-INF/web.xml");
        if (node == null || node.getAsset() == null) {
            return List.of();
        }
        try (InputStream in = node.getAsset().openStream()) {
            Document doc = parser().newDocumentBuilder().parse(in);
            NodeList servlets = doc.getElementsByTagNameNS("*", "servlet-name");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < servlets.getLength(); i++) {
                // <servlet-name> also appears in <servlet-mapping>: the set removes the repeats
                names.add(servlets.item(i).getTextContent().strip());
            }
            return names;
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalArgumentException("unreadable WEB-INF/web.xml in " + archive.getName() + ": " + e, e);
        }
    }

    private static DocumentBuilderFactory parser() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f;
    }

    private static List<String> annotatedServlets(Archive<?> archive) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<ArchivePath, Node> e : archive.getContent().entrySet()) {
            String path = e.getKey().get();
            if (path.startsWith("/WEB-INF/classes/") && path.endsWith(".class") && e.getValue().getAsset() != null) {
                try (InputStream in = e.getValue().getAsset().openStream()) {
                    servletName(ClassFile.of().parse(in.readAllBytes())).ifPresent(names::add);
                } catch (IOException | IllegalArgumentException ex) {
                    // not a readable class file: it declares no servlet
                }
            }
        }
        return names;
    }

    /** The {@code @WebServlet} name, or the class name as the spec's default. */
    private static Optional<String> servletName(ClassModel cls) {
        return cls.findAttribute(Attributes.runtimeVisibleAnnotations()).stream()
                .flatMap(a -> a.annotations().stream())
                .filter(a -> a.classSymbol().descriptorString().equals(WEB_SERVLET))
                .findFirst()
                .map(a -> nameElement(a).orElse(cls.thisClass().asInternalName().replace('/', '.')));
    }

    private static Optional<String> nameElement(Annotation a) {
        for (AnnotationElement el : a.elements()) {
            if (el.name().stringValue().equals("name") && el.value() instanceof AnnotationValue.OfString s
                    && !s.stringValue().isEmpty()) {
                return Optional.of(s.stringValue());
            }
        }
        return Optional.empty();
    }
}

package io.jgunicorn.arquillian;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Servlet names as a WAR declares them, read without loading anything: {@code <servlet-name>} in
 * web.xml and web-fragment.xml, {@code @WebServlet} in class files, and both inside a
 * {@code WEB-INF/lib} jar (where Arquillian's servlet protocol puts its runner servlet).
 */
final class ServletDeclarations {

    private static final String WEB_SERVLET = "Ljakarta/servlet/annotation/WebServlet;";
    private static final byte[] WEB_SERVLET_BYTES = WEB_SERVLET.getBytes(StandardCharsets.UTF_8);

    private ServletDeclarations() {}

    /** A web.xml or web-fragment.xml, parsed without fetching DTDs or expanding entities. */
    static Document xml(InputStream in, String where) {
        try {
            return parser().newDocumentBuilder().parse(in);
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalArgumentException("unreadable " + where + ": " + e, e);
        }
    }

    static List<String> servletNames(Document doc) {
        NodeList servlets = doc.getElementsByTagNameNS("*", "servlet-name");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < servlets.getLength(); i++) {
            // <servlet-name> also appears in <servlet-mapping>: callers collect into a set
            names.add(servlets.item(i).getTextContent().strip());
        }
        return names;
    }

    /** {@code metadata-complete="true"}: the annotations (and, on web.xml, the fragments) do not count. */
    static boolean metadataComplete(Document doc) {
        return "true".equalsIgnoreCase(doc.getDocumentElement().getAttribute("metadata-complete").strip());
    }

    /** The {@code @WebServlet} name of a class file, or the class name as the spec's default. */
    static Optional<String> annotatedServlet(byte[] classFile) {
        if (!contains(classFile, WEB_SERVLET_BYTES)) {
            return Optional.empty(); // the common case, without parsing the class
        }
        try {
            return servletName(ClassFile.of().parse(classFile));
        } catch (IllegalArgumentException notAClass) {
            return Optional.empty();
        }
    }

    /** The servlets a {@code WEB-INF/lib} jar declares in its web-fragment.xml and with annotations. */
    static List<String> inLibraryJar(InputStream jar, String where) throws IOException {
        List<String> fragment = new ArrayList<>();
        List<String> annotated = new ArrayList<>();
        boolean complete = false;
        try (ZipInputStream zip = new ZipInputStream(jar)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("META-INF/web-fragment.xml")) {
                    // a copy: the XML parser closes its stream, which must not close the jar's
                    Document doc = xml(new ByteArrayInputStream(zip.readAllBytes()), where + "!/META-INF/web-fragment.xml");
                    fragment.addAll(servletNames(doc));
                    complete = metadataComplete(doc);
                } else if (e.getName().endsWith(".class")) {
                    annotatedServlet(zip.readAllBytes()).ifPresent(annotated::add);
                }
            }
        }
        if (!complete) {
            fragment.addAll(annotated);
        }
        return fragment;
    }

    private static DocumentBuilderFactory parser() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f;
    }

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

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

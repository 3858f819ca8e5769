package io.jgunicorn.deploy.descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree read with StAX. Deployment descriptors are tiny, and walking a tree is far
 * clearer than a streaming state machine over two dozen element types. Elements are known by their
 * local name only: Servlet 3.0 through 6.1 differ in namespace, not in element names.
 */
record XmlElement(String name, String namespace, Map<String, String> attributes, String text, List<XmlElement> children) {

    /** A parsed document: its root, and the text of its DOCTYPE declaration (null when it has none). */
    record Document(XmlElement root, String doctype) {}

    /** Parses a document; DTDs and external entities are never loaded (no XXE, no network). */
    static XmlElement parse(InputStream in) throws XMLStreamException {
        return parseDocument(in).root();
    }

    /** {@link #parse}, keeping the DOCTYPE declaration (its text only: the DTD is not read). */
    static Document parseDocument(InputStream in) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        XMLStreamReader r = factory.createXMLStreamReader(in);
        try {
            String doctype = null;
            for (int event; (event = r.next()) != XMLStreamReader.START_ELEMENT; ) {
                if (event == XMLStreamReader.DTD) {
                    doctype = r.getText(); // the rest of the prolog (comments, PIs) is skipped
                }
            }
            return new Document(read(r), doctype);
        } finally {
            r.close();
        }
    }

    private static XmlElement read(XMLStreamReader r) throws XMLStreamException {
        String name = r.getLocalName();
        String ns = r.getNamespaceURI();
        Map<String, String> attrs = new HashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        List<XmlElement> children = new ArrayList<>();
        while (true) {
            int event = r.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                children.add(read(r));
            } else if (event == XMLStreamReader.CHARACTERS || event == XMLStreamReader.CDATA) {
                text.append(r.getText());
            } else if (event == XMLStreamReader.END_ELEMENT) {
                return new XmlElement(name, ns, attrs, text.toString().trim(), children);
            }
        }
    }

    static XmlElement parse(java.nio.file.Path file) throws IOException, XMLStreamException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return parse(in);
        }
    }

    XmlElement child(String local) {
        for (XmlElement c : children) {
            if (c.name.equals(local)) {
                return c;
            }
        }
        return null;
    }

    List<XmlElement> all(String local) {
        return children.stream().filter(c -> c.name.equals(local)).toList();
    }

    /** Trimmed text of the first child named {@code local}, or null. */
    String text(String local) {
        XmlElement c = child(local);
        return c == null ? null : c.text;
    }

    List<String> texts(String local) {
        return all(local).stream().map(XmlElement::text).toList();
    }

    boolean has(String local) {
        return child(local) != null;
    }

    String attr(String local) {
        return attributes.get(local);
    }
}

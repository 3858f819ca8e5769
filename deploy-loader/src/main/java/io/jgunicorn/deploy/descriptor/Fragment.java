package io.jgunicorn.deploy.descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One jar of {@code WEB-INF/lib} seen as a web fragment. A jar without {@code web-fragment.xml} is
 * still a fragment (unnamed, unordered, empty), because its annotations and initializers count too.
 *
 * @param jarName the jar's file name, which is how class origins and initializers refer to it
 * @param xml     its parsed descriptor, or an empty one
 */
public record Fragment(String jarName, WebXml xml) {

    static final String DESCRIPTOR = "META-INF/web-fragment.xml";

    public String name() {
        return xml.fragmentName;
    }

    /** Reads every jar's fragment descriptor, in jar name order. */
    public static List<Fragment> scan(List<Path> jars, String warName) throws DescriptorException, IOException {
        List<Fragment> out = new ArrayList<>();
        for (Path jar : jars) {
            String jarName = jar.getFileName().toString();
            out.add(new Fragment(jarName, read(jar, warName + "!/WEB-INF/lib/" + jarName + "!/" + DESCRIPTOR)));
        }
        return out;
    }

    private static WebXml read(Path jar, String source) throws DescriptorException, IOException {
        try (ZipFile zip = io.jgunicorn.deploy.war.Jars.open(jar)) {
            ZipEntry e = zip.getEntry(DESCRIPTOR);
            if (e == null) {
                WebXml empty = new WebXml();
                empty.source = source;
                return empty;
            }
            try (InputStream in = zip.getInputStream(e)) {
                return WebXmlParser.parse(in, source);
            }
        }
    }
}

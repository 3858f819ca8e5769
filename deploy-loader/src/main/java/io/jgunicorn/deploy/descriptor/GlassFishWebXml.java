package io.jgunicorn.deploy.descriptor;

import io.jgunicorn.bridge.deployment.RoleMappingDef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * The principal-to-role mapping of a WAR written for GlassFish or Payara: the
 * {@code <security-role-mapping>} elements of {@code WEB-INF/glassfish-web.xml} or, when there is
 * none, of the older {@code WEB-INF/sun-web.xml} (GlassFish's own order). Each names one
 * {@code role-name} and the {@code principal-name}s and {@code group-name}s that have it. Nothing
 * else of these files is read: they configure GlassFish (class loading, session managers, JSP
 * options), and jgunicorn's own settings stand for those. The DOCTYPE's DTD is never fetched.
 */
public final class GlassFishWebXml {

    /** The files looked for, the first present wins. */
    public static final List<String> FILES = List.of("WEB-INF/glassfish-web.xml", "WEB-INF/sun-web.xml");
    private static final List<String> ROOTS = List.of("glassfish-web-app", "sun-web-app");

    private GlassFishWebXml() {}

    /**
     * The mapping of the unpacked WAR at {@code appRoot}, or {@link RoleMappingDef#NONE} when it has neither file.
     *
     * @param name how errors name the application (the WAR the user gave)
     * @throws DescriptorException naming the file and what is wrong with it
     */
    public static RoleMappingDef read(Path appRoot, String name) throws DescriptorException {
        for (String file : FILES) {
            Path path = appRoot.resolve(file);
            if (Files.isRegularFile(path)) {
                String source = name + "!/" + file;
                try (InputStream in = Files.newInputStream(path)) {
                    return parse(in, source);
                } catch (IOException e) {
                    throw new DescriptorException(source + ": cannot read it: " + e.getMessage(), e);
                }
            }
        }
        return RoleMappingDef.NONE;
    }

    /** @param source names the file in errors and in the result */
    public static RoleMappingDef parse(InputStream in, String source) throws DescriptorException {
        XmlElement root;
        try {
            root = XmlElement.parse(in);
        } catch (XMLStreamException e) {
            throw new DescriptorException(source + ": not well-formed XML: " + e.getMessage(), e);
        }
        if (!ROOTS.contains(root.name())) {
            throw new DescriptorException(source + ": root element is <" + root.name() + ">, expected <"
                    + String.join("> or <", ROOTS) + ">");
        }
        List<RoleMappingDef.Mapping> mappings = new ArrayList<>();
        for (XmlElement m : root.all("security-role-mapping")) {
            List<String> roles = m.texts("role-name");
            if (roles.size() != 1 || roles.getFirst().isEmpty()) {
                throw new DescriptorException(source + ": a <security-role-mapping> needs exactly one non-empty <role-name>, it has "
                        + (roles.isEmpty() ? "none" : roles.size() == 1 ? "an empty one" : roles.size()));
            }
            String role = roles.getFirst();
            List<String> principals = names(m, "principal-name", role, source);
            List<String> groups = names(m, "group-name", role, source);
            if (principals.isEmpty() && groups.isEmpty()) {
                throw new DescriptorException(source + ": the <security-role-mapping> of role " + role
                        + " names no <principal-name> and no <group-name>");
            }
            mappings.add(new RoleMappingDef.Mapping(role, principals, groups));
        }
        return mappings.isEmpty() ? RoleMappingDef.NONE : new RoleMappingDef(source, mappings);
    }

    private static List<String> names(XmlElement mapping, String element, String role, String source) throws DescriptorException {
        List<String> out = mapping.texts(element);
        if (out.contains("")) {
            throw new DescriptorException(source + ": an empty <" + element + "> in the <security-role-mapping> of role " + role);
        }
        return out;
    }
}

package io.jgunicorn.deploy.descriptor;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;

/**
 * Tomcat's {@code META-INF/context.xml} (and the operator's file in the same format): the
 * {@code <Resource>}, {@code <Environment>} and {@code <Parameter>} children of {@code <Context>},
 * with their attributes as Tomcat reads them. Other elements ({@code <Valve>}, {@code <Manager>},
 * {@code <Realm>}, ...) configure Tomcat itself and are ignored, each named in {@link #ignored}.
 *
 * @param resources    name (relative to java:comp/env) → all attributes of the element, in order
 * @param environments {@code <Environment name type value override>}
 * @param parameters   {@code <Parameter name value override>}: context parameters
 * @param ignored      element names read but not applied
 */
public record ContextXml(Map<String, Map<String, String>> resources, List<Environment> environments,
                         List<Parameter> parameters, List<String> ignored) {

    public static final ContextXml EMPTY = new ContextXml(Map.of(), List.of(), List.of(), List.of());

    /** {@code override}: whether the web application's own declaration of the name wins (Tomcat's default true). */
    public record Environment(String name, String type, String value, boolean override) {}

    public record Parameter(String name, String value, boolean override) {}

    /** @param source names the file in errors */
    public static ContextXml parse(InputStream in, String source) throws DescriptorException {
        XmlElement root;
        try {
            root = XmlElement.parse(in);
        } catch (XMLStreamException e) {
            throw new DescriptorException(source + ": not well-formed XML: " + e.getMessage(), e);
        }
        if (!root.name().equals("Context")) {
            throw new DescriptorException(source + ": root element is <" + root.name() + ">, expected <Context>");
        }
        Map<String, Map<String, String>> resources = new LinkedHashMap<>();
        List<Environment> environments = new ArrayList<>();
        List<Parameter> parameters = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (XmlElement e : root.children()) {
            switch (e.name()) {
                case "Resource" -> {
                    String name = required(e, "name", source);
                    required(e, "type", source);
                    resources.put(name, new LinkedHashMap<>(e.attributes()));
                }
                case "Environment" -> environments.add(new Environment(required(e, "name", source), required(e, "type", source),
                        e.attr("value"), !"false".equalsIgnoreCase(e.attr("override"))));
                case "Parameter" -> parameters.add(new Parameter(required(e, "name", source), e.attr("value") == null ? "" : e.attr("value"),
                        !"false".equalsIgnoreCase(e.attr("override"))));
                default -> ignored.add(e.name());
            }
        }
        return new ContextXml(resources, environments, parameters, ignored);
    }

    private static String required(XmlElement e, String attribute, String source) throws DescriptorException {
        String v = e.attr(attribute);
        if (v == null || v.isBlank()) {
            throw new DescriptorException(source + ": <" + e.name() + "> without the attribute " + attribute);
        }
        return v.trim();
    }

    /** This file's declarations with {@code over}'s on top (the operator's file over the WAR's). */
    public ContextXml overriddenBy(ContextXml over) {
        Map<String, Map<String, String>> r = new LinkedHashMap<>(resources);
        r.putAll(over.resources);
        List<Environment> env = new ArrayList<>(over.environments);
        environments.stream().filter(e -> over.environments.stream().noneMatch(o -> o.name().equals(e.name()))).forEach(env::add);
        List<Parameter> params = new ArrayList<>(over.parameters);
        parameters.stream().filter(p -> over.parameters.stream().noneMatch(o -> o.name().equals(p.name()))).forEach(params::add);
        List<String> ign = new ArrayList<>(ignored);
        ign.addAll(over.ignored);
        return new ContextXml(r, env, params, ign);
    }
}

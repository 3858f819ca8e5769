package io.jgunicorn.deploy.descriptor;

import io.jgunicorn.bridge.deployment.JspConfigDef;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <jsp-config>}: taglibs and jsp-property-groups, read as text for
 * {@code ServletContext.getJspConfigDescriptor()}; the JSP engine interprets them. A Servlet 2.3
 * descriptor's {@code <taglib>} directly under {@code <web-app>} counts too.
 */
final class JspConfigParser {

    private JspConfigParser() {}

    static void read(XmlElement root, WebXml w) {
        List<XmlElement> taglibs = new ArrayList<>(root.all("taglib"));
        for (XmlElement config : root.all("jsp-config")) {
            taglibs.addAll(config.all("taglib"));
            for (XmlElement g : config.all("jsp-property-group")) {
                w.jspPropertyGroups.add(group(g));
            }
        }
        for (XmlElement t : taglibs) {
            w.taglibs.add(new JspConfigDef.Taglib(t.text("taglib-uri"), t.text("taglib-location")));
        }
    }

    private static JspConfigDef.PropertyGroup group(XmlElement g) {
        return new JspConfigDef.PropertyGroup(g.texts("url-pattern"), g.text("el-ignored"),
                g.text("error-on-el-not-found"), g.text("page-encoding"), g.text("scripting-invalid"), g.text("is-xml"),
                g.texts("include-prelude"), g.texts("include-coda"), g.text("deferred-syntax-allowed-as-literal"),
                g.text("trim-directive-whitespaces"), g.text("default-content-type"), g.text("buffer"),
                g.text("error-on-undeclared-namespace"));
    }
}

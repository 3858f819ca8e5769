package io.jgunicorn.bridge.core;

import io.jgunicorn.bridge.deployment.ServletDef;
import java.util.Map;

/**
 * Servlets declared with {@code <jsp-file>} (or {@code addJspFile}) become instances of the
 * application's JSP servlet, the one named {@code jsp} ({@link ServletDef#JSP_SERVLET}), as in Tomcat: its class, the declaration's
 * own init params, then {@code jspFile}, then the JSP servlet's params that the declaration left unset.
 */
public final class JspFiles {

    private JspFiles() {}

    /** Makes {@code holder} serve {@code jspFile}; with no JSP servlet class it leaves the holder without a class. */
    public static void convert(ServletHolder holder, String jspServletClass, Map<String, String> jspParams, String jspFile) {
        if (jspServletClass == null) {
            return;
        }
        holder.className(jspServletClass);
        holder.initParams().put("jspFile", jspFile.startsWith("/") ? jspFile : "/" + jspFile);
        jspParams.forEach(holder.initParams()::putIfAbsent);
    }
}

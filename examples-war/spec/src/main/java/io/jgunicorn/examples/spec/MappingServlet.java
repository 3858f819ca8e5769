package io.jgunicorn.examples.spec;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shows how the container matched the request: paths and HttpServletMapping, for every mapping kind. */
@WebServlet(name = "mapping", urlPatterns = {"/exact", "/prefix/*", "*.ext"})
public class MappingServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpServletMapping m = req.getHttpServletMapping();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requestURI", req.getRequestURI());
        out.put("contextPath", req.getContextPath());
        out.put("servletPath", req.getServletPath());
        out.put("pathInfo", req.getPathInfo());
        out.put("matchValue", m.getMatchValue());
        out.put("pattern", m.getPattern());
        out.put("mappingMatch", String.valueOf(m.getMappingMatch()));
        out.put("servletName", m.getServletName());
        out.put("tcclIsWebapp", Thread.currentThread().getContextClassLoader() == getClass().getClassLoader());
        out.put("requestsSeen", getServletContext().getAttribute(SpecListener.REQUESTS));
        out.put("initializer", getServletContext().getAttribute(SpecInitializer.ATTRIBUTE));
        Json.send(resp, out);
    }
}

package io.jgunicorn.bridge.testkit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers with the request's path pieces: servletPath|pathInfo|match|matchValue|pattern|servletName|requestURI|contextPath|dispatcherType. */
public class PathServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpServletMapping m = req.getHttpServletMapping();
        resp.setContentType("text/plain");
        resp.getWriter().print(req.getServletPath() + "|" + req.getPathInfo() + "|" + m.getMappingMatch() + "|" + m.getMatchValue()
                + "|" + m.getPattern() + "|" + m.getServletName() + "|" + req.getRequestURI() + "|" + req.getContextPath()
                + "|" + req.getDispatcherType());
    }
}

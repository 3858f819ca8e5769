package io.jgunicorn.examples.spec;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Mapped in web.xml for REQUEST, FORWARD and ERROR: records the dispatcher types it saw. */
public class SpecFilter extends HttpFilter {

    static final String ATTRIBUTE = "spec.filteredAs";

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        Object seen = req.getAttribute(ATTRIBUTE);
        req.setAttribute(ATTRIBUTE, (seen == null ? "" : seen + ",") + req.getDispatcherType());
        chain.doFilter(req, resp);
    }
}

package io.jgunicorn.examples.hello;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Declared in web.xml; marks every request and response so tests can see it ran. */
public class HelloFilter extends HttpFilter {

    static final String ATTRIBUTE = "hello.filter";

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        req.setAttribute(ATTRIBUTE, "ran");
        resp.setHeader("X-Hello-Filter", "ran");
        chain.doFilter(req, resp);
    }
}

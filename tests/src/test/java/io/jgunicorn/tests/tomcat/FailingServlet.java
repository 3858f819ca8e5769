package io.jgunicorn.tests.tomcat;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;

/** Copied into the WAR of {@code TomcatCompatTest}: a load-on-startup servlet whose init always fails. */
public class FailingServlet extends HttpServlet {

    @Override
    public void init() throws ServletException {
        throw new ServletException("database unreachable (FailingServlet)");
    }
}

package io.jgunicorn.tests.arquillian;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/** Sets the response locale named by {@code ?lang=}: the charset comes from locale-encoding mappings. */
@WebServlet(name = "locale", urlPatterns = "/locale")
public class LocaleServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.setLocale(Locale.forLanguageTag(req.getParameter("lang")));
        resp.getWriter().print("locale set");
    }
}

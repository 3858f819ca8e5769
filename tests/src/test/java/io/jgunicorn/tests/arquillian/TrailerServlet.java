package io.jgunicorn.tests.arquillian;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.TreeMap;

/** Reads the body to its end, then answers with the trailer fields the server let through. */
@WebServlet(name = "trailers", urlPatterns = "/trailers")
public class TrailerServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = req.getInputStream().readAllBytes();
        resp.setContentType("text/plain");
        resp.getWriter().print(body.length + " " + new TreeMap<>(req.getTrailerFields()));
    }
}

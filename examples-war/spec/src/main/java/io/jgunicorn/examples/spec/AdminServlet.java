package io.jgunicorn.examples.spec;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Behind a security constraint (web.xml: role admin, BASIC): shows who logged in. */
@WebServlet(name = "admin", urlPatterns = "/admin/*")
public class AdminServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
        out.put("isAdmin", req.isUserInRole("admin"));
        out.put("authType", req.getAuthType());
        Json.send(resp, out);
    }
}

package io.jgunicorn.tests.arquillian;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Names the authenticated user and whether the realm gave them the admin role. */
@WebServlet(name = "whoami", urlPatterns = "/admin/whoami")
public class WhoAmIServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().print(req.getRemoteUser() + " admin=" + req.isUserInRole("admin"));
    }
}

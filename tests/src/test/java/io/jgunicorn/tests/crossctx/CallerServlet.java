package io.jgunicorn.tests.crossctx;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Copied into the caller WAR of {@code CrossContextTest}: reaches the application at /target
 * through {@code getContext} and forwards to it or includes it, by the path info.
 */
public class CallerServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        resp.setContentType("text/plain;charset=UTF-8");
        ServletContext target = getServletContext().getContext("/target");
        String action = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (target == null || action.equals("/lookup")) {
            resp.getWriter().print("getContext(/target) = " + (target == null ? "null" : target.getContextPath()));
            return;
        }
        switch (action) {
            case "/forward" -> target.getRequestDispatcher("/show?via=forward").forward(req, resp);
            case "/include" -> {
                resp.getWriter().print("caller[");
                target.getRequestDispatcher("/show?via=include").include(req, resp);
                resp.getWriter().print("]");
            }
            case "/session" -> {
                HttpSession session = req.getSession();
                resp.getWriter().print("caller owner=" + session.getAttribute("owner") + "; ");
                session.setAttribute("owner", "caller");
                target.getRequestDispatcher("/show?via=session").include(req, resp);
            }
            default -> resp.sendError(404);
        }
    }
}

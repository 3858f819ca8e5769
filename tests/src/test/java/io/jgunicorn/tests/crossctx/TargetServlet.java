package io.jgunicorn.tests.crossctx;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** Copied into the target WAR of {@code CrossContextTest}: says how it was reached. */
public class TargetServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        StringBuilder out = new StringBuilder("target ").append(req.getDispatcherType())
                .append(" via=").append(req.getParameter("via"))
                .append(" context=").append(req.getServletContext().getContextPath())
                .append(" contextPath=").append(req.getContextPath())
                .append(" forwardedFrom=").append(req.getAttribute(RequestDispatcher.FORWARD_CONTEXT_PATH))
                .append(" includeContext=").append(req.getAttribute(RequestDispatcher.INCLUDE_CONTEXT_PATH))
                .append(" loaderIsMine=").append(Thread.currentThread().getContextClassLoader() == getClass().getClassLoader());
        if ("session".equals(req.getParameter("via"))) {
            HttpSession session = req.getSession();
            out.append(" owner=").append(session.getAttribute("owner"));
            session.setAttribute("owner", "target");
        }
        resp.getWriter().print(out);
    }
}

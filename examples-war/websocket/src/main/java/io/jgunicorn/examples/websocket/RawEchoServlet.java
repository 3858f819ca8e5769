package io.jgunicorn.examples.websocket;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A protocol of its own over the Servlet HTTP upgrade: {@code Upgrade: echo} switches the connection
 * to echoing bytes back, non-blocking ({@link NonBlockingEcho}) or, with {@code ?mode=blocking}, on a
 * thread of its own with blocking streams ({@link BlockingEcho}).
 */
@WebServlet("/raw")
public class RawEchoServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        if (!"echo".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            resp.setStatus(426);
            resp.setHeader("Upgrade", "echo");
            resp.getWriter().println("this resource speaks echo: send Connection: Upgrade, Upgrade: echo");
            return;
        }
        resp.setHeader("Upgrade", "echo");
        resp.setHeader("Connection", "Upgrade");
        if ("blocking".equals(req.getParameter("mode"))) {
            req.upgrade(BlockingEcho.class);
        } else {
            req.upgrade(NonBlockingEcho.class);
        }
    }
}

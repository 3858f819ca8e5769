package io.jgunicorn.examples.spec;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /session/count increments a per-session counter; /session/rotate changes the session id;
 * /session/invalidate ends the session. Each answer shows the id, the count and the worker pid.
 */
@WebServlet(name = "session", urlPatterns = "/session/*")
public class SessionServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        String op = String.valueOf(req.getPathInfo());
        HttpSession session = req.getSession(!op.equals("/invalidate"));
        switch (op) {
            case "/count" -> {
                Integer n = (Integer) session.getAttribute("count");
                session.setAttribute("count", n == null ? 1 : n + 1);
            }
            case "/rotate" -> out.put("oldId", session.getId());
            case "/invalidate" -> {
                if (session != null) {
                    session.invalidate();
                }
                out.put("invalidated", session != null);
                out.put("destroyed", SpecListener.destroyedSessions.get());
                Json.send(resp, out);
                return;
            }
            default -> {
                resp.sendError(404);
                return;
            }
        }
        if (op.equals("/rotate")) {
            req.changeSessionId();
        }
        out.put("id", session.getId());
        out.put("count", session.getAttribute("count"));
        out.put("isNew", session.isNew());
        out.put("encodedURL", resp.encodeURL(req.getContextPath() + "/session/count"));
        out.put("pid", ProcessHandle.current().pid());
        Json.send(resp, out);
    }
}

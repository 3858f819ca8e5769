package io.jgunicorn.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * A login-style flow over many requests, for the session stores:
 * {@code /session/login?user=U} (a new id, as after a real login), {@code /session/add?item=I}
 * (changes the cart in place, without setAttribute), {@code /session/show},
 * {@code /session/timeout?s=N}, {@code /session/logout}, {@code /session/bad} (a value that
 * cannot be serialized). Each answer names the worker that served it.
 */
@WebServlet(name = "session", urlPatterns = {"/session/*"})
public class SessionServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.setHeader("X-Worker-Pid", String.valueOf(ProcessHandle.current().pid()));
        String action = req.getPathInfo() == null ? "/show" : req.getPathInfo();
        HttpSession session = req.getSession(action.equals("/login"));
        if (session == null) {
            resp.getWriter().println("no session");
            return;
        }
        switch (action) {
            case "/login" -> {
                session.setAttribute("cart", new Cart(req.getParameter("user")));
                req.changeSessionId();
            }
            case "/add" -> {
                if (session.getAttribute("cart") instanceof Cart cart) {
                    cart.items().add(req.getParameter("item"));
                }
                Integer count = (Integer) session.getAttribute("count");
                session.setAttribute("count", count == null ? 1 : count + 1);
            }
            case "/timeout" -> session.setMaxInactiveInterval(Integer.parseInt(req.getParameter("s")));
            case "/logout" -> {
                session.invalidate();
                resp.getWriter().println("logged out");
                return;
            }
            case "/bad" -> session.setAttribute("bad", new Object());
            default -> { }
        }
        Cart cart = (Cart) session.getAttribute("cart");
        resp.getWriter().println("user=" + (cart == null ? "" : cart.owner()) + " items="
                + (cart == null ? "" : String.join(",", cart.items())) + " count=" + session.getAttribute("count"));
    }
}

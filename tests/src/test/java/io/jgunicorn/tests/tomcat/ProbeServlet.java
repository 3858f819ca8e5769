package io.jgunicorn.tests.tomcat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Copied into the WAR of {@code TomcatCompatTest}: answers what a Tomcat application relies on,
 * one probe per path.
 */
public class ProbeServlet extends HttpServlet {

    /** Not serializable: a shared session store cannot write it. */
    public static final class Cart {
        final String items;

        Cart(String items) {
            this.items = items;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        String probe = req.getPathInfo() == null ? "/" : req.getPathInfo();
        switch (probe) {
            case "/session-put" -> {
                HttpSession session = req.getSession();
                session.setAttribute("cart", new Cart(req.getParameter("items")));
                session.setAttribute("visits", 1);
                resp.getWriter().print("stored");
            }
            case "/session-get" -> {
                HttpSession session = req.getSession(false);
                Object cart = session == null ? null : session.getAttribute("cart");
                resp.getWriter().print("cart=" + (cart instanceof Cart c ? c.items : cart)
                        + " visits=" + (session == null ? null : session.getAttribute("visits")));
            }
            case "/classes" -> {
                StringBuilder out = new StringBuilder();
                for (String name : req.getParameterValues("name")) {
                    out.append(name).append('=').append(visible(name)).append('\n');
                }
                resp.getWriter().print(out);
            }
            case "/juli" -> {
                try {
                    Class<?> factory = Class.forName("org.apache.juli.logging.LogFactory");
                    Object log = factory.getMethod("getLog", Class.class).invoke(null, ProbeServlet.class);
                    Class.forName("org.apache.juli.logging.Log").getMethod("info", Object.class).invoke(log, "logged through JULI by ProbeServlet");
                    resp.getWriter().print("juli " + log.getClass().getName());
                } catch (ReflectiveOperationException e) {
                    throw new IOException(e);
                }
            }
            case "/jndi" -> resp.getWriter().print(Naming.describe(getServletContext()));
            case "/jndi-thread" -> {
                String[] out = new String[1];
                Thread t = new Thread(() -> out[0] = Naming.describe(getServletContext()));
                t.start();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                resp.getWriter().print(out[0]);
            }
            default -> resp.getWriter().print("probe " + probe);
        }
    }

    private static boolean visible(String name) {
        try {
            Class.forName(name, false, ProbeServlet.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

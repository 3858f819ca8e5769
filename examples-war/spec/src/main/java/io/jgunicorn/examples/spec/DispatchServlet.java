package io.jgunicorn.examples.spec;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /dispatch/forward forwards to /dispatch/target; /dispatch/include includes it; /dispatch/named
 * includes the "mapping" servlet by name; /dispatch/redirect redirects; /dispatch/error sends 418 (an
 * error page in web.xml renders it); /dispatch/throw throws (the exception's error page renders it);
 * /dispatch/target shows the dispatch attributes.
 */
@WebServlet(name = "dispatch", urlPatterns = "/dispatch/*")
public class DispatchServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        // an included servlet keeps the including request's paths; its own are in include.* attributes
        Object included = req.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO);
        String op = req.getDispatcherType() == jakarta.servlet.DispatcherType.INCLUDE ? String.valueOf(included)
                : String.valueOf(req.getPathInfo());
        switch (op) {
            case "/forward" -> req.getRequestDispatcher("/dispatch/target?via=forward").forward(req, resp);
            case "/include" -> {
                resp.setContentType("text/plain;charset=UTF-8");
                resp.getWriter().write("before|");
                req.getRequestDispatcher("/dispatch/target?via=include").include(req, resp);
                resp.getWriter().write("|after");
            }
            case "/named" -> getServletContext().getNamedDispatcher("mapping").forward(req, resp);
            case "/redirect" -> resp.sendRedirect("target?via=redirect");
            case "/error" -> resp.sendError(418, "short and stout");
            case "/throw" -> throw new IllegalStateException("thrown on purpose");
            case "/target" -> target(req, resp);
            default -> resp.sendError(404);
        }
    }

    private static void target(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dispatcherType", String.valueOf(req.getDispatcherType()));
        out.put("via", req.getParameter("via"));
        out.put("servletPath", req.getServletPath());
        out.put("pathInfo", req.getPathInfo());
        for (String a : new String[] {RequestDispatcher.FORWARD_REQUEST_URI, RequestDispatcher.FORWARD_SERVLET_PATH,
            RequestDispatcher.FORWARD_PATH_INFO, RequestDispatcher.INCLUDE_REQUEST_URI,
            RequestDispatcher.INCLUDE_SERVLET_PATH, RequestDispatcher.INCLUDE_PATH_INFO}) {
            out.put(a, req.getAttribute(a));
        }
        out.put("filteredAs", req.getAttribute(SpecFilter.ATTRIBUTE));
        String json = Json.of(out);
        if (req.getDispatcherType() == jakarta.servlet.DispatcherType.INCLUDE) {
            resp.getWriter().write(json);
        } else {
            Json.send(resp, out);
        }
    }
}

package io.jgunicorn.bench;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/** The servlets and filter the servlet benchmarks deploy (public: the bridge loads them by name). */
public final class BenchServlets {

    private BenchServlets() {}

    /** What the hello WAR does on GET /: a filter attribute, a header, three lines of text. */
    public static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=UTF-8");
            resp.setHeader("X-Worker-Pid", "4242");
            resp.getWriter().println("Hello from jgunicorn!");
            resp.getWriter().println("listener: started");
            resp.getWriter().println("filter: " + req.getAttribute(MarkFilter.ATTRIBUTE));
        }
    }

    /** The hello WAR's filter: a request attribute and a response header. */
    public static final class MarkFilter extends HttpFilter {
        static final String ATTRIBUTE = "bench.filter";

        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            req.setAttribute(ATTRIBUTE, "ran");
            resp.setHeader("X-Hello-Filter", "ran");
            chain.doFilter(req, resp);
        }
    }

    /** Reads what a typical controller reads from the request façade, answers a short digest. */
    public static final class Facade extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            int h = req.getMethod().hashCode();
            h = 31 * h + req.getRequestURI().hashCode();
            h = 31 * h + req.getContextPath().hashCode();
            h = 31 * h + req.getServletPath().hashCode();
            h = 31 * h + String.valueOf(req.getPathInfo()).hashCode();
            h = 31 * h + String.valueOf(req.getQueryString()).hashCode();
            h = 31 * h + req.getParameter("color").hashCode();
            h = 31 * h + req.getParameter("size").hashCode();
            h = 31 * h + req.getHeader("User-Agent").hashCode();
            h = 31 * h + req.getHeader("accept-language").hashCode();
            h = 31 * h + Collections.list(req.getHeaderNames()).size();
            h = 31 * h + req.getLocale().hashCode();
            for (Cookie c : req.getCookies()) {
                h = 31 * h + c.getName().hashCode() + c.getValue().hashCode();
            }
            h = 31 * h + req.getRemoteAddr().hashCode();
            h = 31 * h + req.getScheme().hashCode() + req.getServerName().hashCode() + req.getServerPort();
            h = 31 * h + req.getRequestURL().toString().hashCode();
            resp.setContentType("text/plain");
            resp.getOutputStream().print(Integer.toHexString(h));
        }
    }
}

package io.jgunicorn.examples.spec;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts requests and sessions; registers the "programmatic" servlet while the context starts. */
@WebListener
public class SpecListener implements ServletContextListener, ServletRequestListener, HttpSessionListener {

    static final String REQUESTS = "spec.requests";
    static final AtomicInteger destroyedSessions = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        var reg = sce.getServletContext().addServlet("programmatic", new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
                    throws java.io.IOException {
                resp.setContentType("text/plain;charset=UTF-8");
                resp.getWriter().write("registered by a listener");
            }
        });
        reg.addMapping("/programmatic");
    }

    @Override
    public void requestInitialized(ServletRequestEvent sre) {
        sre.getServletContext().setAttribute(REQUESTS, requests.incrementAndGet());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent se) {
        destroyedSessions.incrementAndGet();
    }
}

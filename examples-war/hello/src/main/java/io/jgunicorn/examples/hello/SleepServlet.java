package io.jgunicorn.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * GET /sleep?ms=N sleeps N milliseconds (at most a minute), then answers 200; with {@code busy=1} it
 * computes for that long instead, never pausing its thread (a CPU-bound request).
 */
@WebServlet(name = "sleep", urlPatterns = {"/sleep"})
public class SleepServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long ms;
        try {
            ms = Math.min(60_000, Math.max(0, Long.parseLong(req.getParameter("ms") == null ? "0" : req.getParameter("ms"))));
        } catch (NumberFormatException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "ms must be a number");
            return;
        }
        try {
            if ("1".equals(req.getParameter("busy"))) {
                spin(ms);
            } else {
                Thread.sleep(ms);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted");
            return;
        }
        resp.setContentType("text/plain;charset=UTF-8");
        resp.setHeader("X-Worker-Pid", String.valueOf(ProcessHandle.current().pid()));
        resp.getWriter().println("slept " + ms + " ms");
    }

    private static void spin(long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}

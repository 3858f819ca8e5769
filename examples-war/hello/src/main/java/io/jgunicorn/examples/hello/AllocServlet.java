package io.jgunicorn.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * GET /alloc?mb=N holds N MiB of heap for the duration of the request: a stand-in for a leaky or
 * greedy request, used to show that a worker that runs out of memory is replaced.
 */
@WebServlet(name = "alloc", urlPatterns = {"/alloc"})
public class AllocServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int mb = Integer.parseInt(req.getParameter("mb") == null ? "1" : req.getParameter("mb"));
        List<byte[]> held = new ArrayList<>();
        for (int i = 0; i < mb; i++) {
            held.add(new byte[1 << 20]);
        }
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().println("held " + held.size() + " MiB");
    }
}

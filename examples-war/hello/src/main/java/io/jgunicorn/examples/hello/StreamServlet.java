package io.jgunicorn.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** GET /stream?n=N writes N lines, flushing after each: a response of unknown length (chunked). */
@WebServlet(name = "stream", urlPatterns = {"/stream"})
public class StreamServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int n = Math.min(10_000, Integer.parseInt(req.getParameter("n") == null ? "3" : req.getParameter("n")));
        resp.setContentType("text/plain;charset=UTF-8");
        PrintWriter w = resp.getWriter();
        for (int i = 1; i <= n; i++) {
            w.println("line " + i);
            w.flush();
        }
    }
}

package io.jgunicorn.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GET / answers a greeting that shows the listener ran and which process served it. */
@WebServlet(name = "hello", urlPatterns = {""})
public class HelloServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.setHeader("X-Worker-Pid", String.valueOf(ProcessHandle.current().pid()));
        resp.setHeader("X-Scheme", req.getScheme()); // shows whether the app saw TLS (https, secure)
        resp.setHeader("X-Secure", String.valueOf(req.isSecure()));
        if (req.getAttribute("jakarta.servlet.request.X509Certificate") instanceof java.security.cert.X509Certificate[] c) {
            resp.setHeader("X-Client-Cert", c[0].getSubjectX500Principal().getName());
        }
        String say = req.getParameter("say");
        if (say != null) { // an app writing to stdout/stderr, for --capture-output
            System.out.println("hello says: " + say);
            System.err.println("hello warns: " + say);
        }
        resp.getWriter().println("Hello from jgunicorn!");
        resp.getWriter().println("listener: " + getServletContext().getAttribute(HelloListener.ATTRIBUTE));
        resp.getWriter().println("filter: " + req.getAttribute(HelloFilter.ATTRIBUTE));
    }
}

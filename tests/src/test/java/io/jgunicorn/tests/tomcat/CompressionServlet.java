package io.jgunicorn.tests.tomcat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Copied into the WAR of {@code CompressionTest}: a streamed JSON body and one the application gzipped itself. */
public class CompressionServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("/encoded".equals(req.getPathInfo())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write("already gzipped by the application ".repeat(200).getBytes(StandardCharsets.UTF_8));
            }
            resp.setContentType("text/plain");
            resp.setHeader("Content-Encoding", "gzip");
            resp.getOutputStream().write(bytes.toByteArray());
            return;
        }
        resp.setContentType("application/json");
        OutputStream out = resp.getOutputStream();
        out.write("[".getBytes(StandardCharsets.UTF_8));
        out.flush(); // committed before its length is known
        for (int i = 0; i < 500; i++) {
            out.write(("{\"n\":" + i + "},").getBytes(StandardCharsets.UTF_8));
        }
        out.write("{}]".getBytes(StandardCharsets.UTF_8));
    }
}

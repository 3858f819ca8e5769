package io.jgunicorn.examples.echo;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;

/**
 * Answers every method at every path with the request as JSON, in the shape the conformance
 * harness (shared/conformance/http-corpus.py) reads: method, requestURI, queryString, protocol,
 * headers in the order the API gives them, the body in base64, and trailers.
 * It overrides service() so that no method is refused.
 */
@WebServlet(name = "echo", urlPatterns = {"/"})
public class EchoServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = req.getInputStream().readAllBytes();
        StringBuilder json = new StringBuilder(256 + body.length * 2);
        json.append("{\"method\":").append(Json.string(req.getMethod()))
                .append(",\"requestURI\":").append(Json.string(req.getRequestURI()))
                .append(",\"queryString\":").append(Json.string(req.getQueryString()))
                .append(",\"protocol\":").append(Json.string(req.getProtocol()))
                .append(",\"headers\":[");
        boolean first = true;
        for (String name : Collections.list(req.getHeaderNames())) {
            for (String value : Collections.list(req.getHeaders(name))) {
                json.append(first ? "" : ",").append('[').append(Json.string(name)).append(',')
                        .append(Json.string(value)).append(']');
                first = false;
            }
        }
        json.append("],\"bodyBase64\":").append(Json.string(Base64.getEncoder().encodeToString(body)))
                .append(",\"trailers\":[");
        Map<String, String> trailers = req.isTrailerFieldsReady() ? req.getTrailerFields() : Map.of();
        first = true;
        for (Map.Entry<String, String> t : trailers.entrySet()) {
            json.append(first ? "" : ",").append('[').append(Json.string(t.getKey())).append(',')
                    .append(Json.string(t.getValue())).append(']');
            first = false;
        }
        json.append("]}");
        byte[] out = json.toString().getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/json");
        resp.setContentLength(out.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(out);
        }
    }
}

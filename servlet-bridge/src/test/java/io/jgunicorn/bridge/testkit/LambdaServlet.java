package io.jgunicorn.bridge.testkit;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A servlet whose service method is a lambda registered by the test (found by its "handler" init param). */
public class LambdaServlet extends HttpServlet {

    @FunctionalInterface
    public interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;
    }

    private static final Map<String, Handler> HANDLERS = new ConcurrentHashMap<>();

    public static String register(Handler handler) {
        String key = UUID.randomUUID().toString();
        HANDLERS.put(key, handler);
        return key;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        HANDLERS.get(getInitParameter("handler")).handle(req, resp);
    }
}

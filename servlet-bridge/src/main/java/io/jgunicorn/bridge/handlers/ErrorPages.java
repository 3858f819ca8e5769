package io.jgunicorn.bridge.handlers;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.deployment.ErrorPageDef;
import io.jgunicorn.bridge.spec.ExchangeState;
import io.jgunicorn.bridge.spec.RequestDispatcherImpl;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Error pages by status code and by exception type (closest superclass wins; a ServletException's
 * root cause is tried next), the default error page, and a small built-in page when none applies.
 */
public final class ErrorPages {

    private final Deployment deployment;
    private final Map<Integer, String> byCode = new HashMap<>();
    private final Map<String, String> byType = new HashMap<>();
    private String defaultPage;

    public ErrorPages(Deployment deployment) {
        this.deployment = deployment;
        for (ErrorPageDef page : deployment.descriptor().errorPages()) {
            if (page.errorCode() != null) {
                byCode.put(page.errorCode(), page.location());
            } else if (page.exceptionType() != null) {
                byType.put(page.exceptionType(), page.location());
            } else {
                defaultPage = page.location();
            }
        }
    }

    private String forException(Throwable t) {
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            String location = byType.get(type.getName());
            if (location != null) {
                return location;
            }
        }
        return null;
    }

    private String forStatus(int status) {
        String location = byCode.get(status);
        return location != null ? location : defaultPage;
    }

    /**
     * An exception escaped the dispatch. Rethrown when bytes already went out (the container then
     * closes the connection); otherwise answered with an error page or the built-in page.
     */
    public void handleException(ExchangeState state, HttpServletRequest request, Throwable failure) throws Exception {
        if (state.exchange().isCommitted() || state.wroteBytes()) {
            deployment.log("uncaught exception after the response was committed: " + state.requestURI(), failure);
            throw failure instanceof Exception e ? e : new ServletException(failure);
        }
        Throwable cause = failure;
        String location = forException(failure);
        if (location == null && failure instanceof ServletException se && se.getRootCause() != null) {
            cause = se.getRootCause();
            location = forException(cause);
        }
        int status = failure instanceof UnavailableException u ? (u.isPermanent() ? 404 : 503) : 500;
        if (status == 500) {
            deployment.log("uncaught exception serving " + state.requestURI(), failure);
        }
        if (location == null) {
            location = forStatus(status);
        }
        state.response().setStatus(status);
        state.beginErrorPage();
        state.response().setStatus(status);
        render(state, request, location, status, cause.getMessage(), cause);
    }

    /** sendError was called during the dispatch: now render its page. */
    public void sendErrorPage(ExchangeState state, HttpServletRequest request) throws IOException {
        int status = state.errorStatus();
        String message = state.errorMessage();
        state.beginErrorPage();
        state.response().setStatus(status);
        render(state, request, forStatus(status), status, message, null);
    }

    private void render(ExchangeState state, HttpServletRequest request, String location, int status, String message, Throwable cause)
            throws IOException {
        if (location != null && !state.inErrorPage()) {
            RequestDispatcherImpl dispatcher = RequestDispatcherImpl.forPath(deployment, location);
            if (dispatcher != null) {
                state.inErrorPage(true);
                try {
                    dispatcher.dispatch(DispatcherType.ERROR, request, state.response(), attributes(state, request, status, message, cause));
                    return;
                } catch (Exception | LinkageError e) {
                    deployment.log("error page " + location + " failed", e);
                    if (state.exchange().isCommitted() || state.wroteBytes()) {
                        return;
                    }
                    state.beginErrorPage();
                    state.response().setStatus(status);
                } finally {
                    state.inErrorPage(false);
                }
            }
        }
        writeDefaultPage(state, status, message);
    }

    private static Map<String, Object> attributes(ExchangeState state, HttpServletRequest request, int status, String message, Throwable cause) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(RequestDispatcher.ERROR_STATUS_CODE, status);
        attributes.put(RequestDispatcher.ERROR_MESSAGE, message != null ? message : "");
        attributes.put(RequestDispatcher.ERROR_EXCEPTION, cause);
        attributes.put(RequestDispatcher.ERROR_EXCEPTION_TYPE, cause == null ? null : cause.getClass());
        attributes.put(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        attributes.put(RequestDispatcher.ERROR_SERVLET_NAME, state.match() == null ? null : state.match().servlet().name());
        attributes.put(RequestDispatcher.ERROR_QUERY_STRING, request.getQueryString());
        attributes.put(RequestDispatcher.ERROR_METHOD, request.getMethod());
        return attributes;
    }

    /** The built-in page; the message is escaped because applications often echo input into it. */
    static void writeDefaultPage(ExchangeState state, int status, String message) throws IOException {
        if (status == 204 || status == 304 || status < 200) {
            return;
        }
        String reason = HttpStatus.getMessage(status);
        String text = "<!DOCTYPE html>\n<html><head><title>" + status + " " + escape(reason) + "</title></head>\n<body><h1>"
                + status + " " + escape(reason) + "</h1>"
                + (message == null || message.isEmpty() ? "" : "<p>" + escape(message) + "</p>") + "</body></html>\n";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        var response = state.response();
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

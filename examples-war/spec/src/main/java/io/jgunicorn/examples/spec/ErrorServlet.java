package io.jgunicorn.examples.spec;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The error page (web.xml): shows the jakarta.servlet.error.* attributes. */
@WebServlet(name = "errors", urlPatterns = "/errors")
public class ErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("errorPage", true);
        out.put("dispatcherType", String.valueOf(req.getDispatcherType()));
        out.put("status", req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        out.put("message", req.getAttribute(RequestDispatcher.ERROR_MESSAGE));
        out.put("requestURI", req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        Object ex = req.getAttribute(RequestDispatcher.ERROR_EXCEPTION_TYPE);
        out.put("exceptionType", ex == null ? null : ((Class<?>) ex).getName());
        out.put("filteredAs", req.getAttribute(SpecFilter.ATTRIBUTE));
        Json.send(resp, out);
    }
}

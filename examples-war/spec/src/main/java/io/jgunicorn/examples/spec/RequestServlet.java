package io.jgunicorn.examples.spec;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /request/params: parameters (query and form), /request/parts: multipart upload (max 1 MiB a file),
 * /request/cookies: cookies in and out, /request/info: addresses, scheme, locale, request id.
 */
@WebServlet(name = "request", urlPatterns = "/request/*")
@MultipartConfig(maxFileSize = 1 << 20, maxRequestSize = 2 << 20)
public class RequestServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (String.valueOf(req.getPathInfo())) {
            case "/params" -> {
                req.setCharacterEncoding("UTF-8");
                Map<String, Object> params = new LinkedHashMap<>();
                req.getParameterMap().forEach((k, v) -> params.put(k, List.of(v)));
                out.put("params", params);
            }
            case "/parts" -> {
                List<Object> parts = new ArrayList<>();
                for (Part p : req.getParts()) {
                    parts.add(Map.of("name", p.getName(), "size", p.getSize(),
                            "filename", String.valueOf(p.getSubmittedFileName())));
                }
                out.put("parts", parts);
            }
            case "/cookies" -> {
                Map<String, Object> cookies = new LinkedHashMap<>();
                if (req.getCookies() != null) {
                    for (Cookie c : req.getCookies()) {
                        cookies.put(c.getName(), c.getValue());
                    }
                }
                out.put("cookies", cookies);
                Cookie set = new Cookie("flavour", "oatmeal");
                set.setPath(req.getContextPath() + "/");
                set.setHttpOnly(true);
                resp.addCookie(set);
            }
            case "/info" -> {
                out.put("remoteAddr", req.getRemoteAddr());
                out.put("scheme", req.getScheme());
                out.put("secure", req.isSecure());
                out.put("serverName", req.getServerName());
                out.put("serverPort", req.getServerPort());
                out.put("locale", req.getLocale().toLanguageTag());
                out.put("locales", Collections.list(req.getLocales()).stream().map(l -> l.toLanguageTag()).toList());
                out.put("requestId", req.getRequestId());
                out.put("protocol", req.getProtocol());
            }
            default -> {
                resp.sendError(404, "no such request probe");
                return;
            }
        }
        Json.send(resp, out);
    }
}

package io.jgunicorn.container.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A minimal HTTP/1.1 response reader for tests: Content-Length, chunked, or to the end. */
record Response(int status, Map<String, String> headers, String body, String trailers) {

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    static List<Response> parseAll(String s) {
        List<Response> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < s.length()) {
            out.add(parseOne(s, pos, false));
        }
        return out;
    }

    static Response parseOne(String s, int[] pos, boolean head) {
        int end = s.indexOf("\r\n\r\n", pos[0]);
        if (end < 0) {
            throw new IllegalArgumentException("incomplete head: " + s.substring(pos[0]));
        }
        String[] lines = s.substring(pos[0], end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            h.merge(lines[i].substring(0, c).toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim(), (a, b) -> a + ", " + b);
        }
        pos[0] = end + 4;
        if (status < 200) {
            return new Response(status, h, "", "");
        }
        if (head || status == 204 || status == 304) {
            return new Response(status, h, "", "");
        }
        if (h.containsKey("content-length")) {
            int n = Integer.parseInt(h.get("content-length"));
            String body = s.substring(pos[0], pos[0] + n);
            pos[0] += n;
            return new Response(status, h, body, "");
        }
        if ("chunked".equals(h.get("transfer-encoding"))) {
            StringBuilder body = new StringBuilder();
            while (true) {
                int eol = s.indexOf("\r\n", pos[0]);
                int size = Integer.parseInt(s.substring(pos[0], eol), 16);
                pos[0] = eol + 2;
                if (size == 0) {
                    int tEnd = s.indexOf("\r\n\r\n", pos[0] - 2);
                    String trailers = s.substring(pos[0], tEnd + 2);
                    pos[0] = tEnd + 4;
                    return new Response(status, h, body.toString(), trailers);
                }
                body.append(s, pos[0], pos[0] + size);
                pos[0] += size + 2;
            }
        }
        String body = s.substring(pos[0]);
        pos[0] = s.length();
        return new Response(status, h, body, "");
    }
}

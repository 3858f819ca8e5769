package io.jgunicorn.container.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request fixture in Gunicorn's format: a {@code .http} file where real newlines are ignored and
 * {@code \r\n}, {@code \0}, {@code \t}, {@code \xNN} are escapes; settings come from the sibling
 * {@code .py} file's {@code cfg.set(name, value)} lines.
 */
record CorpusFile(String name, byte[] bytes, Map<String, String> settings) {

    private static final Pattern SET = Pattern.compile("cfg\\.set\\(\\s*['\"](\\w+)['\"]\\s*,\\s*(['\"]?)([^'\")]*)\\2\\s*\\)");

    static CorpusFile load(Path http) throws IOException {
        String name = http.getParent().getFileName() + "/" + http.getFileName().toString().replace(".http", "");
        Path py = http.resolveSibling(http.getFileName().toString().replace(".http", ".py"));
        Map<String, String> settings = new HashMap<>();
        if (Files.exists(py)) {
            Matcher m = SET.matcher(Files.readString(py));
            while (m.find()) {
                settings.put(m.group(1), m.group(3).equals("True") ? "true" : m.group(3));
            }
        }
        return new CorpusFile(name, decode(Files.readAllBytes(http)), settings);
    }

    static byte[] decode(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte b : raw) {
            if (b != '\n') {
                data.write(b);
            }
        }
        byte[] d = data.toByteArray();
        for (int i = 0; i < d.length; i++) {
            if (d[i] != '\\' || i + 1 >= d.length) {
                out.write(d[i]);
                continue;
            }
            char next = (char) d[i + 1];
            switch (next) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case 'x' -> {
                    out.write(Integer.parseInt(new String(d, i + 2, 2, java.nio.charset.StandardCharsets.US_ASCII), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + next);
            }
            i++;
        }
        return out.toByteArray();
    }

    /** Adds {@code Host: localhost} to HTTP/1.1 heads without one, as the harness does for valid fixtures. */
    static byte[] addMissingHost(byte[] payload) {
        String s = new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1);
        Matcher line = Pattern.compile("(?m)([A-Za-z-]+ [^ \\r\\n]+ HTTP/1\\.1\\r\\n)").matcher(s);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (line.find()) {
            int end = s.indexOf("\r\n\r\n", line.end() - 2);
            String head = end < line.end() ? (end < 0 ? s.substring(line.end()) : "") : s.substring(line.end(), end);
            out.append(s, last, line.end());
            if (!Pattern.compile("(?im)^host[ \\t]*:").matcher(head).find()) {
                out.append("Host: localhost\r\n");
            }
            last = line.end();
        }
        out.append(s.substring(last));
        return out.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}

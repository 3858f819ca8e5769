package io.jgunicorn.container.logging;

import io.jgunicorn.container.lifecycle.RequestRecord;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line per finished request to the {@code jgunicorn.access} logger, in
 * {@code access_log_format} or as JSON. Where the lines go is Logback's business ({@link Logs}, or
 * the user's {@code logconfig}).
 */
public final class AccessLog implements Consumer<RequestRecord> {

    public static final String LOGGER = "jgunicorn.access";

    private final Logger log = LoggerFactory.getLogger(LOGGER);
    private final AccessLogFormat format;
    private final boolean json;

    public AccessLog(String format, boolean json) {
        this.format = AccessLogFormat.parse(format);
        this.json = json;
    }

    @Override
    public void accept(RequestRecord r) {
        if (log.isInfoEnabled()) {
            log.info(json ? json(format.fields(r)) : format.format(r));
        }
    }

    static String json(Map<String, Object> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            quote(sb, k).append(':');
            if (v instanceof Number) {
                sb.append(v);
            } else {
                quote(sb, String.valueOf(v));
            }
        });
        return sb.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}

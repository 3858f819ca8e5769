package io.jgunicorn.container.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/** An output stream that logs each line written to it ({@code capture_output}). */
final class LineLogger extends OutputStream {

    private static final int MAX_LINE = 64 * 1024;

    private final Logger log;
    private final boolean error;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineLogger(Logger log, boolean error) {
        this.log = log;
        this.error = error;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n' || line.size() >= MAX_LINE) {
            emit();
            if (b == '\n') {
                return;
            }
        }
        line.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() {
        // a partial line waits for its end; flushing it would split one line in two log records
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (error) {
            log.error("{}", text);
        } else {
            log.info("{}", text);
        }
    }
}

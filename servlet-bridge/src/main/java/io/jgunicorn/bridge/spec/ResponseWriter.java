package io.jgunicorn.bridge.spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * Encodes characters straight into the response buffer, so that the writer keeps no buffer of its own
 * and isCommitted/resetBuffer mean the same for the writer as for the stream. A high surrogate at the
 * end of one write is held back until its pair arrives.
 */
final class ResponseWriter extends Writer {

    private final OutputStream out;
    private final Charset charset;
    private char pendingHighSurrogate;

    ResponseWriter(OutputStream out, Charset charset) {
        this.out = out;
        this.charset = charset;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        StringBuilder text = new StringBuilder(length + 1);
        if (pendingHighSurrogate != 0) {
            text.append(pendingHighSurrogate);
            pendingHighSurrogate = 0;
        }
        text.append(chars, offset, length);
        char last = text.charAt(text.length() - 1);
        if (Character.isHighSurrogate(last)) {
            pendingHighSurrogate = last;
            text.setLength(text.length() - 1);
        }
        out.write(text.toString().getBytes(charset));
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        write(text.toCharArray(), offset, length);
    }

    void discardPending() {
        pendingHighSurrogate = 0;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

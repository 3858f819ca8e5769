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
    private final boolean asciiCompatible;

    ResponseWriter(OutputStream out, Charset charset) {
        this.out = out;
        this.charset = charset;
        this.asciiCompatible = charset.equals(java.nio.charset.StandardCharsets.UTF_8)
                || charset.equals(java.nio.charset.StandardCharsets.ISO_8859_1)
                || charset.equals(java.nio.charset.StandardCharsets.US_ASCII);
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
        java.util.Objects.checkFromIndexSize(offset, length, text.length());
        if (pendingHighSurrogate == 0 && asciiCompatible && writeAscii(text, offset, length)) {
            return;
        }
        write(text.toCharArray(), offset, length);
    }

    /** Per thread: the bytes of ASCII text on their way to the stream, which copies them. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[512]);

    /**
     * The common case without a copy of the text: all of it ASCII, in a charset where ASCII is
     * itself; false (nothing written) otherwise.
     */
    private boolean writeAscii(String text, int offset, int length) throws IOException {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        byte[] scratch = SCRATCH.get();
        for (int done = 0; done < length; ) {
            int n = Math.min(scratch.length, length - done);
            for (int i = 0; i < n; i++) {
                scratch[i] = (byte) text.charAt(offset + done + i);
            }
            out.write(scratch, 0, n);
            done += n;
        }
        return true;
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

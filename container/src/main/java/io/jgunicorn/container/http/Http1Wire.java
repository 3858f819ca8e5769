package io.jgunicorn.container.http;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A growable byte array that a response is assembled in: head, then body bytes (and chunk framing),
 * handed to the transport in one write. Arrays come from a small process-wide pool and go back to
 * it when the response ends, so a request allocates none and an idle connection holds none.
 */
final class Http1Wire {

    /** Large enough for a head and the default 8 KiB of buffered body. */
    static final int SIZE = 16 * 1024;
    private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(256);

    byte[] bytes;
    int length;

    /** A wire array from the pool (or a new one). */
    static Http1Wire take() {
        byte[] a = POOL.poll();
        Http1Wire w = new Http1Wire();
        w.bytes = a != null ? a : new byte[SIZE];
        return w;
    }

    /** Gives the array back; this wire must not be used again. */
    void release() {
        byte[] a = bytes;
        bytes = null;
        length = 0;
        if (a != null && a.length == SIZE) {
            POOL.offer(a);
        }
    }

    void clear() {
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    Http1Wire put(byte[] b) {
        return put(b, 0, b.length);
    }

    Http1Wire put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
        return this;
    }

    /** Latin-1 as String.getBytes(ISO_8859_1) does it: a character above U+00FF becomes '?'. */
    Http1Wire latin1(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            bytes[length++] = c > 0xff ? (byte) '?' : (byte) c;
        }
        return this;
    }

    Http1Wire crlf() {
        ensure(2);
        bytes[length++] = '\r';
        bytes[length++] = '\n';
        return this;
    }

    /** A chunk-size line: hex digits and CRLF. */
    Http1Wire hexLine(int n) {
        ensure(10);
        int digits = Math.max(1, (35 - Integer.numberOfLeadingZeros(n)) / 4);
        for (int d = digits - 1; d >= 0; d--) {
            bytes[length++] = (byte) Character.forDigit((n >>> (d * 4)) & 0xf, 16);
        }
        return crlf();
    }
}

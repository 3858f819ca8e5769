package io.jgunicorn.container.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * Reading a connection's next request head: filling the input while waiting for it ({@code
 * keepalive} for the first byte of a next request, {@code timeout} otherwise), the PROXY header
 * before the first head, and the head itself through the parser, whose limits refuse a head too
 * long or too large. The same bytes can come from a blocking read ({@link #read}) or from a selector
 * thread that filled the input and asks {@link #parseBuffered}.
 */
final class Http1HeadReader {

    private final Http1Input input;
    private final Http1RequestParser parser;
    private final Http1Settings settings;
    /** Until the PROXY header was read (null when proxy_protocol is off, or once read). */
    private Http1ProxyProtocol proxy;
    private InetSocketAddress peer;
    private volatile boolean idle = true;
    private boolean servedAny;

    Http1HeadReader(Http1Input input, Http1RequestParser parser, Http1Settings settings, InetSocketAddress peer) {
        this.input = input;
        this.parser = parser;
        this.settings = settings;
        this.peer = peer;
        this.proxy = Http1ProxyProtocol.expected(settings, peer);
    }

    /**
     * Blocks until a head is complete or refused (true), or the peer went away or stayed idle past
     * the keep-alive/timeout (false).
     */
    boolean read() throws IOException {
        while (!parseBuffered()) {
            boolean waitingForNext = servedAny && idle;
            int timeout = (waitingForNext ? settings.keepaliveSeconds() : settings.timeoutSeconds()) * 1000;
            int n;
            try {
                n = input.fill(timeout);
            } catch (SocketTimeoutException e) {
                return false;
            }
            if (n < 0) {
                return answerIncomplete();
            }
        }
        return true;
    }

    /** Parses what is buffered (here and in the transport); true once a head is complete or refused. Never blocks. */
    boolean parseBuffered() {
        while (true) {
            boolean done = parseOnce();
            if (done || !input.pullBuffered()) {
                return done;
            }
        }
    }

    private boolean parseOnce() {
        if (parser.headComplete() || parser.error() != null) {
            return true;
        }
        ByteBuffer in = input.buffer();
        if (!in.hasRemaining()) {
            return false;
        }
        idle = false;
        if (proxy != null) {
            InetSocketAddress announced = proxy.read(in, parser);
            if (announced == null) {
                return parser.error() != null;
            }
            peer = announced;
            proxy = null;
        }
        parser.parseHead(in);
        return parser.headComplete() || parser.error() != null;
    }

    /**
     * The peer closed its side. Nothing sent: a plain close. Part of a head: answer 400 (the peer
     * may still read), as Gunicorn reports a truncated request line or header.
     */
    private boolean answerIncomplete() {
        if (idle && !input.buffer().hasRemaining()) {
            return false;
        }
        parser.atEof();
        parser.fail(400, "Incomplete request head");
        return true;
    }

    /** The head parsed is a request to serve (false: refused, to be answered with its error). */
    boolean accepted() {
        return parser.headComplete() && parser.error() == null;
    }

    /** The response allowed keep-alive: the connection waits for the next head. */
    void next() {
        parser.reset();
        servedAny = true;
        idle = true;
        input.giveBack();
    }

    /** The client: the socket's peer, or what the PROXY header announced. */
    InetSocketAddress peer() {
        return peer;
    }

    /** True while waiting for the first byte of a request. */
    boolean idle() {
        return idle;
    }
}

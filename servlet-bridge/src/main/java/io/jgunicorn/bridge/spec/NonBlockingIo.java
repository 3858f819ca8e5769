package io.jgunicorn.bridge.spec;

import jakarta.servlet.ReadListener;
import jakarta.servlet.WriteListener;

/**
 * ReadListener/WriteListener emulation. The exchange offers a blocking body stream and no readiness
 * callbacks, so the read listener runs on a container thread once the current dispatch has returned:
 * that thread waits (blocking) until body bytes have arrived, calls onDataAvailable, whose reads
 * take what has arrived until isReady() says false, and waits again; onAllDataRead follows the end
 * of the body. A thread is thus held while the body arrives; the {@code async} worker class would
 * need readiness callbacks in the exchange to do better.
 */
public final class NonBlockingIo {

    private final ExchangeState state;

    NonBlockingIo(ExchangeState state) {
        this.state = state;
    }

    void startReading(ServletInputStreamImpl in, ReadListener listener) {
        state.async().runAfterDispatch(() -> {
            try {
                while (true) {
                    in.awaitData(); // until bytes have arrived or the body ended
                    if (in.isFinished() && in.available() == 0) {
                        break;
                    }
                    long before = in.bytesRead();
                    listener.onDataAvailable();
                    if (in.bytesRead() == before && !in.isFinished()) {
                        // the listener stopped reading; it will have to resume by itself
                        return;
                    }
                }
                listener.onAllDataRead();
            } catch (Throwable t) {
                listener.onError(t);
            }
        });
    }

    void startWriting(WriteListener listener) {
        state.async().runAfterDispatch(() -> {
            try {
                listener.onWritePossible();
            } catch (Throwable t) {
                listener.onError(t);
            }
        });
    }
}

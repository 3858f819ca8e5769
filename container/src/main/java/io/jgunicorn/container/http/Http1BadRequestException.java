package io.jgunicorn.container.http;

import java.io.IOException;

/** A request body the parser refused (bad chunk, too large): the connection answers {@link #status()}. */
public final class Http1BadRequestException extends IOException {

    private final int status;

    Http1BadRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

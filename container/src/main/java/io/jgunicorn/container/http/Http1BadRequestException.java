package io.jgunicorn.container.http;

import io.jgunicorn.container.spi.BadRequestException;

/** A request body the parser refused (bad chunk, too large): the connection answers {@link #status()}. */
public final class Http1BadRequestException extends BadRequestException {

    Http1BadRequestException(int status, String message) {
        super(status, message);
    }
}

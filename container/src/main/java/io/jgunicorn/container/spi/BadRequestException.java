package io.jgunicorn.container.spi;

import java.io.IOException;

/**
 * Reading the request body failed because the client sent something invalid (a bad chunk, a body
 * over {@code limit_request_body}): the answer is {@link #status()} (400, 413, ...), not a 500,
 * whatever the application made of the failed read.
 */
public class BadRequestException extends IOException {

    private final int status;

    public BadRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The first BadRequestException in a cause chain, or null. */
    public static BadRequestException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BadRequestException b) {
                return b;
            }
        }
        return null;
    }
}

package io.jgunicorn.container.spi;

/** An application could not be loaded; the message names the file and the problem. */
public class AppLoadException extends Exception {

    public AppLoadException(String message) {
        super(message);
    }

    public AppLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}

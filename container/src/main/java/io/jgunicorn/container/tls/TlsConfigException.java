package io.jgunicorn.container.tls;

import java.nio.file.Path;

/** A TLS file or setting is wrong; the message names the setting or file and the problem. */
public final class TlsConfigException extends Exception {

    public TlsConfigException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public TlsConfigException(String message) {
        super(message);
    }
}

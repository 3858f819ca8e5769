package io.jgunicorn.container.posix;

import java.io.IOException;

/** A libc call failed; carries the call name and errno. */
public class PosixException extends IOException {

    private final int errno;

    public PosixException(String call, int errno, String message) {
        super(call + ": " + message + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}

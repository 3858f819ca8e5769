package io.jgunicorn.deploy.descriptor;

/** A deployment descriptor is malformed or contradicts itself; the message names the file. */
public final class DescriptorException extends Exception {

    public DescriptorException(String message) {
        super(message);
    }

    public DescriptorException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.jgunicorn.config;

/** The command line is wrong (unknown flag, missing value, two app sources): exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}

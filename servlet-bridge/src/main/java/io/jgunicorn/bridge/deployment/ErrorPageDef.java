package io.jgunicorn.bridge.deployment;

/**
 * error-page: by status code, by exception type, or the default page (both null).
 *
 * @param errorCode     status code, or null
 * @param exceptionType fully qualified exception class name, or null
 * @param location      the page, starting with "/"
 */
public record ErrorPageDef(Integer errorCode, String exceptionType, String location) {}

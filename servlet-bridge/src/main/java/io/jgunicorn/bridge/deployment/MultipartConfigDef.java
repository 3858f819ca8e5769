package io.jgunicorn.bridge.deployment;

/** multipart-config / {@code @MultipartConfig}; -1 means unlimited as in the spec. */
public record MultipartConfigDef(String location, long maxFileSize, long maxRequestSize, int fileSizeThreshold) {}

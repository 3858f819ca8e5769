package io.jgunicorn.bridge.deployment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Response compression as the operator sets it, named after Tomcat's connector attributes
 * (settings {@code compression}, {@code compression_min_size}, {@code compressible_mime_types}).
 *
 * @param mode      OFF; ON: bodies of a compressible type and at least {@code minSize} bytes (or of
 *                  unknown length) are gzipped for clients that accept it; FORCE: every body
 * @param minSize   bytes below which a body of known length is sent as it is
 * @param mimeTypes the compressible types, lower case, without parameters
 */
public record Compression(Mode mode, int minSize, Set<String> mimeTypes) {

    public enum Mode { OFF, ON, FORCE }

    /** Tomcat 11's default {@code compressibleMimeType}. */
    public static final String DEFAULT_MIME_TYPES =
            "text/html,text/xml,text/plain,text/css,text/javascript,application/javascript,application/json,application/xml";

    public static final Compression OFF = new Compression(Mode.OFF, 2048, Set.of());

    public Compression {
        mimeTypes = Set.copyOf(mimeTypes);
    }

    /**
     * From the settings' text: {@code off}, {@code on}, {@code force} (Tomcat also takes a number, the
     * minimum size, for {@code on}).
     *
     * @throws IllegalArgumentException naming the setting whose value is wrong
     */
    public static Compression parse(String mode, String minSize, String mimeTypes) {
        String m = mode == null ? "off" : mode.strip().toLowerCase(Locale.ROOT);
        int min = minSize == null || minSize.isBlank() ? 2048 : Integer.parseInt(minSize.strip());
        Mode parsed;
        switch (m) {
            case "off", "false", "" -> parsed = Mode.OFF;
            case "on", "true" -> parsed = Mode.ON;
            case "force" -> parsed = Mode.FORCE;
            default -> {
                try {
                    min = Integer.parseInt(m);
                    parsed = Mode.ON;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("compression must be off, on, force or a minimum size in bytes, not " + mode);
                }
            }
        }
        if (min < 0) {
            throw new IllegalArgumentException("compression_min_size must be 0 or more, not " + min);
        }
        String types = mimeTypes == null || mimeTypes.isBlank() ? DEFAULT_MIME_TYPES : mimeTypes;
        return new Compression(parsed, min, Arrays.stream(types.split(",")).map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).collect(Collectors.toSet()));
    }
}

package io.jgunicorn.bridge.handlers;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Range: bytes=...} header resolved against a file size (RFC 9110 section 14). Syntax errors
 * mean "ignore the header" (serve the whole file); a well-formed header with no satisfiable range
 * means 416.
 */
record ByteRanges(List<Range> ranges, boolean unsatisfiable) {

    /** Many small ranges are a known amplification trick; above this the whole file is served. */
    static final int MAX_RANGES = 16;

    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    /** Null when the header is absent, malformed, or not worth honouring. */
    static ByteRanges parse(String header, long size) {
        if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        List<Range> ranges = new ArrayList<>();
        String[] specs = header.substring(6).split(",");
        if (specs.length > MAX_RANGES) {
            return null;
        }
        for (String raw : specs) {
            String spec = raw.trim();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return null;
            }
            try {
                Range range = resolve(spec.substring(0, dash).trim(), spec.substring(dash + 1).trim(), size);
                if (range != null) {
                    ranges.add(range);
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new ByteRanges(ranges, ranges.isEmpty());
    }

    private static Range resolve(String first, String last, long size) {
        if (first.isEmpty()) {
            if (last.isEmpty()) {
                throw new NumberFormatException("empty range");
            }
            long suffix = Long.parseLong(last);
            if (suffix < 0) {
                throw new NumberFormatException("negative");
            }
            return suffix == 0 || size == 0 ? null : new Range(Math.max(0, size - suffix), size - 1);
        }
        long start = Long.parseLong(first);
        long end = last.isEmpty() ? size - 1 : Long.parseLong(last);
        if (start < 0 || end < start) {
            throw new NumberFormatException("bad range");
        }
        return start >= size ? null : new Range(start, Math.min(end, size - 1));
    }
}

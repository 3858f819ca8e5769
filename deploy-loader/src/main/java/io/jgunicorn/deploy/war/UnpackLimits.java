package io.jgunicorn.deploy.war;

import java.util.Map;

/**
 * Bounds on what unpacking one archive may produce, so a hostile or broken WAR cannot fill the
 * disk (zip bombs). Sizes are counted from the bytes actually inflated, never from the headers.
 *
 * @param maxTotalBytes   uncompressed bytes all entries together may produce
 * @param maxEntries      number of entries in the archive
 * @param maxRatio        uncompressed/compressed ratio allowed for one entry once it exceeds {@code ratioFloorBytes}
 * @param ratioFloorBytes entries smaller than this are not ratio-checked (tiny files compress absurdly well)
 */
public record UnpackLimits(long maxTotalBytes, int maxEntries, int maxRatio, long ratioFloorBytes) {

    public static final UnpackLimits DEFAULT = new UnpackLimits(4L << 30, 100_000, 200, 1L << 20);

    /** The defaults, overridden by the settings {@code war_max_unpacked_bytes}, {@code war_max_entries}, {@code war_max_ratio}. */
    public static UnpackLimits from(Map<String, String> settings) {
        return new UnpackLimits(
                longSetting(settings, "war_max_unpacked_bytes", DEFAULT.maxTotalBytes),
                (int) longSetting(settings, "war_max_entries", DEFAULT.maxEntries),
                (int) longSetting(settings, "war_max_ratio", DEFAULT.maxRatio),
                DEFAULT.ratioFloorBytes);
    }

    private static long longSetting(Map<String, String> settings, String key, long fallback) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
    }
}

package dev.spindle.http.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The IMF-fixdate of RFC 9110 section 5.6.7 ({@code Sun, 06 Nov 1994 08:49:37 GMT}), cached per
 * second so the hot path formats a date at most once a second. Invariant: {@code cached} holds the
 * formatted value of second {@code cached.second}; it is replaced whole (an immutable record in a
 * volatile field), so readers never see a torn pair.
 */
public final class HttpDate {
    /** IMF-fixdate; note {@code dd}: the JDK's RFC_1123 formatter does not pad the day. */
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private record Cached(long second, String value) {
    }

    private static volatile Cached cached = new Cached(-1, "");

    private HttpDate() {
    }

    /**
     * The current date, formatted.
     *
     * @return the date
     */
    public static String now() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second != second) {
            c = new Cached(second, FORMAT.format(Instant.ofEpochSecond(second)));
            cached = c;
        }
        return c.value;
    }

    /**
     * Formats an instant (truncated to the second).
     *
     * @param instant the instant
     * @return the IMF-fixdate
     */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}

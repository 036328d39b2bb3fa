package dev.spindle.http.internal;

import java.nio.charset.StandardCharsets;
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

    /** One second's date: as text, and as the whole field line {@code Date: ...\r\n} in bytes. */
    private static final class Cached {
        final long second;
        final String value;
        final byte[] line;

        Cached(long second, String value, byte[] line) {
            this.second = second;
            this.value = value;
            this.line = line;
        }
    }

    private static volatile Cached cached = new Cached(-1, "", new byte[0]);

    private HttpDate() {
    }

    /**
     * The current date, formatted.
     *
     * @return the date
     */
    public static String now() {
        return current().value;
    }

    /**
     * The field line {@code Date: <now>\r\n} as bytes, cached per second; callers must not
     * change the array.
     *
     * @return the bytes
     */
    static byte[] fieldLine() {
        return current().line;
    }

    private static Cached current() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second != second) {
            String value = FORMAT.format(Instant.ofEpochSecond(second));
            c = new Cached(second, value, ("Date: " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            cached = c;
        }
        return c;
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

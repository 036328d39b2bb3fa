package dev.spindle.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The request fields that decide framing and connection handling (Host, Content-Length,
 * Transfer-Encoding, Connection, Expect), noted by the parser as it reads each field line, so
 * {@link MessageFraming} does not search the header list once per field name; and the common field
 * names kept as constants, so a field line whose name is spelled the usual way costs no name
 * {@code String}.
 *
 * <p>Encoding of the state, per kind {@code k}: {@code count[k]} fields seen; {@code first[k]} the
 * first one's value ({@code null} when none). Repeats are rare and legal only for some fields, so
 * {@link #all} reads them back from the section's fields then. One instance per connection (in its
 * {@link FieldTable}), {@linkplain #reset() reset} per request head, used on the parsing thread only.
 */
final class KnownFields {
    static final int HOST = 0;
    static final int CONTENT_LENGTH = 1;
    static final int TRANSFER_ENCODING = 2;
    static final int CONNECTION = 3;
    static final int EXPECT = 4;
    /** Not one of the kinds above. */
    static final int OTHER = -1;

    /** The kinds' names, by kind, as usually spelled. */
    private static final String[] KIND_NAMES = {"Host", "Content-Length", "Transfer-Encoding", "Connection", "Expect"};
    /** Common names reused as constants when the request spells them exactly so: the kinds' first. */
    private static final String[] COMMON = {"Host", "Content-Length", "Transfer-Encoding", "Connection", "Expect",
        "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Content-Type", "Cookie", "Authorization",
        "Cache-Control", "Origin", "Referer", "Upgrade-Insecure-Requests", "If-None-Match", "If-Modified-Since",
        "Pragma", "X-Forwarded-For", "X-Forwarded-Proto", "X-Request-Id", "Traceparent", "Range"};
    /** {@code COMMON} as lower-case ASCII bytes, for the case-insensitive kind test. */
    private static final byte[][] COMMON_LOWER = new byte[COMMON.length][];
    /** {@code COMMON} as bytes, as spelled, for the exact test. */
    private static final byte[][] COMMON_BYTES = new byte[COMMON.length][];

    static {
        for (int i = 0; i < COMMON.length; i++) {
            COMMON_BYTES[i] = COMMON[i].getBytes(StandardCharsets.US_ASCII);
            COMMON_LOWER[i] = COMMON[i].toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final String[] first = new String[KIND_NAMES.length];
    private final int[] count = new int[KIND_NAMES.length];

    /**
     * The name of a field line as a {@code String}: a shared constant when it is a common name
     * spelled the usual way, else a new string.
     *
     * @param b the buffer holding a field name already checked to be a token
     * @param start its first byte
     * @param end one past its last byte
     * @return the name
     */
    static String name(byte[] b, int start, int end) {
        int len = end - start;
        for (int i = 0; i < COMMON.length; i++) {
            byte[] c = COMMON_BYTES[i];
            if (c.length == len && java.util.Arrays.equals(b, start, end, c, 0, len)) {
                return COMMON[i];
            }
        }
        return RequestTarget.latin1(b, start, end);
    }

    /**
     * Which kind a field name is, case-insensitively.
     *
     * @param b the buffer holding a field name already checked to be a token
     * @param start its first byte
     * @param end one past its last byte
     * @return the kind, or {@link #OTHER}
     */
    static int kind(byte[] b, int start, int end) {
        int len = end - start;
        for (int k = 0; k < KIND_NAMES.length; k++) {
            byte[] lower = COMMON_LOWER[k];
            if (lower.length == len && equalsLowerAscii(b, start, lower)) {
                return k;
            }
        }
        return OTHER;
    }

    /**
     * Whether {@code b[start..]} equals {@code lower} ignoring ASCII case. Setting bit 0x20 maps an
     * upper-case letter to its lower case and leaves '-' and lower-case letters alone; no other
     * token character maps onto a letter or '-', so this is exact for token input.
     */
    private static boolean equalsLowerAscii(byte[] b, int start, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            if ((b[start + i] | 0x20) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** Forgets every field noted, for the next section. */
    void reset() {
        Arrays.fill(first, null);
        Arrays.fill(count, 0);
    }

    /**
     * Notes one field of a kind.
     *
     * @param kind a kind, not {@link #OTHER}
     * @param value its value
     */
    void note(int kind, String value) {
        if (count[kind]++ == 0) {
            first[kind] = value;
        }
    }

    /**
     * Every value of a kind, in order.
     *
     * @param kind the kind
     * @param fields the section's finished fields (read only when the field repeats)
     * @return the values
     */
    List<String> all(int kind, String[] fields) {
        return switch (count[kind]) {
            case 0 -> List.of();
            case 1 -> List.of(first[kind]);
            default -> FieldTable.all(fields, KIND_NAMES[kind]);
        };
    }

    /**
     * How many fields of a kind were seen.
     *
     * @param kind the kind
     * @return the count
     */
    int count(int kind) {
        return count[kind];
    }

    /**
     * The first value of a kind.
     *
     * @param kind the kind
     * @return the value, or {@code null}
     */
    String first(int kind) {
        return first[kind];
    }
}

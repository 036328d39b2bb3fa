package dev.spindle.http.internal;

import dev.spindle.http.Headers;

import java.util.Arrays;

/**
 * The field lines of one header (or trailer) section as the parser reads them, kept per connection
 * so that a keep-alive client repeating the same fields costs no allocation per request.
 *
 * <p>How: a request's fields end up in an exact-size {@code String[]} (name0, value0, name1, ...)
 * that is never changed once {@link #finish()} has handed it out, so it can be shared by any
 * number of requests. While reading the next section, the field at index {@code i} is compared
 * byte for byte with field {@code i} of the previous section ({@code last}): when equal, the
 * previous {@code String}s are reused instead of new ones (clients send the same Host, User-Agent,
 * Accept, ... in the same order on every request of a connection); when every field matched and
 * the count is the same, {@code finish()} returns {@code last} itself. Strings and the finished
 * arrays are immutable, so a request that a handler keeps after its exchange still sees exactly its
 * own fields: sharing is invisible.
 *
 * <p>Invariants: {@code scratch[0, size)} holds the section read so far, names at even indexes;
 * {@code same} is whether {@code scratch[0, size)} equals {@code last[0, size)} element by element
 * (as references). Owned by one connection's thread; the {@link KnownFields} are reset per section.
 */
final class FieldTable {
    private static final String[] NONE = new String[0];

    /** The framing fields of the section being read; reset by {@link #start()}. */
    final KnownFields known = new KnownFields();
    /** The previous finished section: immutable, possibly held by an earlier request. */
    private String[] last = NONE;
    private String[] scratch = new String[16];
    private int size;
    private boolean same = true;

    /** Starts a new section. */
    void start() {
        size = 0;
        same = true;
        known.reset();
    }

    /**
     * The name of the next field line, reused from the previous section when the bytes are equal.
     *
     * @param b the buffer holding a field name already checked to be a token
     * @param start its first byte
     * @param end one past its last byte
     * @return the name
     */
    String name(byte[] b, int start, int end) {
        String previous = size < last.length ? last[size] : null;
        if (previous != null && equalsLatin1(previous, b, start, end)) {
            return previous;
        }
        return KnownFields.name(b, start, end);
    }

    /**
     * The value of the next field line, reused from the previous section when the bytes are equal.
     *
     * @param b the buffer holding the value, already checked
     * @param start its first byte
     * @param end one past its last byte
     * @return the value
     */
    String value(byte[] b, int start, int end) {
        String previous = size + 1 < last.length ? last[size + 1] : null;
        if (previous != null && equalsLatin1(previous, b, start, end)) {
            return previous;
        }
        return RequestTarget.latin1(b, start, end);
    }

    /**
     * Adds a field line.
     *
     * @param name its name
     * @param value its value
     */
    void add(String name, String value) {
        if (size + 2 > scratch.length) {
            scratch = Arrays.copyOf(scratch, scratch.length * 2);
        }
        same = same && size + 1 < last.length && last[size] == name && last[size + 1] == value;
        scratch[size++] = name;
        scratch[size++] = value;
    }

    /**
     * Ends the section.
     *
     * @return its fields, name0, value0, ...: an array that nobody changes, possibly the previous
     *     section's
     */
    String[] finish() {
        if (!same || size != last.length) {
            last = size == 0 ? NONE : Arrays.copyOf(scratch, size);
        }
        Arrays.fill(scratch, 0, size, null);
        return last;
    }

    /**
     * Makes read-only {@link Headers} from a finished section.
     *
     * @param fields what {@link #finish()} returned
     * @param reason the message of the exception that changing them throws
     * @return the headers
     */
    static Headers toHeaders(String[] fields, String reason) {
        Headers headers = new Headers();
        for (int i = 0; i < fields.length; i += 2) {
            headers.add(fields[i], fields[i + 1]);
        }
        headers.lock(reason);
        return headers;
    }

    /**
     * Every value of the field {@code name} in a finished section, in order.
     *
     * @param fields what {@link #finish()} returned
     * @param name the name, any case
     * @return the values
     */
    static java.util.List<String> all(String[] fields, String name) {
        java.util.List<String> values = new java.util.ArrayList<>(2);
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                values.add(fields[i + 1]);
            }
        }
        return values;
    }

    private static boolean equalsLatin1(String s, byte[] b, int start, int end) {
        int n = end - start;
        if (s.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) != (b[start + i] & 0xff)) {
                return false;
            }
        }
        return true;
    }
}

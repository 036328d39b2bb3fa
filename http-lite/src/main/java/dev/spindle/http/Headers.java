package dev.spindle.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * HTTP header fields: an ordered list of (name, value) pairs whose names compare
 * case-insensitively, as RFC 9110 section 5.1 requires.
 *
 * <p>Invariants: every name is a non-empty RFC 9110 token; no value contains CR, LF, NUL or
 * another control character other than horizontal tab, and no value starts or ends with
 * whitespace. So a header set through this class can never split a response (no header
 * injection): {@link #set(String, String)} and {@link #add(String, String)} reject such input with
 * an {@link IllegalArgumentException} naming the culprit.
 *
 * <p>A request's headers are read-only; a response's headers are mutable until the response is
 * committed, after which changes throw {@link IllegalStateException}. Not thread-safe: a handler
 * owns its request and response.
 *
 * @since 0.1.0
 */
public final class Headers {
    private final ArrayList<String> fields; // name0, value0, name1, value1, ...
    private boolean readOnly;
    private String lockedReason;

    /** Creates an empty, mutable set of headers. */
    public Headers() {
        this.fields = new ArrayList<>(16);
    }

    /**
     * Creates a mutable set of headers holding the given name-value pairs.
     *
     * @param namesAndValues name, value, name, value, ...
     * @return the headers
     * @throws IllegalArgumentException if the count is odd or a name or value is invalid
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of needs name-value pairs, got an odd count: "
                    + namesAndValues.length);
        }
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /**
     * The first value of the field {@code name}.
     *
     * @param name the field name, any case
     * @return the value, or empty if there is no such field
     */
    public Optional<String> first(String name) {
        return Optional.ofNullable(firstOrNull(name));
    }

    /**
     * The first value of the field {@code name}, or {@code null}; the allocation-free form of
     * {@link #first(String)}.
     *
     * @param name the field name, any case
     * @return the value, or {@code null}
     */
    public String firstOrNull(String name) {
        for (int i = 0, n = fields.size(); i < n; i += 2) {
            if (fields.get(i).equalsIgnoreCase(name)) {
                return fields.get(i + 1);
            }
        }
        return null;
    }

    /**
     * Every value of the field {@code name}, in order of appearance.
     *
     * @param name the field name, any case
     * @return the values (empty if none), unmodifiable
     */
    public List<String> all(String name) {
        List<String> values = null;
        for (int i = 0, n = fields.size(); i < n; i += 2) {
            if (fields.get(i).equalsIgnoreCase(name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(fields.get(i + 1));
            }
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    /**
     * Whether a field named {@code name} is present.
     *
     * @param name the field name, any case
     * @return {@code true} if present
     */
    public boolean contains(String name) {
        return firstOrNull(name) != null;
    }

    /**
     * Replaces every field named {@code name} with one field holding {@code value}.
     *
     * @param name a token
     * @param value the value; leading and trailing whitespace is not allowed
     * @return these headers
     * @throws IllegalArgumentException if the name is not a token or the value holds a control
     *     character
     * @throws IllegalStateException if these headers can no longer change
     */
    public Headers set(String name, String value) {
        checkWritable();
        validate(name, value);
        int at = -1;
        for (int i = 0; i < fields.size(); i += 2) {
            if (fields.get(i).equalsIgnoreCase(name)) {
                if (at < 0) {
                    at = i;
                    fields.set(i + 1, value);
                } else {
                    fields.remove(i);
                    fields.remove(i);
                    i -= 2;
                }
            }
        }
        if (at < 0) {
            fields.add(name);
            fields.add(value);
        }
        return this;
    }

    /**
     * Adds one more field; existing fields of that name stay.
     *
     * @param name a token
     * @param value the value
     * @return these headers
     * @throws IllegalArgumentException if the name is not a token or the value holds a control
     *     character
     * @throws IllegalStateException if these headers can no longer change
     */
    public Headers add(String name, String value) {
        checkWritable();
        validate(name, value);
        fields.add(name);
        fields.add(value);
        return this;
    }

    /**
     * Removes every field named {@code name}.
     *
     * @param name the field name, any case
     * @return {@code true} if a field was removed
     * @throws IllegalStateException if these headers can no longer change
     */
    public boolean remove(String name) {
        checkWritable();
        boolean removed = false;
        for (int i = 0; i < fields.size(); i += 2) {
            if (fields.get(i).equalsIgnoreCase(name)) {
                fields.remove(i);
                fields.remove(i);
                i -= 2;
                removed = true;
            }
        }
        return removed;
    }

    /**
     * The distinct field names, in order of first appearance, as first spelled.
     *
     * @return the names, unmodifiable
     */
    public Set<String> names() {
        Set<String> lower = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < fields.size(); i += 2) {
            if (lower.add(fields.get(i).toLowerCase(java.util.Locale.ROOT))) {
                names.add(fields.get(i));
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * Calls {@code action} with every (name, value) pair, in order.
     *
     * @param action what to call
     */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0, n = fields.size(); i < n; i += 2) {
            action.accept(fields.get(i), fields.get(i + 1));
        }
    }

    /**
     * The number of fields (a name that appears twice counts twice).
     *
     * @return the count
     */
    public int size() {
        return fields.size() / 2;
    }

    /**
     * Whether there are no fields.
     *
     * @return {@code true} if empty
     */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /**
     * Makes these headers read-only; later changes throw {@link IllegalStateException} with
     * {@code reason} as the message. Used by the server for request headers and for committed
     * responses.
     *
     * @param reason the message of the exception later changes will throw
     */
    public void lock(String reason) {
        this.readOnly = true;
        this.lockedReason = Objects.requireNonNull(reason, "reason");
    }


    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException(lockedReason);
        }
    }

    private static void validate(String name, String value) {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, () -> "value of header " + name);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 128 || !dev.spindle.http.internal.Ascii.isToken(c)) {
                throw new IllegalArgumentException("header name \"" + name
                        + "\" is not an RFC 9110 token (bad character at index " + i + ")");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("value of header " + name
                        + " holds a forbidden character (code " + (int) c + ") at index " + i);
            }
        }
        if (!value.isEmpty() && (isWs(value.charAt(0)) || isWs(value.charAt(value.length() - 1)))) {
            throw new IllegalArgumentException("value of header " + name
                    + " has leading or trailing whitespace: \"" + value + "\"");
        }
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t';
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Headers[");
        forEach((n, v) -> sb.append(sb.length() > 8 ? ", " : "").append(n).append(": ").append(v));
        return sb.append(']').toString();
    }
}

package dev.spindle.http.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code text/event-stream} format (WHATWG HTML, section 9.2.6 "Interpreting an event
 * stream"): validation of single-line fields and the encoding of events and comments.
 *
 * <p>What the parser on the other side does, and so what we must write: a line ends at CR LF, LF
 * or CR; {@code name: value} sets a field, one leading space of the value being dropped; a line
 * starting with {@code ':'} is a comment; a blank line dispatches the event if its data buffer is
 * not empty. {@code data:} lines are joined with LF. An {@code id} holding NUL is ignored; a
 * {@code retry} that is not all ASCII digits is ignored. So: data is split at every line end and
 * each piece written on its own {@code data:} line; types and ids must not hold a line end (and
 * ids no NUL), which we refuse instead of silently rewriting; we always write {@code ": "} after
 * the field name, so a value starting with a space keeps it. Lines end with LF only.
 */
public final class SseEncoding {
    private SseEncoding() {
    }

    /**
     * Refuses a value that cannot be one field line.
     *
     * @param field the field's name, for the message ({@code "type"} or {@code "id"})
     * @param value the value
     * @param rejectNul whether a NUL is refused too (ids)
     * @throws IllegalArgumentException naming the field, the character and its index
     */
    public static void checkField(String field, String value, boolean rejectNul) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || (rejectNul && c == '\0')) {
                String what = c == '\r' ? "CR" : c == '\n' ? "LF" : "NUL";
                throw new IllegalArgumentException("ServerEvent " + field + " must not contain " + what
                        + (rejectNul ? " (no CR, LF or NUL)" : " (no CR or LF)") + ": found at index " + i
                        + " of " + quote(value));
            }
        }
    }

    /**
     * Checks a reconnection delay.
     *
     * @param retry the delay
     * @return the delay
     * @throws IllegalArgumentException if negative
     */
    public static Duration checkRetry(Duration retry) {
        Objects.requireNonNull(retry, "retry");
        if (retry.isNegative()) {
            throw new IllegalArgumentException("ServerEvent retry must not be negative, got " + retry);
        }
        return retry;
    }

    /**
     * Encodes an event, ended by the blank line that dispatches it.
     *
     * @param type the {@code event:} field, or {@code null}
     * @param id the {@code id:} field, or {@code null}
     * @param data the data, split at every line end into {@code data:} lines
     * @param retry the {@code retry:} field, or {@code null}
     * @return the text
     */
    public static String event(String type, String id, String data, Duration retry) {
        StringBuilder sb = new StringBuilder(data.length() + 32);
        if (type != null) {
            sb.append("event: ").append(type).append('\n');
        }
        if (id != null) {
            sb.append("id: ").append(id).append('\n');
        }
        if (retry != null) {
            sb.append("retry: ").append(retry.toMillis()).append('\n');
        }
        lines(sb, "data: ", data);
        return sb.append('\n').toString();
    }

    /**
     * Encodes a comment: each line of {@code text} on a {@code ':'} line, then a blank line (the
     * blank line dispatches nothing, as the data buffer is empty between events).
     *
     * @param text the comment; may span several lines
     * @return the text
     */
    public static String comment(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        lines(sb, ": ", text);
        return sb.append('\n').toString();
    }

    /**
     * A retry-only block: sets the browser's reconnection delay, dispatches no event.
     *
     * @param retry the delay
     * @return the text
     */
    public static String retry(Duration retry) {
        return "retry: " + checkRetry(retry).toMillis() + "\n\n";
    }

    /** Appends {@code prefix + line + LF} for each line of {@code text} (CR LF, LF and CR end lines). */
    private static void lines(StringBuilder sb, String prefix, String text) {
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                sb.append(prefix).append(text, start, i).append('\n');
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        sb.append(prefix).append(text, start, n).append('\n');
    }

    private static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\0' -> sb.append("\\0");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}

package dev.spindle.http;

import dev.spindle.http.internal.SseEncoding;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One server-sent event, as sent on an {@link EventStream}: its data and, optionally, its type (the
 * {@code event:} field), its id (the {@code id:} field, which the browser sends back as
 * {@code Last-Event-ID} when it reconnects) and a reconnection delay (the {@code retry:} field).
 * Immutable; made by {@link #data(String)} and {@link #of(String, String)}, refined by the
 * {@code with...} methods.
 *
 * {@snippet :
 * ServerEvent e = ServerEvent.of("order", "{\"id\":42}").withId("42");
 * // event: order
 * // id: 42
 * // data: {"id":42}
 * }
 *
 * <p>Data may hold any text, line breaks included: each line (ended by CR LF, LF or CR) goes on a
 * {@code data:} line of its own, and the browser joins them again with LF. The type and the id are
 * single-line fields, so a CR or LF in them (and a NUL in an id, which browsers ignore) is refused
 * at once with an {@link IllegalArgumentException} naming the field and the position: a line break
 * there would end the field and let the rest be read as other fields.
 *
 * @since 0.1.0
 */
public final class ServerEvent {
    private final String type;
    private final String id;
    private final String data;
    private final Duration retry;

    private ServerEvent(String type, String id, String data, Duration retry) {
        this.type = type;
        this.id = id;
        this.data = data;
        this.retry = retry;
    }

    /**
     * An event of the default type ({@code message} in the browser's {@code EventSource}).
     *
     * @param data the data; may be empty and may span several lines
     * @return the event
     */
    public static ServerEvent data(String data) {
        return new ServerEvent(null, null, Objects.requireNonNull(data, "data"), null);
    }

    /**
     * An event of type {@code type} (the {@code event:} field; the browser dispatches it to
     * {@code addEventListener(type, ...)}).
     *
     * @param type the type; not empty, no CR or LF
     * @param data the data; may be empty and may span several lines
     * @return the event
     * @throws IllegalArgumentException if {@code type} is empty or holds a CR or LF
     */
    public static ServerEvent of(String type, String data) {
        SseEncoding.checkField("type", Objects.requireNonNull(type, "type"), false);
        if (type.isEmpty()) {
            throw new IllegalArgumentException("ServerEvent type must not be empty (use ServerEvent.data(...) "
                    + "for an event of the default type)");
        }
        return new ServerEvent(type, null, Objects.requireNonNull(data, "data"), null);
    }

    /**
     * This event with the id {@code id} (the {@code id:} field). The browser remembers the last id it
     * received and sends it as the {@code Last-Event-ID} request header when it reconnects (see
     * {@link EventStream#lastEventId()}). An empty id resets the browser's last id.
     *
     * @param id the id; no CR, LF or NUL
     * @return a new event
     * @throws IllegalArgumentException if {@code id} holds a CR, LF or NUL
     */
    public ServerEvent withId(String id) {
        SseEncoding.checkField("id", Objects.requireNonNull(id, "id"), true);
        return new ServerEvent(type, id, data, retry);
    }

    /**
     * This event with a reconnection delay (the {@code retry:} field, in whole milliseconds): how
     * long the browser waits before reconnecting after the stream ends.
     *
     * @param retry the delay; not negative
     * @return a new event
     * @throws IllegalArgumentException if {@code retry} is negative
     */
    public ServerEvent withRetry(Duration retry) {
        return new ServerEvent(type, id, data, SseEncoding.checkRetry(retry));
    }

    /**
     * The type (the {@code event:} field).
     *
     * @return the type, or empty for the default type
     */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /**
     * The id (the {@code id:} field).
     *
     * @return the id, or empty if none is sent
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * The data, as given (line breaks included).
     *
     * @return the data
     */
    public String data() {
        return data;
    }

    /**
     * The reconnection delay (the {@code retry:} field).
     *
     * @return the delay, or empty if none is sent
     */
    public Optional<Duration> retry() {
        return Optional.ofNullable(retry);
    }

    /**
     * The event as it goes on the wire ({@code text/event-stream}, UTF-8), ended by a blank line.
     *
     * @return the encoded text
     */
    public String encode() {
        return SseEncoding.event(type, id, data, retry);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerEvent e && Objects.equals(type, e.type) && Objects.equals(id, e.id)
                && data.equals(e.data) && Objects.equals(retry, e.retry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, data, retry);
    }

    @Override
    public String toString() {
        return "ServerEvent[type=" + type + ", id=" + id + ", data=" + data + ", retry=" + retry + "]";
    }
}

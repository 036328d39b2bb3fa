package dev.spindle.channels;

/**
 * What a send on a full buffered channel does. Go has only {@link #SUSPEND}; the others are
 * Kotlin's {@code BufferOverflow} policies.
 *
 * @since 0.1.0
 */
public enum Overflow {
    /** The sender waits for room (Go's behaviour and the default). */
    SUSPEND,
    /**
     * The send succeeds at once; the oldest buffered value is dropped to make room. With capacity 1
     * this is a conflated channel: a receiver always gets the latest value.
     */
    DROP_OLDEST,
    /** The send succeeds at once; the value being sent is dropped and the buffer kept as it is. */
    DROP_LATEST
}

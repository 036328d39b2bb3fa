package dev.spindle.channels.jcstress;

import dev.spindle.channels.ChannelClosedException;
import dev.spindle.channels.ReceiveChannel;
import dev.spindle.channels.ReceiveResult;
import dev.spindle.channels.SendChannel;
import java.util.Optional;

/**
 * Channel operations that report their outcome as the small ints the tests' results hold (see the
 * package documentation for the codes). Actors call these instead of the channel so that checked
 * exceptions and closed channels become results, never exceptions out of an actor.
 */
final class Ops {
    /** A send that handed over or buffered its value. */
    static final int SENT = 1;
    /** A non-blocking send that would have had to wait (buffer full, or no receiver waiting). */
    static final int WOULD_WAIT = 0;
    /** A send or receive that found the channel closed (for a receive: closed and drained). */
    static final int CLOSED = -1;
    /** A non-blocking receive that found nothing to take. */
    static final int EMPTY = 0;

    private Ops() {
    }

    /** {@link SendChannel#trySend(Object)}: {@link #SENT}, {@link #WOULD_WAIT} or {@link #CLOSED}. */
    static int trySend(SendChannel<Integer> ch, int value) {
        try {
            return ch.trySend(value) ? SENT : WOULD_WAIT;
        } catch (ChannelClosedException e) {
            return CLOSED;
        }
    }

    /** {@link SendChannel#sendOrClosed(Object)}, which may wait: {@link #SENT} or {@link #CLOSED}. */
    static int send(SendChannel<Integer> ch, int value) {
        try {
            return ch.sendOrClosed(value).isClosed() ? CLOSED : SENT;
        } catch (InterruptedException e) {
            throw new IllegalStateException("nothing interrupts a jcstress actor", e);
        }
    }

    /** {@link ReceiveChannel#tryReceive()}: the value, {@link #EMPTY} or {@link #CLOSED}. */
    static int tryReceive(ReceiveChannel<Integer> ch) {
        try {
            Optional<Integer> v = ch.tryReceive();
            return v.isPresent() ? v.get() : EMPTY;
        } catch (ChannelClosedException e) {
            return CLOSED;
        }
    }

    /** {@link ReceiveChannel#receiveOrClosed()}, which may wait: the value or {@link #CLOSED}. */
    static int receive(ReceiveChannel<Integer> ch) {
        try {
            return ch.receiveOrClosed() instanceof ReceiveResult.Value<Integer> v
                    ? v.value()
                    : CLOSED;
        } catch (InterruptedException e) {
            throw new IllegalStateException("nothing interrupts a jcstress actor", e);
        }
    }

    /**
     * Takes every value the channel holds without waiting, and returns them as decimal digits in the
     * order received ({@code 0} for none, {@code 12} for 1 then 2). Values must be 1..9. Stops at the
     * first receive that finds nothing or finds the channel closed; {@link #tryReceive} after it says
     * which.
     */
    static int drain(ReceiveChannel<Integer> ch) {
        int digits = 0;
        int v;
        while ((v = tryReceive(ch)) > 0) {
            digits = digits * 10 + v;
        }
        return digits;
    }
}

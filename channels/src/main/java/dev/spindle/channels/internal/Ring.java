package dev.spindle.channels.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The buffer of a bounded channel: a lock-free multi-producer multi-consumer ring whose producer
 * index carries the channel's closed bit.
 *
 * <h2>Algorithm</h2>
 * Dmitry Vyukov's bounded MPMC queue (as in JCTools' {@code MpmcArrayQueue}): every slot has a
 * sequence number; a producer at position {@code t} may fill slot {@code t % length} when its
 * sequence is {@code t}, claims the position with one CAS on {@link #tail}, writes the element and
 * publishes sequence {@code t + 1}; a consumer at {@code h} takes the slot when its sequence is
 * {@code h + 1}, claims {@code h} with one CAS on {@link #head}, reads the element and frees the slot
 * for the next lap with sequence {@code h + length}.
 *
 * <h2>How it differs, and why not JCTools</h2>
 * <ul>
 *   <li>The closed bit ({@link #CLOSED_BIT}) lives in the producer index, so "send after close"
 *       cannot succeed: a producer's claim CAS fails once the bit is set, and close is one atomic
 *       or. JCTools' queues have no close; a flag beside the queue would let a send that read "open"
 *       land after the close.</li>
 *   <li>A slot claimed but not yet published (or freed) is reported by neither side as empty or full:
 *       {@link #poll} says empty only when {@code tail == head} and {@link #offer} says full only
 *       when {@code tail - head >= capacity}, each reading the other side's index. Otherwise it spins
 *       until the claimer finishes (a few instructions). The channel's waiters rely on this: a
 *       waiter registers, then re-checks the ring, and the re-check reads exactly the index whose
 *       CAS the other side performs before it looks for waiters (a Dekker pair; see
 *       {@link RingChannel}).</li>
 *   <li>{@link #version()} ({@code head + tail}) changes with every claim and with close, so a
 *       {@code select} can prove that several rings were all not ready at one instant by reading
 *       their versions before and after its pass (double collect).</li>
 *   <li>{@link #freeze()} sets {@link #FROZEN_BIT} in both indices, so claims by other callers fail
 *       until {@link #thaw()}: an ordered select (which needs one instant at which its earlier
 *       clauses were not ready) holds the channel lock, freezes, polls in frozen mode, thaws. A
 *       caller that meets a frozen ring takes the channel lock, which the select holds, and retries
 *       (see {@link RingChannel}).</li>
 *   <li>Capacity 1 uses two slots (one slot cannot tell "full" from "free for the next lap") and
 *       bounds the producer by {@code head} explicitly.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@code (head & INDEX) <= (tail & INDEX) <= (head & INDEX) + capacity}; both only grow.</li>
 *   <li>Once {@link #CLOSED_BIT} is set, the position part of {@code tail} never changes again.</li>
 *   <li>{@link #FROZEN_BIT} is set only while the channel lock is held, by its holder.</li>
 *   <li>Every value whose claim CAS succeeded is taken by exactly one consumer claim.</li>
 * </ul>
 */
final class Ring extends RingHead {
    /** The closed bit of the producer index: set once, by {@link #close()}. */
    static final long CLOSED_BIT = 1L << 62;
    /** The frozen bit of both indices: set by {@link #freeze()}, cleared by {@link #thaw()}. */
    static final long FROZEN_BIT = 1L << 61;
    /** The position part of an index word. */
    static final long INDEX = FROZEN_BIT - 1;

    /** {@link #poll}: no value and not closed. */
    static final Object EMPTY = GoChannel.EMPTY;
    /** {@link #offer}: no room and not closed. */
    static final Object FULL = GoChannel.FULL;
    /** Closed: no room for a send, or (for a receive) closed and drained. */
    static final Object CLOSED = GoChannel.CLOSED;
    /** {@link #offer}: the value is in the ring. */
    static final Object SENT = GoChannel.SENT;
    /** {@link #offer} or {@link #poll}: a select froze the ring; take the channel lock, then retry. */
    static final Object FROZEN = new Object();

    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ELEM = MethodHandles.arrayElementVarHandle(Object[].class);

    /** Logical capacity: at most this many values are in the ring. */
    final int capacity;
    /** {@code elements.length - 1} when the length is a power of two, else -1 (use {@code %}). */
    private final int mask;
    /** Slot sequence numbers, see the class comment; accessed through {@link #SEQ}. */
    private final long[] sequences;
    /** Slot values; a slot's value is read only by the consumer that claimed it. */
    private final Object[] elements;

    Ring(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("ring capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        int length = Math.max(2, capacity);
        this.mask = Integer.bitCount(length) == 1 ? length - 1 : -1;
        this.sequences = new long[length];
        this.elements = new Object[length];
        for (int i = 0; i < length; i++) {
            sequences[i] = i;
        }
        VarHandle.releaseFence(); // the initial sequences are seen by every thread that sees the ring
    }

    private int slot(long position) {
        return mask >= 0 ? (int) position & mask : (int) (position % elements.length);
    }

    /**
     * Adds {@code value} at the tail if there is room.
     *
     * @param mode 0 for a caller that does not hold the channel lock; {@link #FROZEN_BIT} for the
     *     select that froze the ring
     * @return {@link #SENT}, {@link #FULL}, {@link #CLOSED}, or {@link #FROZEN} if the ring is frozen
     *     and {@code mode} is 0
     */
    Object offer(Object value, long mode) {
        while (true) {
            long word = tailVolatile();
            if ((word & CLOSED_BIT) != 0) {
                return CLOSED;
            }
            if ((word & FROZEN_BIT) != mode) {
                return FROZEN;
            }
            long t = word & INDEX;
            int i = slot(t);
            long seq = (long) SEQ.getAcquire(sequences, i);
            if (seq == t && (capacity > 1 || t == headIndex())) {
                if (casTail(word, word + 1)) {
                    ELEM.set(elements, i, value);
                    SEQ.setRelease(sequences, i, t + 1);
                    return SENT;
                }
            } else if (seq < t || capacity == 1) {
                // the slot still holds last lap's value; full unless a consumer is freeing it
                if (t - headIndex() >= capacity && tailVolatile() == word) {
                    return FULL;
                }
                Thread.onSpinWait();
            }
            // else: another producer moved on; retry with the new tail
        }
    }

    /**
     * Takes the value at the head if there is one.
     *
     * @param mode as for {@link #offer}
     * @return the value, {@link #EMPTY}, {@link #CLOSED} if closed and drained, or {@link #FROZEN}
     */
    Object poll(long mode) {
        while (true) {
            long word = headVolatile();
            if ((word & FROZEN_BIT) != mode) {
                return FROZEN;
            }
            long h = word & INDEX;
            int i = slot(h);
            long seq = (long) SEQ.getAcquire(sequences, i);
            if (seq == h + 1) {
                if (casHead(word, word + 1)) {
                    Object value = ELEM.get(elements, i);
                    ELEM.set(elements, i, null);
                    SEQ.setRelease(sequences, i, h + elements.length);
                    return value;
                }
            } else if (seq < h + 1) {
                // not published for this lap: empty unless a producer has claimed it
                long t = tailVolatile();
                if ((t & INDEX) == h && headVolatile() == word) {
                    return (t & CLOSED_BIT) != 0 ? CLOSED : EMPTY;
                }
                Thread.onSpinWait();
            }
            // else: another consumer moved on; retry with the new head
        }
    }

    /**
     * Freezes the ring: until {@link #thaw()}, every claim by a caller in mode 0 fails with
     * {@link #FROZEN}. Only a holder of the channel lock freezes, and it thaws before unlocking.
     */
    void freeze() {
        getAndOrTail(FROZEN_BIT);
        getAndOrHead(FROZEN_BIT);
    }

    void thaw() {
        getAndAndTail(~FROZEN_BIT);
        getAndAndHead(~FROZEN_BIT);
    }

    private long headIndex() {
        return headVolatile() & INDEX;
    }

    /** Sets the closed bit; {@code true} if this call set it. */
    boolean close() {
        return (getAndOrTail(CLOSED_BIT) & CLOSED_BIT) == 0;
    }

    boolean isClosed() {
        return (tailVolatile() & CLOSED_BIT) != 0;
    }

    /** Closed, with nothing left to take. */
    boolean isClosedAndEmpty() {
        long t = tailVolatile();
        return (t & CLOSED_BIT) != 0 && (t & INDEX) == headIndex();
    }

    /** Values claimed by producers and not yet by consumers; a snapshot. */
    int size() {
        while (true) {
            long h = headIndex();
            long t = tailVolatile() & INDEX;
            if (headIndex() == h) {
                return (int) Math.max(0, Math.min(capacity, t - h));
            }
        }
    }

    /** Values ever added. */
    long added() {
        return tailVolatile() & INDEX;
    }

    /** Values ever taken. */
    long taken() {
        return headIndex();
    }

    /** Changes whenever a value is claimed on either side or the ring is closed; see the class comment. */
    long version() {
        return headIndex() + (tailVolatile() & ~FROZEN_BIT);
    }
}

/** Padding before the producer index, so it shares no cache line with the object header's neighbours. */
abstract class RingPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16;
}

/** The producer index and the closed bit. */
abstract class RingTail extends RingPad0 {
    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(RingTail.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Positions claimed by producers ({@link Ring#INDEX} bits), plus {@link Ring#CLOSED_BIT} once
     * closed and {@link Ring#FROZEN_BIT} while a select has frozen the ring.
     */
    private volatile long tail;

    final long tailVolatile() {
        return tail;
    }

    final boolean casTail(long expect, long update) {
        return TAIL.compareAndSet(this, expect, update);
    }

    final long getAndOrTail(long bits) {
        return (long) TAIL.getAndBitwiseOr(this, bits);
    }

    final long getAndAndTail(long bits) {
        return (long) TAIL.getAndBitwiseAnd(this, bits);
    }
}

/** Padding between the two indices: producers and consumers write different cache lines. */
@SuppressWarnings("HidingField") // padding fields are never read; their names repeat RingPad0's on purpose
abstract class RingPad1 extends RingTail {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16;
}

/** The consumer index. */
abstract class RingHead extends RingPad1 {
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(RingHead.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Positions claimed by consumers, plus {@link Ring#FROZEN_BIT} while frozen. */
    private volatile long head;

    long p20, p21, p22, p23, p24, p25, p26, p27;
    long p30, p31, p32, p33, p34, p35, p36;

    final long headVolatile() {
        return head;
    }

    final boolean casHead(long expect, long update) {
        return HEAD.compareAndSet(this, expect, update);
    }

    final long getAndOrHead(long bits) {
        return (long) HEAD.getAndBitwiseOr(this, bits);
    }

    final long getAndAndHead(long bits) {
        return (long) HEAD.getAndBitwiseAnd(this, bits);
    }
}

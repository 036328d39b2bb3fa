package dev.spindle.bench.channels;

/**
 * One implementation under test, named by the {@code impl} parameter of {@link ChannelBench} and
 * {@link ChannelScaleBench}: how it makes an unbuffered and a buffered {@link Pipe}, how it selects
 * over pipes, and how it merges pipes into one. A peer that cannot do something (a queue has no
 * select and no close; {@code ArrayBlockingQueue} cannot be unbuffered) says so with an
 * {@link UnsupportedOperationException} naming itself, which JMH reports for that combination.
 */
interface Peer {
    /** A rendezvous pipe: a send completes only when a receiver takes the value. */
    Pipe unbuffered();

    /** A pipe that holds up to {@code capacity} values before a send waits. */
    Pipe buffered(int capacity);

    /**
     * Receives from whichever of {@code a} and {@code b} (both made by this peer) has a value first,
     * building the select's clauses in this call (as {@code select2Producers} has always measured).
     */
    Integer select(Pipe a, Pipe b) throws InterruptedException;

    /**
     * A select over {@code pipes} (all made by this peer) whose clauses are built once, here, and
     * reused by every {@link Selection#select()}: the loop a user writes when the set of channels
     * does not change, and the one that keeps clause building out of {@code selectN}.
     */
    Selection selection(Pipe... pipes);

    /**
     * Fan-in: starts forwarding every value of {@code inputs} (all made by this peer, buffered or
     * not) into one output, the way a user of this implementation merges channels. The output ends
     * once every input is closed and drained.
     */
    Merged merge(Pipe... inputs) throws InterruptedException;

    /** A select prepared by {@link #selection}. */
    interface Selection {
        /** Receives from whichever pipe has a value first, waiting while none has. */
        Integer select() throws InterruptedException;
    }

    /** The output of {@link #merge} and the forwarders behind it. */
    interface Merged {
        /** Receives until the output is closed and drained; returns the sum of what it received. */
        long sumUntilClosed() throws InterruptedException;

        /** After the output ended: waits until every forwarder has ended, rethrowing a forwarder's failure. */
        void finish() throws InterruptedException;

        /** After a failed run: stops the forwarders (they may be waiting forever), without waiting. */
        void abort();
    }

    /** The peer behind an {@code impl} parameter value. */
    static Peer named(String impl) {
        return switch (impl) {
            case "spindle" -> new SpindlePeer();
            case "jox" -> new JoxPeer();
            case "abq", "lbq", "sq", "ltq", "ltqUnbounded" -> new QueuePeer(impl);
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
    }
}

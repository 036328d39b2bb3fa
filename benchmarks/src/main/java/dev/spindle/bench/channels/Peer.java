package dev.spindle.bench.channels;

/**
 * One implementation under test, named by {@link ChannelBench}'s {@code impl} parameter: how it makes
 * an unbuffered and a buffered {@link Pipe}, and how it selects over two of them. A peer that cannot
 * do something (a queue has no select; {@code ArrayBlockingQueue} cannot be unbuffered) says so with
 * an {@link UnsupportedOperationException} naming itself, which JMH reports for that combination.
 */
interface Peer {
    /** A rendezvous pipe: a send completes only when a receiver takes the value. */
    Pipe unbuffered();

    /** A pipe that holds up to {@code capacity} values before a send waits. */
    Pipe buffered(int capacity);

    /** Receives from whichever of {@code a} and {@code b} (both made by this peer) has a value first. */
    Integer select(Pipe a, Pipe b) throws InterruptedException;

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

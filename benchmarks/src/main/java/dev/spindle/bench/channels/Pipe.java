package dev.spindle.bench.channels;

/**
 * The least a {@link ChannelBench} or {@link ChannelScaleBench} scenario needs from a channel or a
 * queue: a blocking send and a blocking receive of boxed ints, and (for {@code fanIn} only) a close. Each implementation under test wraps its own type in one small
 * final class, so a scenario body is written once and, since JMH runs one implementation per fork,
 * every call site through this interface sees a single receiver class (monomorphic, inlined).
 */
interface Pipe {
    /** Sends {@code value}, waiting while the pipe is full (or, unbuffered, until a receiver takes it). */
    void send(Integer value) throws InterruptedException;

    /** Takes the next value, waiting while there is none. */
    Integer receive() throws InterruptedException;

    /**
     * Closes the pipe for sending: receivers drain what is buffered, then see it closed. A queue
     * cannot be closed and throws {@link UnsupportedOperationException}.
     */
    void close();
}

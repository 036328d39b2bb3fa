package dev.spindle.bench.channels;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * The java.util.concurrent queues, used as channels through {@code put} and {@code take}:
 * <ul>
 *   <li>{@code abq} {@link ArrayBlockingQueue} and {@code lbq} {@link LinkedBlockingQueue}: buffered only
 *       (a capacity of zero is not allowed);</li>
 *   <li>{@code sq} {@link SynchronousQueue} (non-fair): unbuffered only;</li>
 *   <li>{@code ltq} {@link LinkedTransferQueue} with {@code transfer} as the send: unbuffered only (transfer
 *       waits until a consumer has the value);</li>
 *   <li>{@code ltqUnbounded} the same queue with {@code put}: it never waits, so it ignores the capacity —
 *       a reference line in the buffered scenarios, not a bounded peer.</li>
 * </ul>
 * None of them can select over queues or be closed, so none takes part in {@code selectN} or
 * {@code fanIn}.
 */
final class QueuePeer implements Peer {
    private final String impl;

    QueuePeer(String impl) {
        this.impl = impl;
    }

    @Override
    public Pipe unbuffered() {
        return switch (impl) {
            case "sq" -> new QueuePipe(new SynchronousQueue<>());
            case "ltq" -> new TransferPipe(new LinkedTransferQueue<>());
            default -> throw unsupported("unbuffered pipes (its buffered form is a peer in the buffered scenarios only)");
        };
    }

    @Override
    public Pipe buffered(int capacity) {
        return switch (impl) {
            case "abq" -> new QueuePipe(new ArrayBlockingQueue<>(capacity));
            case "lbq" -> new QueuePipe(new LinkedBlockingQueue<>(capacity));
            case "ltqUnbounded" -> new QueuePipe(new LinkedTransferQueue<>());
            default -> throw unsupported("buffered pipes (it is a rendezvous queue)");
        };
    }

    @Override
    public Integer select(Pipe a, Pipe b) {
        throw unsupported("select");
    }

    @Override
    public Selection selection(Pipe... pipes) {
        throw unsupported("select");
    }

    @Override
    public Merged merge(Pipe... inputs) {
        throw unsupported("merge (a queue cannot be closed, so a merge of queues could not end)");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("impl " + impl + " has no " + what);
    }

    private record QueuePipe(BlockingQueue<Integer> queue) implements Pipe {
        @Override
        public void send(Integer value) throws InterruptedException {
            queue.put(value);
        }

        @Override
        public Integer receive() throws InterruptedException {
            return queue.take();
        }

        @Override
        public void close() {
            throw new UnsupportedOperationException("a BlockingQueue cannot be closed");
        }
    }

    private record TransferPipe(LinkedTransferQueue<Integer> queue) implements Pipe {
        @Override
        public void send(Integer value) throws InterruptedException {
            queue.transfer(value);
        }

        @Override
        public Integer receive() throws InterruptedException {
            return queue.take();
        }

        @Override
        public void close() {
            throw new UnsupportedOperationException("a BlockingQueue cannot be closed");
        }
    }
}

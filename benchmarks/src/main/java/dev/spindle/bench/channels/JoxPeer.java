package dev.spindle.bench.channels;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.ChannelClosed;
import com.softwaremill.jox.ChannelDone;
import com.softwaremill.jox.ChannelError;
import com.softwaremill.jox.Select;
import com.softwaremill.jox.SelectClause;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * softwaremill/jox channels: {@code newRendezvousChannel}, {@code newBufferedChannel},
 * {@code Select.select}, and a hand-written merge (jox 1.0.1's channels have none).
 */
final class JoxPeer implements Peer {
    @Override
    public Pipe unbuffered() {
        return new JoxPipe(Channel.newRendezvousChannel());
    }

    @Override
    public Pipe buffered(int capacity) {
        return new JoxPipe(Channel.newBufferedChannel(capacity));
    }

    @Override
    public Integer select(Pipe a, Pipe b) throws InterruptedException {
        return Select.select(((JoxPipe) a).channel.receiveClause(), ((JoxPipe) b).channel.receiveClause());
    }

    /**
     * One {@code receiveClause()} per pipe, built here and reused: a jox clause holds only final fields
     * (its channel and callback), and every {@code Select.select} call makes its own select instance.
     * jox itself still allocates per call (its null check streams over the clauses). Unlike Spindle,
     * jox's select takes the first ready clause in argument order rather than a random one.
     */
    @Override
    public Selection selection(Pipe... pipes) {
        @SuppressWarnings("unchecked") // an array of a generic type; it only ever holds SelectClause<Integer>
        SelectClause<Integer>[] clauses = (SelectClause<Integer>[]) new SelectClause<?>[pipes.length];
        for (int i = 0; i < pipes.length; i++) {
            clauses[i] = ((JoxPipe) pipes[i]).channel.receiveClause();
        }
        return () -> Select.select(clauses);
    }

    /**
     * jox 1.0.1's channels module has no merge, so this is the one a jox user writes with jox's own
     * primitives, shaped like Spindle's {@code Channels.merge} and Go's pipelines-blog merge: one
     * virtual thread per input forwards with {@code receiveOrClosed} and {@code send} into a rendezvous
     * output; the last forwarder to end marks the output {@code done()}; an input closed with an error
     * closes the output with that error.
     */
    @Override
    public Merged merge(Pipe... inputs) {
        Channel<Integer> out = Channel.newRendezvousChannel();
        AtomicInteger running = new AtomicInteger(inputs.length);
        Thread[] forwarders = new Thread[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Channel<Integer> in = ((JoxPipe) inputs[i]).channel;
            forwarders[i] = Thread.ofVirtual().start(() -> forward(in, out, running));
        }
        return new Merged() {
            @Override
            public long sumUntilClosed() throws InterruptedException {
                long acc = 0;
                while (true) {
                    Object r = out.receiveOrClosed();
                    if (r instanceof ChannelClosed closed) {
                        if (closed instanceof ChannelError) {
                            throw closed.toException();
                        }
                        return acc;
                    }
                    acc += (Integer) r;
                }
            }

            @Override
            public void finish() throws InterruptedException {
                for (Thread t : forwarders) {
                    t.join();
                }
            }

            @Override
            public void abort() {
                for (Thread t : forwarders) {
                    t.interrupt();
                }
            }
        };
    }

    /** A forwarder's body: {@code receiveOrClosed} returns a value or a {@link ChannelClosed}, never throws on close. */
    private static void forward(Channel<Integer> in, Channel<Integer> out, AtomicInteger running) {
        try {
            while (true) {
                Object r = in.receiveOrClosed();
                if (r instanceof ChannelDone) {
                    break;
                }
                if (r instanceof ChannelError e) {
                    out.errorOrClosed(e.cause());
                    break;
                }
                if (out.sendOrClosed((Integer) r) instanceof ChannelClosed) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            out.errorOrClosed(e);
        } finally {
            if (running.decrementAndGet() == 0) {
                out.doneOrClosed();
            }
        }
    }

    private record JoxPipe(Channel<Integer> channel) implements Pipe {
        @Override
        public void send(Integer value) throws InterruptedException {
            channel.send(value);
        }

        @Override
        public Integer receive() throws InterruptedException {
            return channel.receive();
        }

        @Override
        public void close() {
            channel.done();
        }
    }
}

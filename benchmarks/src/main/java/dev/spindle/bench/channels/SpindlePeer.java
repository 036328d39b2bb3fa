package dev.spindle.bench.channels;

import dev.spindle.channels.Channel;
import dev.spindle.channels.Channels;
import dev.spindle.channels.ReceiveChannel;
import dev.spindle.channels.Select;
import dev.spindle.channels.SelectClause;
import dev.spindle.core.TaskGroup;

/**
 * Spindle's channels: {@code Channel.unbuffered}, {@code Channel.buffered}, {@code Select.select} with
 * {@code onReceive}, and {@code Channels.merge} on a {@link TaskGroup} for fan-in.
 */
final class SpindlePeer implements Peer {
    @Override
    public Pipe unbuffered() {
        return new SpindlePipe(Channel.unbuffered());
    }

    @Override
    public Pipe buffered(int capacity) {
        return new SpindlePipe(Channel.buffered(capacity));
    }

    @Override
    public Integer select(Pipe a, Pipe b) throws InterruptedException {
        return Select.select(((SpindlePipe) a).channel.onReceive(x -> x), ((SpindlePipe) b).channel.onReceive(x -> x));
    }

    /** One {@code onReceive(x -> x)} clause per pipe, built here; a clause is a reusable description. */
    @Override
    public Selection selection(Pipe... pipes) {
        @SuppressWarnings("unchecked") // an array of a generic type; it only ever holds SelectClause<Integer>
        SelectClause<Integer>[] clauses = (SelectClause<Integer>[]) new SelectClause<?>[pipes.length];
        for (int i = 0; i < pipes.length; i++) {
            clauses[i] = ((SpindlePipe) pipes[i]).channel.onReceive(x -> x);
        }
        return () -> Select.select(clauses);
    }

    /**
     * {@code Channels.merge} in a fresh {@link TaskGroup}: one forwarding task (a virtual thread) per
     * input into an unbuffered output, closed when the last input is closed and drained. The consumer
     * ranges over the output with {@code for (Integer v : out)}, the allocation-free receive loop.
     */
    @Override
    public Merged merge(Pipe... inputs) throws InterruptedException {
        @SuppressWarnings("unchecked") // an array of a generic type; it only ever holds Channel<Integer>
        ReceiveChannel<Integer>[] channels = (ReceiveChannel<Integer>[]) new ReceiveChannel<?>[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            channels[i] = ((SpindlePipe) inputs[i]).channel;
        }
        TaskGroup group = TaskGroup.open();
        ReceiveChannel<Integer> out = Channels.merge(group, channels);
        return new Merged() {
            @Override
            public long sumUntilClosed() {
                long acc = 0;
                for (Integer v : out) {
                    acc += v;
                }
                return acc;
            }

            @Override
            public void finish() {
                group.close();
            }

            @Override
            public void abort() {
                group.cancel(new IllegalStateException("fanIn failed"));
            }
        };
    }

    private record SpindlePipe(Channel<Integer> channel) implements Pipe {
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
            channel.close();
        }
    }
}

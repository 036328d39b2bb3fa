package dev.spindle.bench.channels;

import dev.spindle.channels.Channel;
import dev.spindle.channels.Select;

/** Spindle's channels: {@code Channel.unbuffered}, {@code Channel.buffered}, {@code Select.select} with {@code onReceive}. */
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

    private record SpindlePipe(Channel<Integer> channel) implements Pipe {
        @Override
        public void send(Integer value) throws InterruptedException {
            channel.send(value);
        }

        @Override
        public Integer receive() throws InterruptedException {
            return channel.receive();
        }
    }
}

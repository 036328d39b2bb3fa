package dev.spindle.bench.channels;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.Select;

/** softwaremill/jox channels: {@code newRendezvousChannel}, {@code newBufferedChannel}, {@code Select.select}. */
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

    private record JoxPipe(Channel<Integer> channel) implements Pipe {
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

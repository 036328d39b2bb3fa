package dev.spindle.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChannelMetricsTest {

    @Test
    void countsSendsReceivesDropsLengthAndBlockedTime() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Channel<Integer> ch = Channel.buffered(2, Overflow.DROP_OLDEST);
        ChannelMetrics.of("jobs", ch).bindTo(registry);
        ch.send(1);
        ch.send(2);
        ch.send(3); // drops 1
        ch.receive();
        assertThat(registry.get("spindle.channel.sends").tag("channel", "jobs").functionCounter().count()).isEqualTo(3);
        assertThat(registry.get("spindle.channel.receives").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("spindle.channel.dropped").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("spindle.channel.length").gauge().value()).isEqualTo(1);

        Channel<Integer> rendezvous = Channel.unbuffered();
        ChannelMetrics.of("rv", rendezvous).bindTo(registry);
        Blocked<Integer> receiver = Blocked.start(rendezvous::receive);
        rendezvous.send(9);
        assertThat(receiver.get()).isEqualTo(9);
        FunctionTimer blocked = registry.get("spindle.channel.blocked").tag("channel", "rv").functionTimer();
        assertThat(blocked.count()).isEqualTo(1);
        assertThat(blocked.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }
}

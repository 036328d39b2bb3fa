package dev.spindle.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.channels.Channel;
import dev.spindle.channels.ChannelClosedException;
import dev.spindle.channels.ReceiveResult;
import dev.spindle.channels.Select;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DistributedChannelTest {
    private static TestClusters three;

    @BeforeAll
    static void start() throws Exception {
        three = TestClusters.start(5770, 3);
    }

    @AfterAll
    static void stop() {
        three.close();
    }

    @Test
    void valuesSentOnOneMemberAreReceivedInOrderOnAnother() throws Exception {
        DistributedChannel<Integer> out = three.member(0).channel("fifo", 16);
        DistributedChannel<Integer> in = three.member(2).channel("fifo", 16);
        for (int i = 0; i < 10; i++) {
            out.send(i);
        }
        assertThat(in.len()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            assertThat(in.receive()).isEqualTo(i);
        }
        assertThat(in.tryReceive()).isEmpty();
    }

    @Test
    void aFullChannelRefusesTrySendAndEveryHandleMustAgreeOnCapacity() throws Exception {
        DistributedChannel<String> ch = three.member(0).channel("small", 2);
        assertThat(ch.trySend("a")).isTrue();
        assertThat(ch.trySend("b")).isTrue();
        assertThat(ch.trySend("c")).isFalse();
        assertThat(ch.trySend("c", Duration.ofMillis(100))).isFalse();
        assertThat(ch.cap()).isEqualTo(2);
        assertThatThrownBy(() -> three.member(1).channel("small", 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel 'small': capacity 3");
        assertThatThrownBy(() -> three.member(1).channel("zero", 0)).hasMessageContaining("capacity 0");
        assertThatThrownBy(() -> ch.send(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("channel 'small': send: value is null");
    }

    @Test
    void closeLetsReceiversDrainThenReportsClosedEverywhere() throws Exception {
        DistributedChannel<String> a = three.member(0).channel("closing", 8);
        DistributedChannel<String> b = three.member(1).channel("closing", 8);
        a.send("x");
        a.send("y");
        assertThat(a.close()).isTrue();
        assertThat(b.close()).isFalse();
        assertThatThrownBy(() -> a.send("z")).isInstanceOf(ChannelClosedException.class)
                .hasMessageContaining("channel 'closing': send on a closed channel");
        assertThat(b.receive()).isEqualTo("x");
        assertThat(b.receiveOrClosed()).isEqualTo(new ReceiveResult.Value<>("y"));
        assertThat(b.receiveOrClosed().isClosed()).isTrue();
        assertThatThrownBy(b::receive).isInstanceOf(ChannelClosedException.class);
        assertThat(b.tryReceive()).isEmpty();
        b.destroy();
        assertThat(three.member(2).channel("closing", 8).isClosed()).isFalse();
    }

    @Test
    void closeWakesReceiversBlockedOnOtherMembers() throws Exception {
        DistributedChannel<String> ch = three.member(0).channel("wake", 4);
        int receivers = 3;
        CountDownLatch sawClosed = new CountDownLatch(receivers);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < receivers; i++) {
            DistributedChannel<String> r = three.member(i).channel("wake", 4);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    if (r.receiveOrClosed().isClosed()) {
                        sawClosed.countDown();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        ch.close();
        assertThat(sawClosed.await(20, TimeUnit.SECONDS)).isTrue();
        for (Thread t : threads) {
            t.join();
        }
    }

    @Test
    void everyValueIsReceivedExactlyOnceByManyReceiversOnManyMembers() throws Exception {
        int n = 600;
        ConcurrentHashMap<Integer, Integer> seen = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> receivers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                DistributedChannel<Integer> ch = three.member(r % 3).channel("mpmc", 32);
                receivers.add(ex.submit(() -> {
                    while (ch.receiveOrClosed() instanceof ReceiveResult.Value<Integer> v) {
                        if (seen.put(v.value(), 1) != null) {
                            duplicates.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                int base = s * (n / 3);
                DistributedChannel<Integer> ch = three.member(s).channel("mpmc", 32);
                senders.add(ex.submit(() -> {
                    for (int i = 0; i < n / 3; i++) {
                        ch.send(base + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : senders) {
                f.get();
            }
            three.member(1).channel("mpmc", 32).close();
            for (Future<?> f : receivers) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(duplicates).hasValue(0);
        assertThat(seen).hasSize(n);
    }

    @Test
    void aCancelledReceiveTakesNothing() throws Exception {
        DistributedChannel<String> ch = three.member(0).channel("cancel", 4);
        var ctx = Context.background().withTimeout(Duration.ofMillis(300));
        assertThatThrownBy(() -> ch.receive(ctx)).isInstanceOf(CancelledException.class);
        ch.send("kept");
        assertThat(three.member(1).<String>channel("cancel", 4).tryReceive(Duration.ofSeconds(5))).contains("kept");
    }

    @Test
    void aReceiverWorksInSelectBesideALocalChannel() throws Exception {
        DistributedChannel<String> remote = three.member(0).channel("selectable", 4);
        Channel<String> local = Channel.buffered(1);
        try (var ctx = Context.background().withCancel();
                Subscription<String> view = three.member(1).<String>channel("selectable", 4).receiver(ctx)) {
            remote.send("from the cluster");
            String got = Select.select(
                    view.onReceive(v -> "remote: " + v),
                    local.onReceive(v -> "local: " + v),
                    Select.onTimeout(Duration.ofSeconds(20), () -> "timeout"));
            assertThat(got).isEqualTo("remote: from the cluster");
            local.send("here");
            String second = Select.select(view.onReceive(v -> "remote"), local.onReceive(v -> "local: " + v));
            assertThat(second).isEqualTo("local: here");
        }
    }

    @Test
    void aStoppedReceiverGivesBackTheValueItHeld() throws Exception {
        DistributedChannel<String> ch = three.member(0).channel("giveback", 4);
        var ctx = Context.background().withCancel();
        Subscription<String> view = three.member(1).<String>channel("giveback", 4).receiver(ctx);
        ch.send("precious");
        // The pump takes the value and waits to hand it over; closing the view must return it.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ch.len() == 0);
        view.close();
        Optional<String> back = ch.tryReceive(Duration.ofSeconds(10));
        assertThat(back).contains("precious");
        assertThat(view.isClosedForReceive()).isTrue();
    }

    @Test
    void cancellingTheReceiversContextClosesItAndGivesBackTheHeldValue() throws Exception {
        DistributedChannel<String> ch = three.member(0).channel("ctx-view", 4);
        var ctx = Context.background().withCancel();
        Subscription<String> view = three.member(1).<String>channel("ctx-view", 4).receiver(ctx);
        ch.send("held");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ch.len() == 0);
        ctx.cancel(); // the pump is blocked handing "held" over: it must give it back and close the view
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(view::isClosedForReceive);
        assertThat(view.receiveOrClosed().isClosed()).isTrue();
        assertThat(ch.tryReceive(Duration.ofSeconds(10))).contains("held");
        view.close();
    }

    @Test
    void aSendWithADoneContextSendsNothingAndCloseReleasesABlockedSender() throws Exception {
        DistributedChannel<String> ch = three.member(0).channel("full", 1);
        var done = Context.background().withCancel();
        done.cancel();
        assertThatThrownBy(() -> ch.send("never", done)).isInstanceOf(CancelledException.class);
        assertThat(ch.len()).isZero();
        ch.send("first");
        CountDownLatch released = new CountDownLatch(1);
        Thread blocked = Thread.ofVirtual().start(() -> {
            try {
                ch.send("second");
            } catch (ChannelClosedException expected) {
                released.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        three.member(2).channel("full", 1).close(); // another member closes the full channel
        assertThat(released.await(20, TimeUnit.SECONDS)).isTrue();
        blocked.join();
        assertThat(ch.receive()).isEqualTo("first");
    }
}

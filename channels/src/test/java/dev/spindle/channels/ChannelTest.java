package dev.spindle.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.core.CancelledException;
import dev.spindle.core.CancellableContext;
import dev.spindle.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelTest {

    /** A channel kind for parameterized tests. */
    record Kind(String name, int capacity, Supplier<Channel<Integer>> factory) {
        Channel<Integer> make() {
            return factory.get();
        }

        boolean unlimited() {
            return capacity == Integer.MAX_VALUE;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The kinds whose sends wait when full: Go's semantics. */
    static Stream<Kind> waitingKinds() {
        return Stream.of(
                new Kind("unbuffered", 0, Channel::unbuffered),
                new Kind("buffered(1)", 1, () -> Channel.buffered(1)),
                new Kind("buffered(2)", 2, () -> Channel.buffered(2)),
                new Kind("buffered(16)", 16, () -> Channel.buffered(16)),
                new Kind("buffered(1024)", 1024, () -> Channel.buffered(1024)),
                new Kind("unlimited", Integer.MAX_VALUE, Channel::unlimited));
    }

    static Stream<Kind> allKinds() {
        return Stream.concat(waitingKinds(), Stream.of(
                new Kind("dropOldest(2)", 2, () -> Channel.buffered(2, Overflow.DROP_OLDEST)),
                new Kind("dropLatest(2)", 2, () -> Channel.buffered(2, Overflow.DROP_LATEST)),
                new Kind("conflated", 1, Channel::conflated)));
    }

    @ParameterizedTest
    @MethodSource("waitingKinds")
    void deliversEveryValueInOrderFromOneSender(Kind kind) throws Exception {
        Channel<Integer> ch = kind.make();
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 2000; i++) {
                    ch.send(i);
                }
                ch.close();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        List<Integer> got = new ArrayList<>();
        for (int v : ch) {
            got.add(v);
        }
        producer.join();
        assertThat(got).hasSize(2000).isSorted();
        assertThat(got.get(1999)).isEqualTo(1999);
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void closeDrainsBufferThenReportsClosed(Kind kind) throws Exception {
        Channel<Integer> ch = kind.make();
        int buffered = Math.min(kind.capacity(), 3);
        for (int i = 0; i < buffered; i++) {
            assertThat(ch.trySend(i)).isTrue();
        }
        assertThat(ch.close()).isTrue();
        assertThat(ch.close()).as("second close is a no-op").isFalse();
        assertThat(ch.isClosedForSend()).isTrue();
        for (int i = 0; i < buffered; i++) {
            assertThat(ch.isClosedForReceive()).isFalse();
            assertThat(ch.receive()).isEqualTo(i);
        }
        assertThat(ch.isClosedForReceive()).isTrue();
        assertThatThrownBy(ch::receive).isInstanceOf(ChannelClosedException.class).hasNoCause();
        assertThat(ch.receiveOrClosed()).isInstanceOf(ReceiveResult.Closed.class);
        assertThat(ch.receiveOrClosed().isClosed()).isTrue();
        assertThatThrownBy(ch::tryReceive).isInstanceOf(ChannelClosedException.class);
        assertThat(ch.iterator().hasNext()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void sendOnClosedChannelFailsAndKeepsTheValue(Kind kind) throws Exception {
        Channel<Integer> ch = kind.make();
        ch.close();
        assertThatThrownBy(() -> ch.send(1)).isInstanceOf(ChannelClosedException.class)
                .hasMessageContaining("send on closed channel#").hasMessageContaining("not sent");
        assertThatThrownBy(() -> ch.trySend(1)).isInstanceOf(ChannelClosedException.class);
        assertThat(ch.sendOrClosed(1)).isInstanceOf(SendResult.Closed.class);
        assertThat(ch.len()).isZero();
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void closeWithErrorDrainsThenFailsReceiversWithThatError(Kind kind) throws Exception {
        Channel<Integer> ch = kind.make();
        boolean buffered = kind.capacity() > 0;
        if (buffered) {
            ch.send(7);
        }
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(ch.closeWithError(boom)).isTrue();
        assertThat(ch.closeWithError(new RuntimeException("later"))).isFalse();
        if (buffered) {
            assertThat(ch.receive()).isEqualTo(7);
        }
        assertThatThrownBy(ch::receive).isInstanceOf(ChannelClosedException.class).hasCause(boom);
        assertThat(ch.receiveOrClosed()).isEqualTo(new ReceiveResult.Closed<Integer>(boom));
        assertThatThrownBy(() -> ch.iterator().hasNext()).isInstanceOf(ChannelClosedException.class).hasCause(boom);
        assertThat(ch.sendOrClosed(1)).isEqualTo(new SendResult.Closed(boom));
        assertThatThrownBy(() -> ch.send(1)).hasCause(boom);
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void rejectsNullsWithAClearMessage(Kind kind) {
        Channel<Integer> ch = kind.make();
        assertThatThrownBy(() -> ch.send(null)).isInstanceOf(NullPointerException.class).hasMessage("send: value is null");
        assertThatThrownBy(() -> ch.trySend(null)).hasMessage("trySend: value is null");
        assertThatThrownBy(() -> ch.sendOrClosed(null)).hasMessage("sendOrClosed: value is null");
        assertThatThrownBy(() -> ch.closeWithError(null)).hasMessage("closeWithError: error is null");
        assertThatThrownBy(() -> ch.receive((Context) null)).hasMessage("receive: ctx is null");
    }

    @ParameterizedTest
    @MethodSource("waitingKinds")
    void trySendFillsExactlyTheCapacity(Kind kind) {
        Channel<Integer> ch = kind.make();
        int limit = kind.unlimited() ? 5000 : kind.capacity();
        for (int i = 0; i < limit; i++) {
            assertThat(ch.trySend(i)).as("send %d", i).isTrue();
        }
        assertThat(ch.len()).isEqualTo(limit);
        assertThat(ch.cap()).isEqualTo(kind.capacity());
        if (!kind.unlimited()) {
            assertThat(ch.trySend(-1)).as("full").isFalse();
        }
        for (int i = 0; i < limit; i++) {
            assertThat(ch.tryReceive()).contains(i);
        }
        assertThat(ch.tryReceive()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("waitingKinds")
    void interruptedReceiveTakesNothing(Kind kind) throws Exception {
        Channel<Integer> ch = kind.make();
        Blocked<Integer> receiver = Blocked.start(ch::receive);
        receiver.thread.interrupt();
        assertThat(receiver.failure()).isInstanceOf(InterruptedException.class);
        // the withdrawn receiver must not swallow the next value
        if (kind.capacity() > 0) {
            ch.send(1);
            assertThat(ch.tryReceive()).contains(1);
        } else {
            assertThat(ch.trySend(1)).as("no receiver is left waiting").isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("waitingKinds")
    void interruptedSendIsNotDelivered(Kind kind) throws Exception {
        if (kind.unlimited()) {
            return; // sends never wait
        }
        Channel<Integer> ch = kind.make();
        for (int i = 0; i < kind.capacity(); i++) {
            ch.send(i);
        }
        Blocked<Void> sender = Blocked.start(() -> {
            ch.send(-99);
            return null;
        });
        sender.thread.interrupt();
        assertThat(sender.failure()).isInstanceOf(InterruptedException.class);
        List<Integer> left = new ArrayList<>();
        for (Optional<Integer> v = ch.tryReceive(); v.isPresent(); v = ch.tryReceive()) {
            left.add(v.get());
        }
        assertThat(left).doesNotContain(-99).hasSize(kind.capacity());
    }

    @ParameterizedTest
    @MethodSource("waitingKinds")
    void contextCancellationStopsABlockedReceiveWithTheCause(Kind kind) throws Exception {
        Channel<Integer> ch = kind.make();
        CancellableContext ctx = Context.background().withCancel();
        Blocked<Integer> receiver = Blocked.start(() -> ch.receive(ctx));
        IllegalStateException why = new IllegalStateException("shutting down");
        ctx.cancel(why);
        assertThat(receiver.failure()).isInstanceOf(CancelledException.class).hasCause(why);
        assertThat(ch.trySend(1)).isEqualTo(kind.capacity() > 0);
    }

    @Test
    void contextCancellationStopsABlockedSend() throws Exception {
        Channel<Integer> ch = Channel.unbuffered();
        CancellableContext ctx = Context.background().withCancel();
        Blocked<Void> sender = Blocked.start(() -> {
            ch.send(5, ctx);
            return null;
        });
        ctx.cancel();
        assertThat(sender.failure()).isInstanceOf(CancelledException.class);
        assertThat(ch.tryReceive()).as("the cancelled send left nothing").isEmpty();
        assertThatThrownBy(() -> ch.send(1, ctx)).as("a done context fails at once").isInstanceOf(CancelledException.class);
    }

    @Test
    void deadlineContextFailsWithDeadlineExceeded() {
        Channel<Integer> ch = Channel.unbuffered();
        try (CancellableContext ctx = Context.background().withTimeout(Duration.ofMillis(20))) {
            assertThatThrownBy(() -> ch.receive(ctx)).isInstanceOf(dev.spindle.core.DeadlineExceededException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("waitingKinds")
    void timedReceiveTimesOutAndLeavesNoWaiter(Kind kind) throws Exception {
        Channel<Integer> ch = kind.make();
        assertThat(ch.tryReceive(Duration.ofMillis(10))).isEmpty();
        assertThat(ch.tryReceive(Duration.ZERO)).isEmpty();
        assertThat(ch.trySend(3)).isEqualTo(kind.capacity() > 0);
    }

    @Test
    void timedSendTimesOutWithoutSending() throws Exception {
        Channel<Integer> ch = Channel.buffered(1);
        ch.send(1);
        assertThat(ch.trySend(2, Duration.ofMillis(10))).isFalse();
        assertThat(ch.receive()).isEqualTo(1);
        assertThat(ch.tryReceive()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("waitingKinds")
    void closeWakesBlockedReceivers(Kind kind) throws Exception {
        Channel<Integer> ch = kind.make();
        Blocked<Integer> a = Blocked.start(ch::receive);
        Blocked<ReceiveResult<Integer>> b = Blocked.start(ch::receiveOrClosed);
        ch.close();
        assertThat(a.failure()).isInstanceOf(ChannelClosedException.class);
        assertThat(b.get().isClosed()).isTrue();
    }

    @Test
    void closeFailsBlockedSendersWhoKeepTheirValues() throws Exception {
        Channel<Integer> ch = Channel.buffered(1);
        ch.send(1);
        Blocked<Void> sender = Blocked.start(() -> {
            ch.send(2);
            return null;
        });
        Blocked<SendResult> other = Blocked.start(() -> ch.sendOrClosed(3));
        ch.close();
        assertThat(sender.failure()).isInstanceOf(ChannelClosedException.class);
        assertThat(other.get().isClosed()).isTrue();
        assertThat(ch.receive()).isEqualTo(1);
        assertThat(ch.receiveOrClosed().isClosed()).isTrue();
    }

    @Test
    void unbufferedSendWaitsForAReceiver() throws Exception {
        Channel<String> ch = Channel.unbuffered();
        Blocked<Void> sender = Blocked.start(() -> {
            ch.send("hi");
            return null;
        });
        assertThat(sender.result).isNotDone();
        assertThat(ch.receive()).isEqualTo("hi");
        sender.get();
    }

    @Test
    void aReceiveRefillsTheBufferFromTheLongestWaitingSender() throws Exception {
        Channel<Integer> ch = Channel.buffered(1);
        ch.send(1);
        Blocked<Void> second = Blocked.start(() -> {
            ch.send(2);
            return null;
        });
        Blocked<Void> third = Blocked.start(() -> {
            ch.send(3);
            return null;
        });
        assertThat(ch.receive()).isEqualTo(1);
        second.get();
        assertThat(ch.len()).isEqualTo(1);
        assertThat(ch.receive()).isEqualTo(2);
        assertThat(ch.receive()).isEqualTo(3);
        third.get();
    }

    @Test
    void dropOldestKeepsTheNewest() throws Exception {
        Channel<Integer> ch = Channel.buffered(2, Overflow.DROP_OLDEST);
        for (int i = 1; i <= 5; i++) {
            assertThat(ch.trySend(i)).isTrue();
        }
        assertThat(List.of(ch.receive(), ch.receive())).containsExactly(4, 5);
    }

    @Test
    void dropLatestKeepsTheOldest() throws Exception {
        Channel<Integer> ch = Channel.buffered(2, Overflow.DROP_LATEST);
        for (int i = 1; i <= 5; i++) {
            ch.send(i);
        }
        assertThat(List.of(ch.receive(), ch.receive())).containsExactly(1, 2);
        assertThat(ch.tryReceive()).isEmpty();
    }

    @Test
    void conflatedHoldsTheLatestValue() throws Exception {
        Channel<String> ch = Channel.conflated();
        ch.send("a");
        ch.send("b");
        assertThat(ch.len()).isOne();
        assertThat(ch.receive()).isEqualTo("b");
    }

    @Test
    void rejectsBadCapacities() {
        assertThatThrownBy(() -> Channel.buffered(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity must be >= 0, got -1");
        assertThatThrownBy(() -> Channel.buffered(0, Overflow.DROP_OLDEST)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DROP_OLDEST");
    }

    @Test
    void streamCollectsUntilClosed() throws Exception {
        Channel<Integer> ch = Channel.buffered(10);
        for (int i = 0; i < 5; i++) {
            ch.send(i);
        }
        ch.close();
        assertThat(ch.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
    }

    @Test
    void interruptedIterationThrowsCancelledAndKeepsTheFlag() throws Exception {
        Channel<Integer> ch = Channel.unbuffered();
        Blocked<Integer> loop = Blocked.start(() -> {
            int n = 0;
            for (int ignored : ch) {
                n++;
            }
            return n;
        });
        loop.thread.interrupt();
        assertThat(loop.failure()).isInstanceOf(CancelledException.class).hasCauseInstanceOf(InterruptedException.class);
        loop.thread.join();
        assertThat(loop.interruptedAfter).isTrue();
    }

    @Test
    void manyProducersAndConsumersLoseAndDuplicateNothing() throws Exception {
        Channel<Integer> ch = Channel.buffered(4);
        int producers = 4;
        int perProducer = 5000;
        AtomicInteger sum = new AtomicInteger();
        AtomicInteger count = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 1; i <= perProducer; i++) {
                    try {
                        ch.send(i);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            consumers.add(Thread.ofVirtual().start(() -> {
                for (int v : ch) {
                    sum.addAndGet(v);
                    count.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        ch.close();
        for (Thread t : consumers) {
            t.join();
        }
        assertThat(count.get()).isEqualTo(producers * perProducer);
        assertThat(sum.get()).isEqualTo(producers * perProducer * (perProducer + 1) / 2);
    }

    @Test
    void toStringNamesTheKind() {
        assertThat(Channel.buffered(3).toString()).matches("channel#\\d+ buffered\\(3\\)");
        assertThat(Channel.unlimited().toString()).endsWith("unlimited");
    }
}

package dev.spindle.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spindle.core.CancellableContext;
import dev.spindle.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SelectTest {

    @Test
    void receivesFromTheReadyChannel() throws Exception {
        Channel<Integer> a = Channel.buffered(1);
        Channel<String> b = Channel.buffered(1);
        b.send("x");
        String r = Select.select(a.onReceive(v -> "a" + v), b.onReceive(v -> "b" + v));
        assertThat(r).isEqualTo("bx");
        assertThat(b.len()).isZero();
    }

    @Test
    void sendsWhereThereIsRoom() throws Exception {
        Channel<Integer> full = Channel.buffered(1);
        full.send(0);
        Channel<Integer> free = Channel.buffered(1);
        String r = Select.select(full.onSend(1, () -> "full"), free.onSend(2, () -> "free"));
        assertThat(r).isEqualTo("free");
        assertThat(free.receive()).isEqualTo(2);
        assertThat(full.receive()).isEqualTo(0);
        assertThat(full.tryReceive()).as("the unchosen send left nothing").isEmpty();
    }

    @Test
    void defaultFiresWhenNothingIsReady() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        String r = Select.select(a.onReceive(v -> "value"), a.onSend(1, () -> "sent"), Select.onDefault(() -> "default"));
        assertThat(r).isEqualTo("default");
        assertThat(a.trySend(1)).as("no waiter left behind").isFalse();
    }

    @Test
    void timeoutFiresAndLeavesNoWaiters() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        String r = Select.select(a.onReceive(v -> "value"), Select.onTimeout(Duration.ofMillis(20), () -> "timeout"));
        assertThat(r).isEqualTo("timeout");
        assertThat(a.trySend(1)).as("the select's receiver was removed").isFalse();
        assertThat(Select.select(a.onReceive(v -> "value"), Select.onTimeout(Duration.ZERO, () -> "now"))).isEqualTo("now");
    }

    @Test
    void shortestTimeoutWins() throws Exception {
        String r = Select.select(Select.onTimeout(Duration.ofDays(1), () -> "long"),
                Select.onTimeout(Duration.ofMillis(5), () -> "short"));
        assertThat(r).isEqualTo("short");
    }

    @Test
    void blockedSelectWakesForALaterSender() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        Channel<Integer> b = Channel.unbuffered();
        Blocked<String> select = Blocked.start(() -> Select.select(a.onReceive(v -> "a" + v), b.onReceive(v -> "b" + v)));
        b.send(7);
        assertThat(select.get()).isEqualTo("b7");
        assertThat(a.trySend(1)).as("the select's waiter on a is gone").isFalse();
    }

    @Test
    void blockedSelectSendIsTakenByALaterReceiver() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        Channel<Integer> b = Channel.unbuffered();
        Blocked<String> select = Blocked.start(() -> Select.select(a.onSend(1, () -> "a"), b.onSend(2, () -> "b")));
        assertThat(b.receive()).isEqualTo(2);
        assertThat(select.get()).isEqualTo("b");
        assertThat(a.tryReceive()).as("the unchosen send offered nothing").isEmpty();
    }

    @Test
    void exactlyOneClauseFiresWhenTwoSendersRace() throws Exception {
        for (int round = 0; round < 200; round++) {
            Channel<Integer> a = Channel.unbuffered();
            Channel<Integer> b = Channel.unbuffered();
            Blocked<Integer> select = Blocked.start(() -> Select.select(a.onReceive(v -> v), b.onReceive(v -> v)));
            Thread sa = Thread.ofVirtual().start(() -> a.trySend(1));
            Thread sb = Thread.ofVirtual().start(() -> b.trySend(2));
            sa.join();
            sb.join();
            int got = select.get();
            // the other value was not sent (trySend failed) and is not in its channel
            assertThat(got).isIn(1, 2);
            assertThat(a.tryReceive()).isEmpty();
            assertThat(b.tryReceive()).isEmpty();
            assertThat(a.trySend(9)).isFalse();
            assertThat(b.trySend(9)).isFalse();
        }
    }

    @Test
    void contextDoneClauseFires() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        CancellableContext ctx = Context.background().withCancel();
        Blocked<String> select = Blocked.start(() -> Select.select(a.onReceive(v -> "value"),
                Select.onDone(ctx, () -> "done: " + ctx.cause().getMessage())));
        ctx.cancel(new IllegalStateException("stop"));
        assertThat(select.get()).isEqualTo("done: stop");
        assertThat(a.trySend(1)).isFalse();
        assertThat(Select.select(a.onReceive(v -> "value"), Select.onDone(ctx, () -> "already"))).isEqualTo("already");
    }

    @Test
    void interruptedSelectThrowsAndLeavesNoTrace() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        Channel<Integer> b = Channel.buffered(1);
        b.send(1); // full, so the send clause waits
        Blocked<String> select = Blocked.start(() -> Select.select(a.onReceive(v -> "a"), b.onSend(2, () -> "b")));
        select.thread.interrupt();
        assertThat(select.failure()).isInstanceOf(InterruptedException.class);
        assertThat(a.trySend(5)).isFalse();
        assertThat(b.receive()).isEqualTo(1);
        assertThat(b.tryReceive()).as("the interrupted send clause delivered nothing").isEmpty();
    }

    @Test
    void closedChannelMakesReceiveClauseThrowAndOrClosedReport() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        Channel<Integer> never = Channel.unbuffered();
        a.closeWithError(new IllegalStateException("gone"));
        assertThatThrownBy(() -> Select.select(a.onReceive(v -> "v"), never.onReceive(v -> "n")))
                .isInstanceOf(ChannelClosedException.class).hasRootCauseMessage("gone");
        ReceiveResult<Integer> r = Select.select(a.onReceiveOrClosed(x -> x), never.onReceiveOrClosed(x -> x));
        assertThat(r.isClosed()).isTrue();
        assertThatThrownBy(() -> Select.select(a.onSend(1, () -> "s"))).isInstanceOf(ChannelClosedException.class);
    }

    @Test
    void closeWakesABlockedSelect() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        Channel<Integer> b = Channel.unbuffered();
        Blocked<String> select = Blocked.start(() -> Select.select(a.onReceiveOrClosed(r -> "a " + r.isClosed()),
                b.onReceive(v -> "b")));
        a.close();
        assertThat(select.get()).isEqualTo("a true");
    }

    @Test
    void disabledClausesAreIgnored() throws Exception {
        Channel<Integer> a = Channel.buffered(1);
        a.send(1);
        String r = Select.select(a.onReceive(v -> "a").onlyIf(false), Select.onDefault(() -> "default"));
        assertThat(r).isEqualTo("default");
        assertThat(a.len()).isOne();
        assertThat(Select.select(a.onReceive(v -> "a").onlyIf(false).onlyIf(true))).isEqualTo("a");
    }

    @Test
    void selectWithNoClausesWaitsUntilInterrupted() throws Exception {
        Blocked<Object> forever = Blocked.start(() -> Select.select(List.of()));
        forever.thread.interrupt();
        assertThat(forever.failure()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void rejectsMistakesClearly() {
        assertThatThrownBy(() -> Select.select(Select.onDefault(() -> 1), Select.onDefault(() -> 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one onDefault");
        assertThatThrownBy(() -> Select.select(Select.onDefault(() -> 1), null))
                .isInstanceOf(NullPointerException.class).hasMessage("select: clause 1 is null");
        Channel<Integer> a = Channel.unbuffered();
        assertThatThrownBy(() -> a.onSend(null, () -> 1)).hasMessage("onSend: value is null");
    }

    @Test
    void aSelectCannotMatchItself() throws Exception {
        Channel<Integer> a = Channel.unbuffered();
        String r = Select.select(a.onSend(1, () -> "sent"), a.onReceive(v -> "got"),
                Select.onTimeout(Duration.ofMillis(10), () -> "timeout"));
        assertThat(r).isEqualTo("timeout");
    }

    @Test
    void sameChannelTwiceIsLockedOnce() throws Exception {
        Channel<Integer> a = Channel.buffered(1);
        a.send(3);
        String r = Select.select(a.onReceive(v -> "first"), a.onReceive(v -> "second"));
        assertThat(r).isIn("first", "second");
    }

    @Test
    void choosesUniformlyAmongReadyClauses() throws Exception {
        Channel<Integer> a = Channel.buffered(1);
        Channel<Integer> b = Channel.buffered(1);
        int total = 100_000;
        int fromA = 0;
        for (int i = 0; i < total; i++) {
            a.trySend(1);
            b.trySend(2);
            fromA += Select.select(a.onReceive(v -> 1), b.onReceive(v -> 0));
        }
        assertThat(fromA / (double) total).isCloseTo(0.5, within(0.03));
    }

    @Test
    void selectInOrderPrefersTheFirstReadyClause() throws Exception {
        Channel<Integer> a = Channel.buffered(1);
        Channel<Integer> b = Channel.buffered(1);
        for (int i = 0; i < 1000; i++) {
            a.trySend(1);
            b.trySend(2);
            assertThat((int) Select.selectInOrder(a.onReceive(v -> v), b.onReceive(v -> v))).isEqualTo(1);
            a.tryReceive();
            b.tryReceive();
        }
    }

    @Test
    void anAbandonedSendClauseLeavesTheQueuesUsable() throws Exception {
        Channel<Integer> ch = Channel.unbuffered();
        Blocked<Void> plainSender = Blocked.start(() -> {
            ch.send(1);
            return null;
        });
        assertThat(Select.select(ch.onSend(2, () -> "sent"), Select.onTimeout(Duration.ofMillis(10), () -> "timeout")))
                .isEqualTo("timeout");
        assertThat(ch.receive()).isEqualTo(1);
        plainSender.get();
        assertThat(ch.tryReceive()).as("the abandoned send clause is gone").isEmpty();
        Blocked<Integer> receiver = Blocked.start(ch::receive);
        assertThat(ch.trySend(3)).as("a parked receiver is found").isTrue();
        assertThat(receiver.get()).isEqualTo(3);
    }

    @Test
    @Timeout(60)
    void choosesUniformlyAmongReadyClausesBetweenDisabledAndIdleOnes() throws Exception {
        List<Channel<Integer>> channels = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            channels.add(Channel.buffered(1));
        }
        int[] ready = {1, 2, 4, 6, 7}; // 0 idle, 3 disabled though full, 5 idle
        SelectClause<?>[] clauses = new SelectClause<?>[9];
        for (int i = 0; i < 8; i++) {
            int index = i;
            clauses[i] = channels.get(i).onReceive(v -> index).onlyIf(i != 3);
        }
        clauses[8] = Select.onDefault(() -> -1);
        int total = 50_000;
        int[] counts = new int[8];
        for (int round = 0; round < total; round++) {
            for (int i : ready) {
                channels.get(i).trySend(i);
            }
            channels.get(3).trySend(3);
            counts[(int) Select.<Object>select(clauses)]++;
            for (Channel<Integer> ch : channels) {
                ch.tryReceive();
            }
        }
        for (int i : ready) {
            assertThat(counts[i] / (double) total).as("share of clause %d", i).isCloseTo(0.2, within(0.02));
        }
        assertThat(counts[0] + counts[3] + counts[5]).as("idle or disabled clauses fired").isZero();
    }

    @Test
    @Timeout(60)
    void selectsOverMoreThanSixtyFourClauses() throws Exception {
        List<Channel<Integer>> channels = new ArrayList<>();
        List<SelectClause<Integer>> clauses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Channel<Integer> ch = i % 2 == 0 ? Channel.buffered(1) : Channel.unbuffered();
            channels.add(ch);
            clauses.add(ch.onReceive(v -> v));
        }
        clauses.add(channels.get(40).onReceive(v -> -v)); // a channel twice is locked once
        channels.get(76).trySend(76);
        assertThat(Select.select(clauses)).isEqualTo(76);

        channels.get(80).trySend(80);
        channels.get(10).trySend(10);
        assertThat((int) Select.selectInOrder(clauses.toArray(new SelectClause<?>[0]))).isEqualTo(10);
        assertThat(Select.select(clauses)).isEqualTo(80);

        Blocked<Integer> blocked = Blocked.start(() -> Select.select(clauses));
        channels.get(99).send(99); // unbuffered: only the blocked select can take it
        assertThat(blocked.get()).isEqualTo(99);
        for (Channel<Integer> ch : channels) {
            assertThat(ch.tryReceive()).as("no value left behind in %s", ch).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void aReadySelectWithReusedClausesAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Channel<Integer> a = Channel.buffered(16);
        Channel<Integer> b = Channel.buffered(16);
        Channel<Integer> out = Channel.buffered(16);
        Integer one = 1;
        Integer zero = 0;
        SelectClause<?>[] clauses = {
            a.onReceive(v -> v), b.onReceive(v -> v), out.onSend(one, () -> zero), Select.onDefault(() -> zero)};
        int rounds = 200_000;
        for (int warmup = 0; warmup < 2; warmup++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < rounds; i++) {
                a.trySend(one);
                Select.<Object>select(clauses); // takes from a or sends to out; b stays empty
                if (a.len() > 0) {
                    a.receive(); // receive, not tryReceive: its Optional would be counted
                }
                if (out.len() > 0) {
                    out.receive();
                }
            }
            long perSelect = (threads.getCurrentThreadAllocatedBytes() - before) / rounds;
            if (warmup == 1) {
                assertThat(perSelect).as("bytes allocated per ready select").isZero();
            }
        }
    }
}

package dev.spindle.channels.jcstress;

import dev.spindle.channels.Channel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Several sends racing a close on a small ring, the case a closed bit kept in the producer index
 * must get right: a send that claimed a cell before the close must publish its value, and one that
 * comes after must leave no trace; a receive that sees the closed bit must still take what was
 * published before it. Codes are those of {@link Ops}; drains list values as digits.
 */
public final class SendersVsClose {
    private SendersVsClose() {
    }

    @JCStressTest
    @Description("On buffered(1), trySend(1) races trySend(2) then close(): at most one value fits,"
            + " and the one that was sent is the one drained.")
    @Outcome(id = "1, 0, 1, -1", expect = Expect.ACCEPTABLE, desc = "1 first; 2 found the cell full")
    @Outcome(id = "0, 1, 2, -1", expect = Expect.ACCEPTABLE, desc = "2 first; 1 found the cell full")
    @Outcome(id = "-1, 1, 2, -1", expect = Expect.ACCEPTABLE, desc = "2 sent, then closed before 1 came")
    @Outcome(expect = Expect.FORBIDDEN, desc = "cell over-filled, a sent value lost, or a refused one left")
    @State
    public static class TwoSendersOneCloser {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Ops.trySend(ch, 1);
        }

        @Actor
        public void senderThenCloser(IIII_Result r) {
            r.r2 = Ops.trySend(ch, 2);
            ch.close();
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r3 = Ops.drain(ch);
            r.r4 = Ops.tryReceive(ch);
        }
    }

    @JCStressTest
    @Description("On buffered(1), trySend(1) then trySend(2) race tryReceive() then close(): every"
            + " value sent is received once, by the receiver or the drain.")
    @Outcome(id = "-1, -1, 0, 0", expect = Expect.ACCEPTABLE, desc = "receive and close before both sends")
    @Outcome(id = "1, 0, 0, 1", expect = Expect.ACCEPTABLE, desc = "receive first; 2 found 1 still there; 1 drained")
    @Outcome(id = "1, -1, 0, 1", expect = Expect.ACCEPTABLE, desc = "receive first; 2 came after the close; 1 drained")
    @Outcome(id = "1, 0, 1, 0", expect = Expect.ACCEPTABLE, desc = "2 found 1 still there; then 1 received")
    @Outcome(id = "1, 1, 1, 2", expect = Expect.ACCEPTABLE, desc = "1 received, then 2 sent before the close; 2 drained")
    @Outcome(id = "1, -1, 1, 0", expect = Expect.ACCEPTABLE, desc = "1 received, then closed before 2")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, duplicated, reordered or over-filled")
    @State
    public static class SendTwiceVsReceiveThenClose {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Ops.trySend(ch, 1);
            r.r2 = Ops.trySend(ch, 2);
        }

        @Actor
        public void receiverThenCloser(IIII_Result r) {
            r.r3 = Ops.tryReceive(ch);
            ch.close();
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r4 = Ops.drain(ch);
        }
    }

    @JCStressTest
    @Description("On buffered(2), trySend(1) then trySend(2) race close() then a drain by the closer:"
            + " the closer drains exactly the values sent, in order, then sees closed.")
    @Outcome(id = "-1, -1, 0, -1", expect = Expect.ACCEPTABLE, desc = "closed before both sends")
    @Outcome(id = "1, -1, 1, -1", expect = Expect.ACCEPTABLE, desc = "closed between the sends")
    @Outcome(id = "1, 1, 12, -1", expect = Expect.ACCEPTABLE, desc = "both sent before the close")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, reordered, refused-yet-present, or a closed channel answered empty")
    @State
    public static class TwoSendsVsCloseThenDrain {
        final Channel<Integer> ch = Channel.buffered(2);

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Ops.trySend(ch, 1);
            r.r2 = Ops.trySend(ch, 2);
        }

        @Actor
        public void closerThenDrainer(IIII_Result r) {
            ch.close();
            r.r3 = Ops.drain(ch);
            r.r4 = Ops.tryReceive(ch);
        }
    }
}

package dev.spindle.channels.jcstress;

import dev.spindle.channels.Channel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Non-blocking sends and receives racing on the one cell of a buffered(1) channel: nothing is lost,
 * nothing is taken twice, and a full or empty answer is a real moment of the channel's history.
 * Codes are those of {@link Ops}; the arbiter's {@link Ops#drain} lists what was left, as digits.
 */
public final class BufferCell {
    private BufferCell() {
    }

    @JCStressTest
    @Description("trySend(1) into an empty buffered(1) races tryReceive.")
    @Outcome(id = "1, 1, 0", expect = Expect.ACCEPTABLE, desc = "sent, then received; nothing left")
    @Outcome(id = "1, 0, 1", expect = Expect.ACCEPTABLE, desc = "receiver found it empty; the value stays")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, duplicated, or a failed send into an empty cell")
    @State
    public static class Empty {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void sender(III_Result r) {
            r.r1 = Ops.trySend(ch, 1);
        }

        @Actor
        public void receiver(III_Result r) {
            r.r2 = Ops.tryReceive(ch);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = Ops.drain(ch);
        }
    }

    /**
     * Full at the start, with the ring's indices moved off zero first (a value sent and received),
     * so that the cell reused is not the first one.
     */
    @JCStressTest
    @Description("trySend(2) into a full buffered(1) (holding 1, after one earlier round trip) races"
            + " tryReceive: the send succeeds only if the receive freed the cell first.")
    @Outcome(id = "1, 1, 2, 0", expect = Expect.ACCEPTABLE, desc = "receive freed the cell, then 2 was sent and stays")
    @Outcome(id = "0, 1, 0, 0", expect = Expect.ACCEPTABLE, desc = "send found the cell full; receive took 1")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, duplicated, reordered, or the cell over-filled")
    @State
    public static class Full {
        final Channel<Integer> ch = Channel.buffered(1);

        public Full() {
            Ops.trySend(ch, 9);
            Ops.tryReceive(ch);
            Ops.trySend(ch, 1);
        }

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Ops.trySend(ch, 2);
        }

        @Actor
        public void receiver(IIII_Result r) {
            r.r2 = Ops.tryReceive(ch);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r3 = Ops.drain(ch);
            r.r4 = Ops.tryReceive(ch);
        }
    }

    @JCStressTest
    @Description("Two trySends on buffered(2) race two tryReceives: the receiver gets a prefix of 1, 2"
            + " in order, and the arbiter drains exactly the rest.")
    @Outcome(id = "0, 0, 12", expect = Expect.ACCEPTABLE, desc = "receiver came first; both stay")
    @Outcome(id = "0, 1, 2", expect = Expect.ACCEPTABLE, desc = "second receive got 1; 2 stays")
    @Outcome(id = "1, 0, 2", expect = Expect.ACCEPTABLE, desc = "first receive got 1, second came before 2")
    @Outcome(id = "1, 2, 0", expect = Expect.ACCEPTABLE, desc = "both received in order")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, duplicated or reordered")
    @State
    public static class TwoByTwo {
        final Channel<Integer> ch = Channel.buffered(2);

        @Actor
        public void sender() {
            if (Ops.trySend(ch, 1) != Ops.SENT || Ops.trySend(ch, 2) != Ops.SENT) {
                throw new IllegalStateException("a buffered(2) channel refused one of two values");
            }
        }

        @Actor
        public void receiver(III_Result r) {
            r.r1 = Ops.tryReceive(ch);
            r.r2 = Ops.tryReceive(ch);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = Ops.drain(ch);
        }
    }
}

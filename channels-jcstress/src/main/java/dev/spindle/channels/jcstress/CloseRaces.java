package dev.spindle.channels.jcstress;

import dev.spindle.channels.Channel;
import dev.spindle.channels.ReceiveResult;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * {@code close()} racing sends and receives: every value whose send reported success is received
 * exactly once (by an actor or by the arbiter's drain), a send that reported closed left nothing
 * behind, a receive reports closed only once nothing is left, and exactly one close wins.
 *
 * <p>The sends and receives here either never wait, or wait only for something the other actor
 * always does (a close, a receive), so no actor can block forever on a correct channel. Codes are
 * those of {@link Ops}; a drain result lists the values left as digits, and the receive after it is
 * {@link Ops#CLOSED} on a closed channel.
 */
public final class CloseRaces {
    private CloseRaces() {
    }

    @JCStressTest
    @Description("trySend(1) on an empty buffered(1) races close(): the value is either sent and"
            + " drained after the close, or refused with nothing left.")
    @Outcome(id = "1, 1, 1, -1", expect = Expect.ACCEPTABLE, desc = "sent before the close; drained once")
    @Outcome(id = "-1, 1, 0, -1", expect = Expect.ACCEPTABLE, desc = "closed first; send refused, nothing left")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, phantom value, or close not seen")
    @State
    public static class TrySendVsClose {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Ops.trySend(ch, 1);
        }

        @Actor
        public void closer(IIII_Result r) {
            r.r2 = ch.close() ? 1 : 0;
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r3 = Ops.drain(ch);
            r.r4 = Ops.tryReceive(ch);
        }
    }

    @JCStressTest
    @Description("tryReceive on a buffered(1) holding 1 races close(): the buffered value is still"
            + " received; closed is reported only after it is gone.")
    @Outcome(id = "1, 1, 0, -1", expect = Expect.ACCEPTABLE, desc = "received the buffered value")
    @Outcome(expect = Expect.FORBIDDEN, desc = "closed reported over a buffered value, or it was lost or duplicated")
    @State
    public static class TryReceiveVsClose {
        final Channel<Integer> ch = Channel.buffered(1);

        public TryReceiveVsClose() {
            Ops.trySend(ch, 1);
        }

        @Actor
        public void receiver(IIII_Result r) {
            r.r1 = Ops.tryReceive(ch);
        }

        @Actor
        public void closer(IIII_Result r) {
            r.r2 = ch.close() ? 1 : 0;
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r3 = Ops.drain(ch);
            r.r4 = Ops.tryReceive(ch);
        }
    }

    @JCStressTest
    @Description("tryReceive on an empty buffered(1) races trySend(1) then close(): the receiver sees"
            + " nothing yet or the value, never closed (the value was sent before the close).")
    @Outcome(id = "0, 1, 1, -1", expect = Expect.ACCEPTABLE, desc = "receiver came first; the value is drained")
    @Outcome(id = "1, 1, 0, -1", expect = Expect.ACCEPTABLE, desc = "receiver got the value")
    @Outcome(expect = Expect.FORBIDDEN, desc = "closed reported over a sent value, lost or duplicated")
    @State
    public static class TryReceiveVsSendThenClose {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void receiver(IIII_Result r) {
            r.r1 = Ops.tryReceive(ch);
        }

        @Actor
        public void senderThenCloser(IIII_Result r) {
            r.r2 = Ops.trySend(ch, 1);
            ch.close();
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r3 = Ops.drain(ch);
            r.r4 = Ops.tryReceive(ch);
        }
    }

    @JCStressTest
    @Description("trySend(1) on an empty buffered(1) races a closer that drains right after its"
            + " close(): a value sent before the close is drained by the closer, who then sees"
            + " closed, never an empty-but-open channel.")
    @Outcome(id = "1, 1, -1, 0", expect = Expect.ACCEPTABLE, desc = "sent before the close; the closer drained it")
    @Outcome(id = "-1, 0, -1, 0", expect = Expect.ACCEPTABLE, desc = "closed first; send refused")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, left behind, duplicated, or a closed channel answered empty")
    @State
    public static class TrySendVsCloseThenDrain {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Ops.trySend(ch, 1);
        }

        @Actor
        public void closerThenDrainer(IIII_Result r) {
            ch.close();
            r.r2 = Ops.drain(ch);
            r.r3 = Ops.tryReceive(ch);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r4 = Ops.drain(ch);
        }
    }

    @JCStressTest
    @Description("A blocking send(2) on a full buffered(1) (holding 1) races tryReceive() then"
            + " close(): the send completes if the receive freed room before the close, else it"
            + " fails with closed; never both, never lost.")
    @Outcome(id = "1, 1, 2", expect = Expect.ACCEPTABLE, desc = "send got the freed cell; 2 is drained")
    @Outcome(id = "-1, 1, 0", expect = Expect.ACCEPTABLE, desc = "close released the waiting send; nothing left")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, phantom value, or the receiver missed 1")
    @State
    public static class SendVsReceiveThenClose {
        final Channel<Integer> ch = Channel.buffered(1);

        public SendVsReceiveThenClose() {
            Ops.trySend(ch, 1);
        }

        @Actor
        public void sender(III_Result r) {
            r.r1 = Ops.send(ch, 2);
        }

        @Actor
        public void receiverThenCloser(III_Result r) {
            r.r2 = Ops.tryReceive(ch);
            ch.close();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = Ops.drain(ch);
        }
    }

    @JCStressTest
    @Description("A blocking receive on an empty buffered(1) races trySend(1) then close(): the"
            + " receiver always gets 1 (a closed channel is drained first).")
    @Outcome(id = "1, 1, 0", expect = Expect.ACCEPTABLE, desc = "received the value, nothing left")
    @Outcome(expect = Expect.FORBIDDEN, desc = "closed reported over a sent value, lost or duplicated")
    @State
    public static class ReceiveVsSendThenClose {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void receiver(III_Result r) {
            r.r1 = Ops.receive(ch);
        }

        @Actor
        public void senderThenCloser(III_Result r) {
            r.r2 = Ops.trySend(ch, 1);
            ch.close();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = Ops.drain(ch);
        }
    }

    @JCStressTest
    @Description("A blocking receive on an unbuffered channel races trySend(1) then close(): trySend"
            + " succeeds only by handing 1 to the waiting receiver; otherwise the close releases it.")
    @Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "handed to the waiting receiver")
    @Outcome(id = "-1, 0", expect = Expect.ACCEPTABLE, desc = "receiver not waiting yet; the close released it")
    @Outcome(expect = Expect.FORBIDDEN, desc = "a sent value lost, or a value received that was not sent")
    @State
    public static class ReceiveVsSendThenCloseUnbuffered {
        final Channel<Integer> ch = Channel.unbuffered();

        @Actor
        public void receiver(II_Result r) {
            r.r1 = Ops.receive(ch);
        }

        @Actor
        public void senderThenCloser(II_Result r) {
            r.r2 = Ops.trySend(ch, 1);
            ch.close();
        }
    }

    @JCStressTest
    @Description("A blocking send(1) on an unbuffered channel races tryReceive() then close(): the"
            + " receive takes 1 only from the waiting sender, who then reports sent; otherwise the"
            + " close releases the sender with closed.")
    @Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "taken from the waiting sender")
    @Outcome(id = "-1, 0", expect = Expect.ACCEPTABLE, desc = "sender not waiting yet; the close released it")
    @Outcome(expect = Expect.FORBIDDEN, desc = "a value both sent and not received, or received and refused")
    @State
    public static class SendVsReceiveThenCloseUnbuffered {
        final Channel<Integer> ch = Channel.unbuffered();

        @Actor
        public void sender(II_Result r) {
            r.r1 = Ops.send(ch, 1);
        }

        @Actor
        public void receiverThenCloser(II_Result r) {
            r.r2 = Ops.tryReceive(ch);
            ch.close();
        }
    }

    @JCStressTest
    @Description("Two close() calls race: exactly one returns true.")
    @Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "the first closer won")
    @Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "the second closer won")
    @Outcome(expect = Expect.FORBIDDEN, desc = "both or neither closed it")
    @State
    public static class TwoClosers {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void closer1(II_Result r) {
            r.r1 = ch.close() ? 1 : 0;
        }

        @Actor
        public void closer2(II_Result r) {
            r.r2 = ch.close() ? 1 : 0;
        }
    }

    @JCStressTest
    @Description("close() races closeWithError(e): exactly one wins, and receivers see the winner's"
            + " error (none after a plain close).")
    @Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "plain close won; no error")
    @Outcome(id = "0, 1, 1", expect = Expect.ACCEPTABLE, desc = "closeWithError won; its error is seen")
    @Outcome(expect = Expect.FORBIDDEN, desc = "both or neither won, or the loser's error is seen")
    @State
    public static class CloseVsCloseWithError {
        final Throwable error = new Exception("closed with an error");
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void closer(III_Result r) {
            r.r1 = ch.close() ? 1 : 0;
        }

        @Actor
        public void errorCloser(III_Result r) {
            r.r2 = ch.closeWithError(error) ? 1 : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            try {
                r.r3 = ch.receiveOrClosed() instanceof ReceiveResult.Closed<Integer> c
                        ? (c.error() == error ? 1 : c.error() == null ? 0 : 2)
                        : 3;
            } catch (InterruptedException e) {
                throw new IllegalStateException("nothing interrupts a jcstress arbiter", e);
            }
        }
    }
}

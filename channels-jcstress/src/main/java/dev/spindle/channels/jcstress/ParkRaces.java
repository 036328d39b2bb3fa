package dev.spindle.channels.jcstress;

import dev.spindle.channels.Channel;
import dev.spindle.channels.Select;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * A blocking call racing, at full speed, the one operation that releases it: the window between a
 * waiter deciding to park and registering itself, and the counterpart checking for waiters, is hit
 * here far more often than in the termination tests of {@link WaiterWakeup} (whose harness lets
 * the actor park for about a millisecond before the signal). Nothing else would release the waiter,
 * so a lost wake-up hangs the actor: jcstress reports the test as timed out (an error) after 30 s.
 */
public final class ParkRaces {
    private ParkRaces() {
    }

    @JCStressTest
    @Description("receive() on an empty buffered(1) races trySend(1), its only release.")
    @Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "received; nothing left")
    @Outcome(expect = Expect.FORBIDDEN, desc = "wrong value, or the value also left in the buffer")
    @State
    public static class ReceiveVsTrySend {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void receiver(II_Result r) {
            r.r1 = Ops.receive(ch);
        }

        @Actor
        public void sender() {
            if (Ops.trySend(ch, 1) != Ops.SENT) {
                throw new IllegalStateException("trySend into an empty buffered(1) channel failed");
            }
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r2 = Ops.drain(ch);
        }
    }

    @JCStressTest
    @Description("send(2) on a full buffered(1) (holding 1) races tryReceive(), its only release.")
    @Outcome(id = "1, 2", expect = Expect.ACCEPTABLE, desc = "1 received; the send completed and 2 stays")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, duplicated, or the send failed")
    @State
    public static class SendVsTryReceive {
        final Channel<Integer> ch = Channel.buffered(1);

        public SendVsTryReceive() {
            Ops.trySend(ch, 1);
        }

        @Actor
        public void sender() {
            if (Ops.send(ch, 2) != Ops.SENT) {
                throw new IllegalStateException("send on an open channel reported closed");
            }
        }

        @Actor
        public void receiver(II_Result r) {
            r.r1 = Ops.tryReceive(ch);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r2 = Ops.drain(ch);
        }
    }

    @JCStressTest
    @Description("select(a.onReceive, b.onReceive) on two empty buffered(1) races trySend(1) into b,"
            + " its only release.")
    @Outcome(id = "21", expect = Expect.ACCEPTABLE, desc = "received b's 1")
    @Outcome(expect = Expect.FORBIDDEN, desc = "wrong clause or value")
    @State
    public static class SelectVsTrySend {
        final Channel<Integer> a = Channel.buffered(1);
        final Channel<Integer> b = Channel.buffered(1);

        @Actor
        public void selector(I_Result r) {
            try {
                r.r1 = Select.select(a.onReceive(v -> 10 + v), b.onReceive(v -> 20 + v));
            } catch (InterruptedException e) {
                throw new IllegalStateException("nothing interrupts a jcstress actor", e);
            }
        }

        @Actor
        public void sender() {
            if (Ops.trySend(b, 1) != Ops.SENT) {
                throw new IllegalStateException("trySend into an empty buffered(1) channel failed");
            }
        }
    }
}

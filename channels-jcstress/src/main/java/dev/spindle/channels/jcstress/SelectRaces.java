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
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * A select with a default over two buffered(1) channels racing sends or receives on them: exactly
 * one clause fires, and the clauses that did not fire leave no trace (no value taken, none added).
 * The select's result names the clause: {@code 0} the default, {@code 1} channel a, {@code 2}
 * channel b. Drains list values as digits.
 */
public final class SelectRaces {
    private SelectRaces() {
    }

    @JCStressTest
    @Description("select(a.onReceive, b.onReceive, default) races trySend(1) into a then trySend(2)"
            + " into b: one clause fires; the value it took is gone and the other stays.")
    @Outcome(id = "0, 1, 2", expect = Expect.ACCEPTABLE, desc = "default fired; both values stay")
    @Outcome(id = "1, 0, 2", expect = Expect.ACCEPTABLE, desc = "received 1 from a; 2 stays in b")
    @Outcome(id = "2, 1, 0", expect = Expect.ACCEPTABLE, desc = "received 2 from b (both were ready); 1 stays in a")
    @Outcome(expect = Expect.FORBIDDEN, desc = "two clauses fired, or a value lost or taken without its clause")
    @State
    public static class ReceiveOrDefault {
        final Channel<Integer> a = Channel.buffered(1);
        final Channel<Integer> b = Channel.buffered(1);

        @Actor
        public void sender() {
            if (Ops.trySend(a, 1) != Ops.SENT || Ops.trySend(b, 2) != Ops.SENT) {
                throw new IllegalStateException("trySend into an empty buffered(1) channel failed");
            }
        }

        @Actor
        public void selector(III_Result r) {
            try {
                r.r1 = Select.select(a.onReceive(v -> v), b.onReceive(v -> v), Select.onDefault(() -> 0));
            } catch (InterruptedException e) {
                throw new IllegalStateException("nothing interrupts a jcstress actor", e);
            }
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r2 = Ops.drain(a);
            r.r3 = Ops.drain(b);
        }
    }

    @JCStressTest
    @Description("select(a.onSend(3), b.onSend(4), default) on full a (holding 1) and b (holding 2)"
            + " races tryReceive on a then on b: one clause fires, and only its value is added.")
    @Outcome(id = "1, 2, 0, 0, 0", expect = Expect.ACCEPTABLE, desc = "default fired; nothing added")
    @Outcome(id = "1, 2, 1, 3, 0", expect = Expect.ACCEPTABLE, desc = "sent 3 into a")
    @Outcome(id = "1, 2, 2, 0, 4", expect = Expect.ACCEPTABLE, desc = "sent 4 into b")
    @Outcome(expect = Expect.FORBIDDEN, desc = "two clauses fired, or a value lost or added without its clause")
    @State
    public static class SendOrDefault {
        final Channel<Integer> a = Channel.buffered(1);
        final Channel<Integer> b = Channel.buffered(1);

        public SendOrDefault() {
            Ops.trySend(a, 1);
            Ops.trySend(b, 2);
        }

        @Actor
        public void receiver(IIIII_Result r) {
            r.r1 = Ops.tryReceive(a);
            r.r2 = Ops.tryReceive(b);
        }

        @Actor
        public void selector(IIIII_Result r) {
            try {
                r.r3 = Select.select(a.onSend(3, () -> 1), b.onSend(4, () -> 2), Select.onDefault(() -> 0));
            } catch (InterruptedException e) {
                throw new IllegalStateException("nothing interrupts a jcstress actor", e);
            }
        }

        @Arbiter
        public void arbiter(IIIII_Result r) {
            r.r4 = Ops.drain(a);
            r.r5 = Ops.drain(b);
        }
    }
}

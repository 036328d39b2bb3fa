package dev.spindle.channels.jcstress;

import dev.spindle.channels.Channel;
import dev.spindle.channels.Select;
import java.util.Optional;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * A value handed through a channel is seen whole: every plain field a sender wrote before the send
 * is visible to the receiver, whichever path the hand-off takes (a buffer cell, a parked receiver, a
 * parked sender, a select). Results hold {@link Box#seen()}: {@code 14} is box 1 whole, {@code 24}
 * box 2 whole, {@code 0} nothing received; any other number is a torn box.
 */
public final class Publication {
    private Publication() {
    }

    static int seen(Optional<Box> box) {
        return box.map(Box::seen).orElse(0);
    }

    static void send(Channel<Box> ch, Box box) {
        try {
            ch.send(box);
        } catch (InterruptedException e) {
            throw new IllegalStateException("nothing interrupts a jcstress actor", e);
        }
    }

    static int receive(Channel<Box> ch) {
        try {
            return ch.receive().seen();
        } catch (InterruptedException e) {
            throw new IllegalStateException("nothing interrupts a jcstress actor", e);
        }
    }

    @JCStressTest
    @Description("trySend into an empty buffered(1) cell races tryReceive: the receiver sees the box"
            + " whole or not at all, and the arbiter finds it exactly when the receiver did not.")
    @Outcome(id = "14, 0", expect = Expect.ACCEPTABLE, desc = "received whole; nothing left")
    @Outcome(id = "0, 14", expect = Expect.ACCEPTABLE, desc = "receiver came first; the box stays buffered")
    @Outcome(expect = Expect.FORBIDDEN, desc = "torn, lost or duplicated")
    @State
    public static class TrySendBuffered1 {
        final Channel<Box> ch = Channel.buffered(1);

        @Actor
        public void sender() {
            if (!ch.trySend(new Box(1))) {
                throw new IllegalStateException("trySend into an empty buffered(1) channel failed");
            }
        }

        @Actor
        public void receiver(II_Result r) {
            r.r1 = seen(ch.tryReceive());
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r2 = seen(ch.tryReceive());
        }
    }

    @JCStressTest
    @Description("trySend into an unlimited channel races tryReceive: the receiver sees the box whole"
            + " or not at all, and the arbiter finds it exactly when the receiver did not.")
    @Outcome(id = "14, 0", expect = Expect.ACCEPTABLE, desc = "received whole; nothing left")
    @Outcome(id = "0, 14", expect = Expect.ACCEPTABLE, desc = "receiver came first; the box stays buffered")
    @Outcome(expect = Expect.FORBIDDEN, desc = "torn, lost or duplicated")
    @State
    public static class TrySendUnlimited {
        final Channel<Box> ch = Channel.unlimited();

        @Actor
        public void sender() {
            if (!ch.trySend(new Box(1))) {
                throw new IllegalStateException("trySend into an unlimited channel failed");
            }
        }

        @Actor
        public void receiver(II_Result r) {
            r.r1 = seen(ch.tryReceive());
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r2 = seen(ch.tryReceive());
        }
    }

    @JCStressTest
    @Description("Two sends into buffered(2) race two tryReceives: each box the receiver gets is whole,"
            + " in the order sent, and the arbiter drains exactly the rest.")
    @Outcome(id = "0, 0, 12", expect = Expect.ACCEPTABLE, desc = "receiver came first; both boxes stay")
    @Outcome(id = "0, 14, 2", expect = Expect.ACCEPTABLE, desc = "second receive got box 1; box 2 stays")
    @Outcome(id = "14, 0, 2", expect = Expect.ACCEPTABLE, desc = "first receive got box 1, second came before box 2")
    @Outcome(id = "14, 24, 0", expect = Expect.ACCEPTABLE, desc = "both received whole, in order")
    @Outcome(expect = Expect.FORBIDDEN, desc = "torn, reordered, lost or duplicated")
    @State
    public static class SendBuffered2 {
        final Channel<Box> ch = Channel.buffered(2);

        @Actor
        public void sender() {
            send(ch, new Box(1));
            send(ch, new Box(2));
        }

        @Actor
        public void receiver(III_Result r) {
            r.r1 = seen(ch.tryReceive());
            r.r2 = seen(ch.tryReceive());
        }

        @Arbiter
        public void arbiter(III_Result r) {
            int ids = 0;
            for (Optional<Box> b = ch.tryReceive(); b.isPresent(); b = ch.tryReceive()) {
                ids = ids * 10 + b.get().id;
            }
            r.r3 = ids;
        }
    }

    @JCStressTest
    @Description("send on an unbuffered channel meets a blocking receive: whichever parks first, the"
            + " receiver sees the box whole.")
    @Outcome(id = "14", expect = Expect.ACCEPTABLE, desc = "received whole")
    @Outcome(expect = Expect.FORBIDDEN, desc = "torn")
    @State
    public static class Unbuffered {
        final Channel<Box> ch = Channel.unbuffered();

        @Actor
        public void sender() {
            send(ch, new Box(1));
        }

        @Actor
        public void receiver(I_Result r) {
            r.r1 = receive(ch);
        }
    }

    @JCStressTest
    @Description("trySend into buffered(1) races a select with a receive clause and a default: the"
            + " receive clause sees the box whole, or the default fires and the box stays.")
    @Outcome(id = "14, 0", expect = Expect.ACCEPTABLE, desc = "receive clause fired; box whole")
    @Outcome(id = "-1, 14", expect = Expect.ACCEPTABLE, desc = "default fired; the box stays buffered")
    @Outcome(expect = Expect.FORBIDDEN, desc = "torn, lost or duplicated")
    @State
    public static class SelectReceive {
        final Channel<Box> ch = Channel.buffered(1);

        @Actor
        public void sender() {
            if (!ch.trySend(new Box(1))) {
                throw new IllegalStateException("trySend into an empty buffered(1) channel failed");
            }
        }

        @Actor
        public void selector(II_Result r) {
            try {
                r.r1 = Select.select(ch.onReceive(Box::seen), Select.onDefault(() -> -1));
            } catch (InterruptedException e) {
                throw new IllegalStateException("nothing interrupts a jcstress actor", e);
            }
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r2 = seen(ch.tryReceive());
        }
    }

    @JCStressTest
    @Description("A select whose only clause sends on an unbuffered channel meets a blocking receive:"
            + " the receiver sees the box whole.")
    @Outcome(id = "14", expect = Expect.ACCEPTABLE, desc = "received whole")
    @Outcome(expect = Expect.FORBIDDEN, desc = "torn")
    @State
    public static class SelectSendUnbuffered {
        final Channel<Box> ch = Channel.unbuffered();

        @Actor
        public void selector() {
            try {
                Select.select(ch.onSend(new Box(1), () -> 1));
            } catch (InterruptedException e) {
                throw new IllegalStateException("nothing interrupts a jcstress actor", e);
            }
        }

        @Actor
        public void receiver(I_Result r) {
            r.r1 = receive(ch);
        }
    }
}

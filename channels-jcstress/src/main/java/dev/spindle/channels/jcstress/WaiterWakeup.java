package dev.spindle.channels.jcstress;

import dev.spindle.channels.Channel;
import dev.spindle.channels.ReceiveResult;
import dev.spindle.channels.Select;
import dev.spindle.channels.SendResult;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * A waiter is never left parked when what it waits for happens: jcstress termination tests. The one
 * actor blocks in a send, receive or select (on a fresh platform thread, or on a virtual thread it
 * joins); the signal, run once the actor has started (before or after it parks), does what must
 * release it. A lost wake-up (the Dekker-style race between registering a waiter and the
 * counterpart's check for waiters) leaves the actor parked: jcstress reports STALE after waiting
 * 30 s and the test fails.
 *
 * <p>In jcstress 0.16 a termination test has exactly one actor, the harness never interrupts it
 * (a signal may, through its {@code Thread} parameter), and an exception from the actor or the
 * signal is the ERROR outcome; here that means a wrong result, so it is forbidden too. A signal never
 * blocks: where the release itself must wait (a send or receive on an unbuffered channel), it runs
 * on a virtual thread, so a lost wake-up shows as STALE rather than as a hung fork.
 */
public final class WaiterWakeup {
    private WaiterWakeup() {
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    /** Starts {@code op} on a virtual thread and returns without waiting for it. */
    static void onVirtualThread(Blocking op) {
        Thread.ofVirtual().name("jcstress-signal").start(() -> {
            try {
                op.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Runs {@code op} on a virtual thread and waits for it, so the waiter parks as a virtual thread. */
    static void onVirtualThreadAndJoin(Blocking op) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofVirtual().name("jcstress-actor").start(() -> {
            try {
                op.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.join();
        if (failure[0] != null) {
            throw new IllegalStateException("the virtual thread failed", failure[0]);
        }
    }

    /** A blocking channel operation. */
    @FunctionalInterface
    interface Blocking {
        void run() throws InterruptedException;
    }

    @JCStressTest(Mode.Termination)
    @Description("receive() on an empty buffered(1) is released by trySend(1).")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the receiver got the value")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the receiver stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "wrong value, or the send was refused")
    @State
    public static class ReceiveReleasedBySend {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void receiver() throws InterruptedException {
            check(ch.receive() == 1, "received a value that was not sent");
        }

        @Signal
        public void signal() {
            check(ch.trySend(1), "trySend into an empty buffered(1) channel failed");
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("receive() on a virtual thread, on an empty buffered(1), is released by trySend(1).")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the receiver got the value")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the virtual thread stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "wrong value, or the send was refused")
    @State
    public static class VirtualReceiveReleasedBySend {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void receiver() throws InterruptedException {
            onVirtualThreadAndJoin(() -> check(ch.receive() == 1, "received a value that was not sent"));
        }

        @Signal
        public void signal() {
            check(ch.trySend(1), "trySend into an empty buffered(1) channel failed");
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("receive() on an unbuffered channel meets a send(1) made on a virtual thread.")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the receiver got the value")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the receiver stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "wrong value")
    @State
    public static class ReceiveReleasedBySendUnbuffered {
        final Channel<Integer> ch = Channel.unbuffered();

        @Actor
        public void receiver() throws InterruptedException {
            check(ch.receive() == 1, "received a value that was not sent");
        }

        @Signal
        public void signal() {
            onVirtualThread(() -> ch.send(1));
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("receiveOrClosed() on an empty buffered(1) is released by close().")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the receiver saw closed")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the receiver stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "a value received from a channel nobody sent on")
    @State
    public static class ReceiveReleasedByClose {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void receiver() throws InterruptedException {
            check(ch.receiveOrClosed().isClosed(), "received a value that was not sent");
        }

        @Signal
        public void signal() {
            check(ch.close(), "close() of an open channel returned false");
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("receiveOrClosed() on an unbuffered channel is released by close().")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the receiver saw closed")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the receiver stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "a value received from a channel nobody sent on")
    @State
    public static class ReceiveReleasedByCloseUnbuffered {
        final Channel<Integer> ch = Channel.unbuffered();

        @Actor
        public void receiver() throws InterruptedException {
            check(ch.receiveOrClosed().isClosed(), "received a value that was not sent");
        }

        @Signal
        public void signal() {
            check(ch.close(), "close() of an open channel returned false");
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("receive() on an empty buffered(1) is released by interrupting its thread.")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the receive threw InterruptedException")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "the interrupt was lost: the receiver stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "a value received from a channel nobody sent on")
    @State
    public static class ReceiveReleasedByInterrupt {
        final Channel<Integer> ch = Channel.buffered(1);

        @Actor
        public void receiver() {
            try {
                ch.receive();
                check(false, "received a value that was not sent");
            } catch (InterruptedException expected) {
                // released as it should be
            }
        }

        @Signal
        public void signal(Thread actor) {
            actor.interrupt();
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("send(2) on a full buffered(1) (holding 1) is released by tryReceive().")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the sender got the freed cell")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the sender stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "the receive did not get the buffered 1")
    @State
    public static class SendReleasedByReceive {
        final Channel<Integer> ch = Channel.buffered(1);

        public SendReleasedByReceive() {
            ch.trySend(1);
        }

        @Actor
        public void sender() throws InterruptedException {
            ch.send(2);
        }

        @Signal
        public void signal() {
            check(ch.tryReceive().orElse(0) == 1, "tryReceive on a full buffered(1) did not get its value");
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("send(2) on a virtual thread, on a full buffered(1) (holding 1), is released by"
            + " tryReceive().")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the sender got the freed cell")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the virtual thread stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "the receive did not get the buffered 1")
    @State
    public static class VirtualSendReleasedByReceive {
        final Channel<Integer> ch = Channel.buffered(1);

        public VirtualSendReleasedByReceive() {
            ch.trySend(1);
        }

        @Actor
        public void sender() throws InterruptedException {
            onVirtualThreadAndJoin(() -> ch.send(2));
        }

        @Signal
        public void signal() {
            check(ch.tryReceive().orElse(0) == 1, "tryReceive on a full buffered(1) did not get its value");
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("send(1) on an unbuffered channel meets a receive() made on a virtual thread.")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the value was taken")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the sender stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "the send failed")
    @State
    public static class SendReleasedByReceiveUnbuffered {
        final Channel<Integer> ch = Channel.unbuffered();

        @Actor
        public void sender() throws InterruptedException {
            ch.send(1);
        }

        @Signal
        public void signal() {
            onVirtualThread(ch::receive);
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("sendOrClosed(2) on a full buffered(1) is released by close(), and keeps its value.")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the sender saw closed")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the sender stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "the send reported sent into a full, closed channel")
    @State
    public static class SendReleasedByClose {
        final Channel<Integer> ch = Channel.buffered(1);

        public SendReleasedByClose() {
            ch.trySend(1);
        }

        @Actor
        public void sender() throws InterruptedException {
            check(ch.sendOrClosed(2) instanceof SendResult.Closed, "sent into a full channel nobody receives from");
        }

        @Signal
        public void signal() {
            check(ch.close(), "close() of an open channel returned false");
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("sendOrClosed(1) on an unbuffered channel is released by close().")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the sender saw closed")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the sender stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "the send reported sent with no receiver")
    @State
    public static class SendReleasedByCloseUnbuffered {
        final Channel<Integer> ch = Channel.unbuffered();

        @Actor
        public void sender() throws InterruptedException {
            check(ch.sendOrClosed(1) instanceof SendResult.Closed, "sent with no receiver");
        }

        @Signal
        public void signal() {
            check(ch.close(), "close() of an open channel returned false");
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("send(2) on a full buffered(1) is released by interrupting its thread.")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the send threw InterruptedException")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "the interrupt was lost: the sender stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "sent into a full channel nobody receives from")
    @State
    public static class SendReleasedByInterrupt {
        final Channel<Integer> ch = Channel.buffered(1);

        public SendReleasedByInterrupt() {
            ch.trySend(1);
        }

        @Actor
        public void sender() {
            try {
                ch.send(2);
                check(false, "sent into a full channel nobody receives from");
            } catch (InterruptedException expected) {
                // released as it should be
            }
        }

        @Signal
        public void signal(Thread actor) {
            actor.interrupt();
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("select(a.onReceive, b.onReceive) on two empty buffered(1) is released by trySend(1)"
            + " into b.")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the select received from b")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the select stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "the wrong clause fired, or the send was refused")
    @State
    public static class SelectReleasedBySend {
        final Channel<Integer> a = Channel.buffered(1);
        final Channel<Integer> b = Channel.buffered(1);

        @Actor
        public void selector() throws InterruptedException {
            int got = Select.select(a.onReceive(v -> 10 + v), b.onReceive(v -> 20 + v));
            check(got == 21, "select returned " + got + ", not b's 1");
        }

        @Signal
        public void signal() {
            check(b.trySend(1), "trySend into an empty buffered(1) channel failed");
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("select(a.onReceiveOrClosed, b.onReceive) on two empty buffered(1) is released by"
            + " closing a.")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the select saw a closed")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the select stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "the wrong clause fired")
    @State
    public static class SelectReleasedByClose {
        final Channel<Integer> a = Channel.buffered(1);
        final Channel<Integer> b = Channel.buffered(1);

        @Actor
        public void selector() throws InterruptedException {
            boolean closed = Select.select(a.onReceiveOrClosed(ReceiveResult::isClosed), b.onReceive(v -> false));
            check(closed, "select fired a clause other than a's close");
        }

        @Signal
        public void signal() {
            check(a.close(), "close() of an open channel returned false");
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("select(a.onSend(3), b.onSend(4)) on full a (holding 1) and b (holding 2) is"
            + " released by tryReceive() on b.")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the select sent into b")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the select stayed parked")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN, desc = "the wrong clause fired, or b's 2 was not received")
    @State
    public static class SelectSendReleasedByReceive {
        final Channel<Integer> a = Channel.buffered(1);
        final Channel<Integer> b = Channel.buffered(1);

        public SelectSendReleasedByReceive() {
            a.trySend(1);
            b.trySend(2);
        }

        @Actor
        public void selector() throws InterruptedException {
            String fired = Select.select(a.onSend(3, () -> "a"), b.onSend(4, () -> "b"));
            check(fired.equals("b"), "select sent into a, which nobody drained");
        }

        @Signal
        public void signal() {
            check(b.tryReceive().orElse(0) == 2, "tryReceive on a full buffered(1) did not get its value");
        }
    }
}

package dev.spindle.examples;

import dev.spindle.channels.Channel;
import dev.spindle.channels.Timers;
import dev.spindle.core.CancellableContext;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import dev.spindle.core.DeadlockException;
import dev.spindle.core.TaskGroup;
import dev.spindle.core.WaitGroup;
import java.time.Duration;

/**
 * Go's classic deadlocks and programs that only look deadlocked, each a program for a JVM of its own
 * (run by {@link DeadlockDetectionTest}; {@code args[0]} names it). Each deadlock is a task group
 * opened with {@link TaskGroup.OnDeadlock#FAIL}, so that the program prints the report and exits with
 * 2 as Go does; a look-alike exits 0 when its wait ends, and with 2 if it was wrongly reported.
 */
public final class DeadlockPrograms {
    private DeadlockPrograms() {
    }

    /**
     * Runs the program named {@code args[0]} and exits with its code.
     *
     * @param args the program's name
     * @throws InterruptedException never expected: nothing interrupts main
     */
    public static void main(String[] args) throws InterruptedException {
        int code = switch (args[0]) {
            case "receive-nobody-sends" -> receiveNobodySends();
            case "each-waits-for-the-other" -> eachWaitsForTheOther();
            case "waitgroup-never-done" -> waitGroupNeverDone();
            case "consumer-quit" -> consumerQuit();
            case "main-alone" -> mainAlone();
            case "platform-sender-sleeps" -> platformSenderSleeps();
            case "timer-about-to-fire" -> timerAboutToFire();
            case "context-deadline" -> contextDeadline();
            default -> throw new IllegalArgumentException("no program named '" + args[0] + "'");
        };
        System.exit(code);
    }

    /** (a) A task receives from a channel that nobody sends to. */
    static int receiveNobodySends() throws InterruptedException {
        Channel<Integer> orphan = Channel.<Integer>unbuffered().named("orphan");
        return inGroup("lonely", g -> g.go(() -> orphan.receive()));
    }

    /** (b) A receives on ping then sends on pong; B receives on pong then sends on ping. */
    static int eachWaitsForTheOther() throws InterruptedException {
        Channel<String> ping = Channel.<String>unbuffered().named("ping");
        Channel<String> pong = Channel.<String>unbuffered().named("pong");
        return inGroup("pair", g -> {
            g.go(() -> pong.send("after " + ping.receive()));
            g.go(() -> ping.send("after " + pong.receive()));
        });
    }

    /** (c) A WaitGroup counted one task that never calls done(). */
    static int waitGroupNeverDone() throws InterruptedException {
        WaitGroup pending = new WaitGroup();
        pending.add(1);
        return inGroup("waiters", g -> g.go(() -> pending.await()));
    }

    /** (d) A pipeline whose consumer returned after 3 of 10 values: the producer blocks sending the 4th. */
    static int consumerQuit() throws InterruptedException {
        Channel<Integer> numbers = Channel.<Integer>unbuffered().named("numbers");
        return inGroup("pipeline", g -> {
            g.go(() -> {
                for (int i = 1; i <= 10; i++) {
                    numbers.send(i);
                }
                numbers.close();
            });
            g.go(() -> {
                for (int i = 0; i < 3; i++) {
                    numbers.receive();
                }
            });
        });
    }

    /** (e) Main alone, no group: the report is logged and main stays blocked (REPORT). */
    static int mainAlone() throws InterruptedException {
        Channel.<Integer>unbuffered().named("never").receive();
        return 0;
    }

    /** (f) A platform thread outside Spindle sends after a while: not a deadlock. */
    static int platformSenderSleeps() throws InterruptedException {
        Channel<Integer> late = Channel.<Integer>unbuffered().named("late");
        Thread sender = new Thread(() -> {
            try {
                // The subject of the test, not a wait for an event: a thread asleep outside Spindle can
                // still send, so while it sleeps no deadlock may be reported.
                Thread.sleep(3000);
                late.send(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "late-sender");
        sender.start();
        return inGroup("patient", g -> g.go(() -> late.receive()));
    }

    /** (g) A receive from a timer that fires in 3 s: a pending timer can wake it. */
    static int timerAboutToFire() throws InterruptedException {
        return inGroup("timed", g -> g.go(() -> Timers.after(Duration.ofSeconds(3)).receive()));
    }

    /** (h) A receive bounded by a context with a 3 s deadline: it ends by itself. */
    static int contextDeadline() throws InterruptedException {
        Channel<Integer> quiet = Channel.<Integer>unbuffered().named("quiet");
        return inGroup("bounded", g -> g.go(() -> {
            try (CancellableContext ctx = Context.background().withTimeout(Duration.ofSeconds(3))) {
                quiet.receive(ctx);
            } catch (CancelledException e) {
                System.out.println("gave up waiting: " + e.getMessage());
            }
        }));
    }

    /** Starts tasks in a group. */
    @FunctionalInterface
    interface Body {
        void start(TaskGroup group) throws InterruptedException;
    }

    /** Runs {@code body} in a named group that fails on a deadlock; 2 after printing the report, else 0. */
    private static int inGroup(String name, Body body) throws InterruptedException {
        try (TaskGroup group = TaskGroup.open().named(name).onDeadlock(TaskGroup.OnDeadlock.FAIL)) {
            body.start(group);
            group.await();
            return 0;
        } catch (DeadlockException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}

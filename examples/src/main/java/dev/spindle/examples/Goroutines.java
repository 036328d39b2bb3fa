package dev.spindle.examples;

import static dev.spindle.core.Go.go;

import dev.spindle.channels.Channel;
import dev.spindle.channels.Channels;
import dev.spindle.channels.ReceiveChannel;
import dev.spindle.channels.Select;
import dev.spindle.core.CancellableContext;
import dev.spindle.core.Context;
import dev.spindle.core.TaskGroup;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The classic Go channel programs: two goroutines sending on one channel, the same with a select
 * and a timeout, and a fan-out/fan-in over a worker pool. Run with {@code ./spindle run goroutines}.
 */
@Command(name = "goroutines", description = "The classic Go channel programs: two goroutines on one channel, "
        + "select with a timeout, a fan-out/fan-in worker pool.")
public final class Goroutines implements Callable<Integer> {
    private Goroutines() {
    }

    @Override
    public Integer call() throws Exception {
        run(System.out);
        return 0;
    }

    static void run(PrintStream out) throws Exception {
        helloWorld(out);
        selectWithTimeout(out);
        fanOutFanIn(out);
    }

    /** Two goroutines send "Hello" after 1 s and "World" after 2 s; main receives both. */
    static void helloWorld(PrintStream out) throws Exception {
        out.println("1. two goroutines, one channel");
        Channel<String> messages = Channel.unbuffered();
        go(() -> sendAfter(messages, "Hello", Duration.ofSeconds(1)));
        go(() -> sendAfter(messages, "World", Duration.ofSeconds(2)));
        out.println("   received: " + messages.receive());
        out.println("   received: " + messages.receive());
    }

    /** The same senders, but main waits at most 1.5 s in all: "World" comes too late. */
    static void selectWithTimeout(PrintStream out) throws Exception {
        out.println("2. select with a deadline of 1.5 s");
        Channel<String> fast = Channel.buffered(1);
        Channel<String> slow = Channel.buffered(1);
        go(() -> sendAfter(fast, "Hello", Duration.ofSeconds(1)));
        go(() -> sendAfter(slow, "World", Duration.ofSeconds(2)));
        try (CancellableContext deadline = Context.background().withTimeout(Duration.ofMillis(1500))) {
            for (int i = 0; i < 2; i++) {
                String event = Select.select(
                        fast.onReceive(m -> "received " + m),
                        slow.onReceive(m -> "received " + m),
                        Select.onDone(deadline, () -> "timed out waiting"));
                out.println("   " + event);
            }
        }
    }

    /** A producer, four workers squaring numbers, and a consumer summing what they return. */
    static void fanOutFanIn(PrintStream out) throws Exception {
        out.println("3. fan-out to 4 workers, fan-in to one sum");
        try (TaskGroup group = TaskGroup.open(Context.background())) {
            Channel<Integer> numbers = Channel.buffered(16);
            group.go(() -> {
                for (int i = 1; i <= 100; i++) {
                    numbers.send(i);
                }
                numbers.close();
            });
            ReceiveChannel<Integer> squares = Channels.workerPool(group, 4, numbers, n -> n * n);
            long sum = 0;
            for (int square : squares) {
                sum += square;
            }
            group.await();
            out.println("   sum of squares of 1..100 = " + sum);
        }
    }

    private static void sendAfter(Channel<String> ch, String message, Duration delay) throws InterruptedException {
        Thread.sleep(delay);
        ch.send(message);
    }
}

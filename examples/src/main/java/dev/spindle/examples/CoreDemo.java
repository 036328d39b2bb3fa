package dev.spindle.examples;

import dev.spindle.core.CancellableContext;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import dev.spindle.core.TaskFailedException;
import dev.spindle.core.TaskGroup;
import dev.spindle.core.TaskHandle;
import dev.spindle.core.WaitGroup;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;

import static dev.spindle.core.Go.go;

/**
 * A tour of spindle-core: goroutines, a task group that fans out and gathers, a failure that
 * cancels its siblings, and a deadline.
 */
@Command(name = "core-demo", description = "A tour of spindle-core: goroutines, a task group that fans out and "
        + "gathers, a failure that cancels its siblings, a deadline.")
public final class CoreDemo implements Callable<Integer> {
    private static final Context.Key<String> REQUEST_ID = Context.key("request-id");

    private CoreDemo() {
    }

    @Override
    public Integer call() throws Exception {
        run(System.out);
        return 0;
    }

    static void run(PrintStream out) throws Exception {
        out.println("== 1. go + WaitGroup: 10,000 virtual threads add to one counter");
        AtomicLong counter = new AtomicLong();
        WaitGroup wg = new WaitGroup();
        for (int i = 1; i <= 10_000; i++) {
            long n = i;
            wg.go(() -> counter.addAndGet(n));
        }
        wg.await();
        out.println("sum of 1..10000 = " + counter.get());

        out.println("== 2. TaskGroup: fan out three lookups, gather the results");
        Context request = Context.background().withValue(REQUEST_ID, "req-42");
        try (TaskGroup group = TaskGroup.open(request)) {
            TaskHandle<String> user = group.go(() -> lookup(group.context(), "user", 30));
            TaskHandle<String> cart = group.go(() -> lookup(group.context(), "cart", 20));
            TaskHandle<String> prices = group.go(() -> lookup(group.context(), "prices", 10));
            group.await();
            out.println("gathered: " + user.resultNow() + ", " + cart.resultNow() + ", " + prices.resultNow());
        }

        out.println("== 3. the first failure cancels the others");
        try (TaskGroup group = TaskGroup.open(request)) {
            TaskHandle<String> slow = group.go(() -> lookup(group.context(), "recommendations", 60_000));
            group.go(() -> {
                throw new IllegalStateException("inventory service is down");
            });
            try {
                group.await();
            } catch (TaskFailedException e) {
                out.println("group failed: " + e.getCause().getMessage());
                out.println("slow lookup ended as " + slow.state() + " without waiting its minute");
            }
        }

        out.println("== 4. a deadline cancels a whole tree");
        try (CancellableContext deadline = request.withTimeout(Duration.ofMillis(100));
             TaskGroup group = TaskGroup.open(deadline)) {
            for (int i = 0; i < 3; i++) {
                int shard = i;
                group.go(() -> lookup(group.context(), "shard-" + shard, 60_000));
            }
            try {
                group.await();
            } catch (CancelledException e) {
                out.println("cancelled: " + deadline.err().getMessage().replaceAll(" \\(.*", ""));
            }
        }

        Thread hello = go(() -> out.println("== 5. a goroutine says goodbye from " + threadKind()));
        hello.join();
    }

    /** Pretends to call a service: waits {@code millis}, or until the context is cancelled. */
    private static String lookup(Context ctx, String what, long millis) throws InterruptedException {
        if (ctx.await(Duration.ofMillis(millis))) {
            ctx.throwIfDone();
        }
        return what + "(" + ctx.value(REQUEST_ID).orElse("?") + ")";
    }

    private static String threadKind() {
        return Thread.currentThread().isVirtual() ? "a virtual thread" : "a platform thread";
    }
}

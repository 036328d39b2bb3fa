package dev.spindle.core;

import dev.spindle.core.internal.CancelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long stress run, only with {@code SPINDLE_STRESS=1} (length in seconds from
 * {@code SPINDLE_STRESS_SECONDS}, default 120): many threads open nested groups under one
 * long-lived context with random deadlines, failures and cancellations. Every group must end with
 * the outcome its tasks imply, and the long-lived context must hold nothing at the end.
 */
@EnabledIfEnvironmentVariable(named = "SPINDLE_STRESS", matches = "1")
class CoreStressTest {

    @Test
    void nestedGroupsUnderRandomCancellation() throws InterruptedException {
        long seconds = Long.parseLong(System.getenv().getOrDefault("SPINDLE_STRESS_SECONDS", "120"));
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CancellableContext root = Context.background().withCancel();
        AtomicLong groups = new AtomicLong();
        AtomicLong wrongOutcomes = new AtomicLong();
        try (TaskGroup drivers = TaskGroup.open(root)) {
            for (int d = 0; d < 16; d++) {
                drivers.go(() -> {
                    while (System.nanoTime() < end) {
                        if (!oneRound(root)) {
                            wrongOutcomes.incrementAndGet();
                        }
                        groups.incrementAndGet();
                    }
                });
            }
            drivers.await();
        }
        assertThat(wrongOutcomes).hasValue(0);
        assertThat(groups.get()).isPositive();
        assertThat(((CancelNode) root).registrations()).isZero();
    }

    /** One random nested group; returns whether its outcome matched what its tasks did. */
    private static boolean oneRound(Context root) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean fail = random.nextInt(4) == 0;
        try (CancellableContext ctx = root.withTimeout(Duration.ofMillis(random.nextInt(1, 20)))) {
            TaskGroup group = TaskGroup.open(ctx, random.nextInt(1, 8));
            int tasks = random.nextInt(1, 30);
            for (int i = 0; i < tasks; i++) {
                int index = i;
                group.go(() -> {
                    if (fail && index == tasks / 2) {
                        throw new IOException("planned");
                    }
                    try (TaskGroup inner = TaskGroup.open(group.context())) {
                        inner.go(() -> ThreadLocalRandom.current().nextInt());
                        inner.go(() -> group.context().await(Duration.ofMillis(1)));
                    }
                    return index;
                });
            }
            try {
                group.close();
                return true;
            } catch (TaskFailedException e) {
                return fail || e.getCause() instanceof CancelledException;
            } catch (CancelledException e) {
                return ctx.isDone();
            }
        }
    }
}

package dev.spindle.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spindle.core.Diagnostics;
import dev.spindle.core.TaskDump;
import dev.spindle.core.TaskGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The task dump stays consistent while tasks and groups come and go: only with
 * {@code SPINDLE_STRESS=1} (length in seconds from {@code SPINDLE_STRESS_SECONDS}, default 120).
 * Rounds of named groups whose tasks ping-pong on unbuffered channels, block in selects and in
 * nested groups, while another thread takes dumps without pause and checks each: every task sits in
 * the group its name says, every wait started before the dump was taken, text and JSON render.
 * At the end no group of the run is left in the dump and no task of it is blocked.
 */
@EnabledIfEnvironmentVariable(named = "SPINDLE_STRESS", matches = "1")
class DiagnosticsStressTest {
    @Test
    void dumpsStayConsistentWhileTasksComeAndGo() throws Exception {
        long seconds = Long.parseLong(System.getenv().getOrDefault("SPINDLE_STRESS_SECONDS", "120"));
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong dumps = new AtomicLong();
        AtomicLong waitsSeen = new AtomicLong();
        List<Throwable> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread dumper = Thread.ofPlatform().name("stress-dumper").start(() -> {
            while (running.get()) {
                try {
                    TaskDump d = Diagnostics.dump();
                    check(d, d.groups(), waitsSeen);
                    assertThat(d.toText()).startsWith("spindle task dump at ");
                    assertThat(d.toJson()).startsWith("{\"taken\":").endsWith("}");
                    dumps.incrementAndGet();
                } catch (Throwable t) {
                    problems.add(t);
                    running.set(false);
                }
            }
        });
        long rounds = 0;
        try {
            while (System.nanoTime() < end && running.get()) {
                round(rounds++);
            }
        } finally {
            running.set(false);
            dumper.join();
        }
        assertThat(problems).isEmpty();
        TaskDump last = Diagnostics.dump();
        assertThat(last.allTasks()).noneMatch(t -> t.waiting() != null && t.name().startsWith("spindle-group-"));
        assertThat(last.groups()).noneMatch(g -> g.name() != null && g.name().startsWith("stress-"));
        System.out.printf("DiagnosticsStressTest: %d rounds, %d dumps, %d waits seen%n", rounds, dumps.get(),
                waitsSeen.get());
        assertThat(dumps.get()).isPositive();
    }

    private static void round(long n) throws InterruptedException {
        try (TaskGroup group = TaskGroup.open().named("stress-" + n)) {
            for (int pair = 0; pair < 8; pair++) {
                Channel<Integer> ping = Channel.<Integer>unbuffered().named("ping-" + pair);
                Channel<Integer> pong = Channel.<Integer>unbuffered().named("pong-" + pair);
                group.go(() -> {
                    for (int i = 0; i < 200; i++) {
                        ping.send(i);
                        pong.receive();
                    }
                    ping.close();
                });
                group.go(() -> {
                    for (Integer i : ping) {
                        Select.select(pong.onSend(i, () -> null));
                    }
                });
            }
            group.go(() -> {
                try (TaskGroup inner = TaskGroup.open(group.context()).named("stress-inner-" + n)) {
                    Channel<Integer> ch = Channel.buffered(1);
                    inner.go(() -> {
                        for (int i = 0; i < 100; i++) {
                            ch.send(i);
                        }
                        ch.close();
                    });
                    inner.go(() -> {
                        for (Integer ignored : ch) {
                            Thread.onSpinWait();
                        }
                    });
                    inner.await();
                }
            });
            group.await();
        }
    }

    private static void check(TaskDump d, List<TaskDump.Group> groups, AtomicLong waitsSeen) {
        List<TaskDump.Group> todo = new ArrayList<>(groups);
        while (!todo.isEmpty()) {
            TaskDump.Group g = todo.remove(todo.size() - 1);
            for (TaskDump.Task t : g.tasks()) {
                assertThat(t.name()).startsWith("spindle-group-" + g.id() + "-");
                if (t.waiting() != null) {
                    waitsSeen.incrementAndGet();
                    Instant since = t.waiting().since();
                    assertThat(since).isBeforeOrEqualTo(d.taken());
                    assertThat(t.waiting().on().describe()).isNotBlank();
                }
            }
            todo.addAll(g.children());
        }
    }
}

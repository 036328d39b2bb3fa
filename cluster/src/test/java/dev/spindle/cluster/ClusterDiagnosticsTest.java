package dev.spindle.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spindle.core.Diagnostics;
import dev.spindle.core.TaskDump;
import dev.spindle.core.TaskGroup;
import dev.spindle.core.TaskHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blocked cluster calls in {@link Diagnostics#dump()}: a task waiting for a lock held on another
 * member, or for a distributed channel, shows what it waits on, marked as ending by itself (so the
 * deadlock detector never counts it), and no longer once the other side moved.
 */
class ClusterDiagnosticsTest {
    private static final Duration SHOWS_UP = Duration.ofSeconds(20);
    private static TestClusters two;

    @BeforeAll
    static void start() throws Exception {
        two = TestClusters.start(5950, 2);
    }

    @AfterAll
    static void stop() {
        two.close();
    }

    @Test
    void aTaskWaitingForALockHeldElsewhereShowsTheLock() throws Exception {
        DistributedLock held = two.member(0).lock("diag-lock");
        DistributedLock wanted = two.member(1).lock("diag-lock");
        held.lock();
        boolean holding = true;
        try (TaskGroup g = TaskGroup.open().named("lock-waiters")) {
            try {
                TaskHandle<Long> waiter = g.go(() -> {
                    long token = wanted.lock();
                    wanted.unlock();
                    return token;
                });
                await().atMost(SHOWS_UP).untilAsserted(() -> assertThat(waitsIn("lock-waiters"))
                        .containsExactly(new TaskDump.WaitsOn.ClusterLockWait("diag-lock")));
                assertThat(endsByItself("lock-waiters")).containsExactly(true);

                held.unlock();
                holding = false;
                assertThat(waiter.join()).isPositive();
                assertThat(everyWait()).doesNotContain(new TaskDump.WaitsOn.ClusterLockWait("diag-lock"));
            } finally {
                if (holding) {
                    held.unlock(); // lets the waiter through, so the group can close
                }
            }
        }
    }

    @Test
    void aSubscriptionsChannelIsNamedAfterItsTopic() throws Exception {
        try (Subscription<String> sub = two.member(0).<String>topic("diag-topic").subscribe()) {
            assertThat(sub.toString()).contains("\"topic 'diag-topic' subscribe\"");
        }
    }

    @Test
    void aTaskReceivingFromAnEmptyChannelShowsTheReceive() throws Exception {
        DistributedChannel<String> in = two.member(0).channel("diag-empty", 4);
        DistributedChannel<String> out = two.member(1).channel("diag-empty", 4);
        TaskDump.WaitsOn receiving = new TaskDump.WaitsOn.DistributedChannelWait("diag-empty", "receive");
        try (TaskGroup g = TaskGroup.open().named("receivers")) {
            try {
                TaskHandle<String> receiver = g.go(() -> in.receive());
                await().atMost(SHOWS_UP).untilAsserted(() -> assertThat(waitsIn("receivers")).containsExactly(receiving));
                assertThat(endsByItself("receivers")).containsExactly(true);

                out.send("hello");
                assertThat(receiver.join()).isEqualTo("hello");
                assertThat(everyWait()).doesNotContain(receiving);
            } finally {
                out.close(); // wakes the receiver if the test failed before the send
            }
        }
    }

    @Test
    void aTaskSendingToAFullChannelShowsTheSend() throws Exception {
        DistributedChannel<String> in = two.member(0).channel("diag-full", 1);
        DistributedChannel<String> out = two.member(1).channel("diag-full", 1);
        TaskDump.WaitsOn sending = new TaskDump.WaitsOn.DistributedChannelWait("diag-full", "send");
        out.send("first"); // room: does not wait, registers nothing
        assertThat(everyWait()).doesNotContain(sending);
        try (TaskGroup g = TaskGroup.open().named("senders")) {
            try {
                TaskHandle<Void> sender = g.go(() -> out.send("second"));
                await().atMost(SHOWS_UP).untilAsserted(() -> assertThat(waitsIn("senders")).containsExactly(sending));

                assertThat(in.receive()).isEqualTo("first");
                sender.join();
                assertThat(everyWait()).doesNotContain(sending);
                assertThat(in.receive()).isEqualTo("second");
            } finally {
                in.tryReceive(); // makes room if the test failed before the receive
            }
        }
    }

    /** What the tasks of the open group named {@code group} wait on. */
    private static List<TaskDump.WaitsOn> waitsIn(String group) {
        return waitingIn(group).stream().map(TaskDump.Waiting::on).toList();
    }

    private static List<Boolean> endsByItself(String group) {
        return waitingIn(group).stream().map(TaskDump.Waiting::endsByItself).toList();
    }

    private static List<TaskDump.Waiting> waitingIn(String group) {
        return Diagnostics.dump().groups().stream().filter(g -> group.equals(g.name()))
                .flatMap(g -> g.tasks().stream()).map(TaskDump.Task::waiting).filter(Objects::nonNull).toList();
    }

    /** What every blocked Spindle call of this JVM waits on. */
    private static List<TaskDump.WaitsOn> everyWait() {
        return Diagnostics.dump().allTasks().stream().map(TaskDump.Task::waiting).filter(Objects::nonNull)
                .map(TaskDump.Waiting::on).toList();
    }
}

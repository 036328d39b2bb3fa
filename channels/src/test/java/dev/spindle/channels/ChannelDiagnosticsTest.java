package dev.spindle.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spindle.core.Context;
import dev.spindle.core.Diagnostics;
import dev.spindle.core.TaskDump;
import dev.spindle.core.TaskGroup;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The task dump names the channel, its state and the operation of each blocked channel call. */
class ChannelDiagnosticsTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void aBlockedReceiveNamesItsChannel() throws Exception {
        Channel<String> jobs = Channel.<String>unbuffered().named("jobs");
        try (TaskGroup group = TaskGroup.open().named("workers")) {
            group.go(() -> jobs.receive());
            TaskDump.Task task = awaitTask(t -> t.waiting() != null
                    && t.waiting().on() instanceof TaskDump.WaitsOn.ChannelReceive);
            TaskDump.ChannelInfo info = ((TaskDump.WaitsOn.ChannelReceive) task.waiting().on()).channel();
            assertThat(info.name()).isEqualTo("jobs");
            assertThat(info.text()).isEqualTo(jobs.toString());
            assertThat(info.capacity()).isZero();
            assertThat(info.waitingReceivers()).isEqualTo(1);
            assertThat(info.waitingSenders()).isZero();
            assertThat(task.waiting().on().describe()).startsWith("chan receive " + jobs + " (len 0, 1 receiver waiting)");
            assertThat(task.waiting().endsByItself()).isFalse();
            jobs.send("done");
        }
        assertThat(Diagnostics.dump().allTasks()).noneMatch(t -> t.waiting() != null
                && t.waiting().on() instanceof TaskDump.WaitsOn.ChannelReceive r && "jobs".equals(r.channel().name()));
    }

    @Test
    void aThreadOutsideAnyGroupIsListedWithItsChannelWait() throws Exception {
        Channel<String> lonely = Channel.<String>unbuffered().named("lonely");
        Thread outside = Thread.ofPlatform().name("outside-any-group").start(() -> {
            try {
                lonely.receive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TaskDump.Task task = await().atMost(BOUND).until(() -> Diagnostics.dump().others().stream()
                .filter(t -> t.name().equals("outside-any-group") && t.waiting() != null).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(task.waiting().on().describe()).startsWith("chan receive " + lonely);
        lonely.send("bye");
        outside.join();
        assertThat(Diagnostics.dump().others()).noneMatch(t -> t.name().equals("outside-any-group"));
    }

    @Test
    void aBlockedSendOnAFullBufferShowsItsLength() throws Exception {
        Channel<Integer> full = Channel.<Integer>buffered(2).named("full");
        full.send(1);
        full.send(2);
        try (TaskGroup group = TaskGroup.open()) {
            group.go(() -> full.send(3));
            TaskDump.Task task = awaitTask(t -> t.waiting() != null
                    && t.waiting().on() instanceof TaskDump.WaitsOn.ChannelSend s && "full".equals(s.channel().name()));
            TaskDump.ChannelInfo info = ((TaskDump.WaitsOn.ChannelSend) task.waiting().on()).channel();
            assertThat(info.length()).isEqualTo(2);
            assertThat(info.capacity()).isEqualTo(2);
            assertThat(info.waitingSenders()).isEqualTo(1);
            assertThat(Diagnostics.dump().toText()).contains("[chan send " + full + " (len 2, 1 sender waiting)");
            full.receive();
        }
    }

    @Test
    void aTimedReceiveEndsByItself() throws Exception {
        Channel<Integer> ch = Channel.<Integer>unbuffered().named("timed");
        try (TaskGroup group = TaskGroup.open()) {
            group.go(() -> ch.receive(Context.background().withTimeout(Duration.ofMinutes(5))));
            TaskDump.Task task = awaitTask(t -> t.waiting() != null
                    && t.waiting().on() instanceof TaskDump.WaitsOn.ChannelReceive r && "timed".equals(r.channel().name()));
            assertThat(task.waiting().endsByItself()).isTrue();
            ch.send(1);
        }
    }

    @Test
    void aBlockedSelectListsItsClausesAndChannels() throws Exception {
        Channel<Integer> a = Channel.<Integer>unbuffered().named("a");
        Channel<Integer> b = Channel.<Integer>buffered(1).named("b");
        b.send(0); // full: the send clause blocks
        try (TaskGroup group = TaskGroup.open()) {
            group.go(() -> Select.select(a.onReceive(v -> v), b.onSend(1, () -> -1)));
            TaskDump.Task task = awaitTask(t -> t.waiting() != null && t.waiting().on() instanceof TaskDump.WaitsOn.Select);
            TaskDump.WaitsOn.Select select = (TaskDump.WaitsOn.Select) task.waiting().on();
            assertThat(select.channels()).extracting(TaskDump.ChannelInfo::name).containsExactlyInAnyOrder("a", "b");
            assertThat(select.clauses()).hasSize(2);
            assertThat(select.clauses()).anyMatch(c -> c.contains("receive") && c.contains("\"a\""))
                    .anyMatch(c -> c.contains("send") && c.contains("\"b\""));
            assertThat(task.waiting().endsByItself()).isFalse();
            a.send(7);
        }
    }

    @Test
    void aSelectWithATimeoutEndsByItself() throws Exception {
        Channel<Integer> a = Channel.<Integer>unbuffered().named("with-timeout");
        try (TaskGroup group = TaskGroup.open()) {
            group.go(() -> Select.select(a.onReceive(v -> v), Select.onTimeout(Duration.ofMinutes(5), () -> -1)));
            TaskDump.Task task = awaitTask(t -> t.waiting() != null && t.waiting().on() instanceof TaskDump.WaitsOn.Select s
                    && s.channels().stream().anyMatch(c -> "with-timeout".equals(c.name())));
            assertThat(task.waiting().endsByItself()).isTrue();
            a.send(1);
        }
    }

    private static TaskDump.Task awaitTask(Predicate<TaskDump.Task> matching) {
        return await().atMost(BOUND).until(() -> Diagnostics.dump().allTasks().stream().filter(matching).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}

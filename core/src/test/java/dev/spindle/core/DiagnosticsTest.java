package dev.spindle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@link Diagnostics#dump()} against real blocked tasks, found by polling the dump with a bound. The
 * deadlock detector's acceptance tests run in child JVMs (examples module): its rule needs every
 * thread of the JVM blocked, which a test runner's threads never are.
 */
class DiagnosticsTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void aTaskBlockedOnAWaitGroupIsListedUnderItsNamedGroup() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        try (TaskGroup group = TaskGroup.open().named("waiters")) {
            group.go(() -> { wg.await(); });
            TaskDump.Task task = awaitTask(t -> t.waiting() != null
                    && t.waiting().on() instanceof TaskDump.WaitsOn.WaitGroupWait);
            TaskDump.Group g = groupOf(Diagnostics.dump(), task.name());
            assertThat(g.name()).isEqualTo("waiters");
            assertThat(g.label()).isEqualTo("group " + g.id() + " \"waiters\"");
            assertThat(task.name()).startsWith("spindle-group-" + g.id() + "-");
            assertThat(task.virtual()).isTrue();
            TaskDump.WaitsOn.WaitGroupWait on = (TaskDump.WaitsOn.WaitGroupWait) task.waiting().on();
            assertThat(on.count()).isEqualTo(1);
            assertThat(task.waiting().endsByItself()).isFalse();
            assertThat(task.stack()).anyMatch(f -> f.contains("WaitGroup.await"));
            wg.done();
        }
        assertThat(Diagnostics.dump().groups()).noneMatch(g -> "waiters".equals(g.name()));
    }

    @Test
    void aThreadAwaitingAGroupIsListedOutsideGroupsWithTheGroupItWaitsFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskGroup group = TaskGroup.open().named("awaited")) {
            group.go(() -> { release.await(); });
            Thread awaiter = Thread.ofPlatform().name("awaiter").start(() -> {
                try {
                    group.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            TaskDump.Task task = await().atMost(BOUND).until(() -> Diagnostics.dump().others().stream()
                    .filter(t -> t.name().equals("awaiter") && t.waiting() != null).findFirst(), Optional::isPresent)
                    .orElseThrow();
            TaskDump.WaitsOn.TaskGroupWait on = (TaskDump.WaitsOn.TaskGroupWait) task.waiting().on();
            assertThat(on.group()).contains("\"awaited\"");
            assertThat(on.running()).isEqualTo(1);
            assertThat(task.virtual()).isFalse();
            release.countDown();
            awaiter.join();
        }
    }

    @Test
    void aContextWaitWithADeadlineEndsByItself() throws Exception {
        try (TaskGroup group = TaskGroup.open()) {
            CancellableContext ctx = Context.background().withTimeout(Duration.ofMinutes(5));
            group.go(() -> { ctx.await(); });
            TaskDump.Task task = awaitTask(t -> t.waiting() != null
                    && t.waiting().on() instanceof TaskDump.WaitsOn.ContextWait);
            assertThat(task.waiting().endsByItself()).isTrue();
            assertThat(task.waiting().since()).isBeforeOrEqualTo(Diagnostics.dump().taken());
            ctx.cancel();
        }
    }

    @Test
    void aGroupOpenedByATaskIsItsChild() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskGroup outer = TaskGroup.open().named("outer")) {
            outer.go(() -> {
                try (TaskGroup inner = TaskGroup.open(outer.context()).named("inner")) {
                    inner.go(() -> { release.await(); });
                    inner.await();
                }
            });
            TaskDump.Group out = await().atMost(BOUND).until(() -> Diagnostics.dump().groups().stream()
                    .filter(g -> "outer".equals(g.name()) && !g.children().isEmpty()).findFirst(), Optional::isPresent)
                    .orElseThrow();
            TaskDump.Group in = out.children().get(0);
            assertThat(in.name()).isEqualTo("inner");
            assertThat(out.tasks()).singleElement().satisfies(t -> assertThat(t.waiting()).isNotNull());
            assertThat(out.tasks().get(0).waiting().on()).isInstanceOf(TaskDump.WaitsOn.TaskGroupWait.class);
            String text = Diagnostics.dump().toText();
            assertThat(text).contains("group " + out.id() + " \"outer\"").contains("  group " + in.id() + " \"inner\"");
            release.countDown();
        }
    }

    @Test
    void theJsonHasTheRecordsFields() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        try (TaskGroup group = TaskGroup.open().named("json \"quoted\"\n")) {
            group.go(() -> { wg.await(); });
            awaitTask(t -> t.waiting() != null && t.waiting().on() instanceof TaskDump.WaitsOn.WaitGroupWait);
            JsonNode root = new ObjectMapper().readTree(Diagnostics.dump().toJson());
            JsonNode g = null;
            for (JsonNode candidate : root.get("groups")) {
                if ("json \"quoted\"\n".equals(candidate.get("name").asString())) {
                    g = candidate;
                }
            }
            assertThat(g).isNotNull();
            JsonNode task = g.get("tasks").get(0);
            assertThat(task.get("name").asString()).startsWith("spindle-group-");
            assertThat(task.get("waiting").get("on").get("kind").asString()).isEqualTo("WaitGroupWait");
            assertThat(task.get("waiting").get("on").get("count").asLong()).isEqualTo(1);
            assertThat(task.get("stack").isArray()).isTrue();
            wg.done();
        }
    }

    @Test
    void stalledListsLongWaitsOnly() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        try (TaskGroup group = TaskGroup.open()) {
            group.go(() -> { wg.await(); });
            awaitTask(t -> t.waiting() != null && t.waiting().on() instanceof TaskDump.WaitsOn.WaitGroupWait);
            assertThat(Diagnostics.stalled(Duration.ZERO)).anyMatch(t -> t.waiting().on() instanceof TaskDump.WaitsOn.WaitGroupWait);
            assertThat(Diagnostics.stalled(Duration.ofDays(1))).isEmpty();
            wg.done();
        }
    }

    @Test
    void namingIsCheckedAndSetOnce() {
        try (TaskGroup group = TaskGroup.open()) {
            assertThatThrownBy(() -> group.named(" ")).isInstanceOf(IllegalArgumentException.class);
            group.named("once");
            assertThatThrownBy(() -> group.named("twice")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("\"once\"").hasMessageContaining("\"twice\"");
            assertThat(group.toString()).contains("\"once\"");
        }
    }

    @Test
    void aDeadlockFailsAFailGroupWithTheReport() throws Exception {
        // The watchdog cannot prove a deadlock inside a test runner (its threads could wake anyone);
        // failing a group with the report is what the watchdog does once it has proven one.
        TaskGroup group = TaskGroup.open().named("stuck").onDeadlock(TaskGroup.OnDeadlock.FAIL);
        WaitGroup never = new WaitGroup();
        never.add(1);
        group.go(() -> { never.await(); });
        awaitTask(t -> t.waiting() != null && t.waiting().on() instanceof TaskDump.WaitsOn.WaitGroupWait);
        TaskDump report = Diagnostics.dump();
        DeadlockException e = new DeadlockException(report);
        dev.spindle.core.internal.GroupInfo.open().stream().filter(g -> "stuck".equals(g.name()))
                .forEach(g -> g.failDeadlocked(e));
        assertThatThrownBy(group::await).isSameAs(e).hasMessageStartingWith("all tasks are asleep - deadlock!")
                .hasMessageContaining("\"stuck\"");
        group.close(); // already reported by await: close does not throw it again
    }

    @Test
    void aLongLivedGroupDoesNotKeepItsEndedTasks() throws Exception {
        try (TaskGroup group = TaskGroup.open()) {
            String last = null;
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                TaskHandle<Integer> h = group.go(() -> n);
                h.join();
                last = h.name();
            }
            // Dropped whenever the count reaches zero.
            assertThat(group.listLength()).isLessThanOrEqualTo(2);
            String prefix = last.substring(0, last.lastIndexOf('-') + 1);
            assertThat(Diagnostics.dump().allTasks()).noneMatch(t -> t.name().startsWith(prefix));
        }
    }

    @Test
    void aGroupThatNeverRunsOutOfTasksPrunesItsList() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskGroup group = TaskGroup.open()) {
            group.go(() -> { release.await(); });
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                group.go(() -> n).join();
            }
            // Pruned once the pushes since the last prune pass 1,024 and twice the live count.
            assertThat(group.listLength()).isBetween(1, 1026);
            release.countDown();
        }
    }

    @Test
    void theMxBeanServesTheDump() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        try (TaskGroup group = TaskGroup.open().named("over-jmx")) {
            group.go(() -> { wg.await(); });
            awaitTask(t -> t.waiting() != null && t.waiting().on() instanceof TaskDump.WaitsOn.WaitGroupWait);
            DiagnosticsMXBean bean = javax.management.JMX.newMXBeanProxy(
                    java.lang.management.ManagementFactory.getPlatformMBeanServer(),
                    new javax.management.ObjectName("dev.spindle:type=Diagnostics"), DiagnosticsMXBean.class);
            assertThat(bean.getTaskDump()).contains("\"over-jmx\"").contains("WaitGroup.await");
            assertThat(new ObjectMapper().readTree(bean.getTaskDumpJson()).get("groups").isArray()).isTrue();
            wg.done();
        }
    }

    @Test
    void aStallIsLoggedOnceWhenAThresholdIsSet() throws Exception {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.spindle.diagnostics");
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Diagnostics.reportStallsAfter(Duration.ofMillis(1));
        try (TaskGroup group = TaskGroup.open().named("stalling")) {
            group.go(() -> { wg.await(); });
            TaskDump.Task task = awaitTask(t -> t.waiting() != null
                    && t.waiting().on() instanceof TaskDump.WaitsOn.WaitGroupWait);
            await().atMost(BOUND).until(() -> logged.stream().anyMatch(m -> m.contains(task.name())));
            assertThat(logged).filteredOn(m -> m.contains(task.name())).singleElement()
                    .satisfies(m -> assertThat(m).startsWith("suspected stall: " + task.name() + " has waited")
                            .contains("WaitGroup.await"));
            wg.done();
        } finally {
            Diagnostics.reportStallsAfter(Duration.ZERO);
            logger.removeHandler(handler);
        }
    }

    private static TaskDump.Task awaitTask(Predicate<TaskDump.Task> matching) {
        return await().atMost(BOUND).until(() -> Diagnostics.dump().allTasks().stream().filter(matching).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static TaskDump.Group groupOf(TaskDump dump, String taskName) {
        List<TaskDump.Group> todo = new java.util.ArrayList<>(dump.groups());
        while (!todo.isEmpty()) {
            TaskDump.Group g = todo.remove(0);
            if (g.tasks().stream().anyMatch(t -> t.name().equals(taskName))) {
                return g;
            }
            todo.addAll(g.children());
        }
        throw new AssertionError("no group has " + taskName + " in " + dump.toText());
    }
}

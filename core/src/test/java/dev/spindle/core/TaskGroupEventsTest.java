package dev.spindle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Flight Recorder events of task groups, read back from a real recording made in the test. */
@Timeout(60)
class TaskGroupEventsTest {
    private static final String FAILED = "dev.spindle.TaskGroupFailed";
    private static final String RUN = "dev.spindle.TaskRun";

    @TempDir
    Path dir;

    @Test
    void theFirstFailureIsRecordedWithTheTaskAndItsCause() throws Exception {
        List<RecordedEvent> events = record(false, () -> {
            try (TaskGroup group = TaskGroup.open()) {
                group.go(() -> {
                    throw new IllegalStateException("disk full");
                });
                assertThatThrownBy(group::await).isInstanceOf(TaskFailedException.class);
            }
        });

        assertThat(named(events, FAILED)).singleElement().satisfies(e -> {
            assertThat(e.getString("reason")).isEqualTo("failed");
            assertThat(e.getString("task")).startsWith("spindle-group-");
            assertThat(e.getString("group")).startsWith("TaskGroup[");
            assertThat(e.getClass("causeClass").getName()).isEqualTo(IllegalStateException.class.getName());
            assertThat(e.getString("message")).isEqualTo("disk full");
        });
    }

    @Test
    void cancelWithACauseIsRecordedOnce() throws Exception {
        List<RecordedEvent> events = record(false, () -> {
            try (TaskGroup group = TaskGroup.open()) {
                group.cancel(new IllegalArgumentException("shutting down"));
                group.cancel(new IllegalArgumentException("again")); // already cancelled: no event
            }
        });

        assertThat(named(events, FAILED)).singleElement().satisfies(e -> {
            assertThat(e.getString("reason")).isEqualTo("cancelled");
            assertThat(e.getString("task")).isNull();
            assertThat(e.getString("message")).isEqualTo("shutting down");
        });
    }

    @Test
    void aGroupThatSucceedsRecordsNoFailure() throws Exception {
        List<RecordedEvent> events = record(false, () -> {
            try (TaskGroup group = TaskGroup.open()) {
                for (int i = 0; i < 100; i++) {
                    group.go(() -> 1);
                }
                group.await();
            }
        });

        assertThat(named(events, FAILED)).isEmpty();
    }

    @Test
    void taskRunsAreRecordedWithTheirOutcomeWhenTheyPassTheThreshold() throws Exception {
        List<RecordedEvent> events = record(true, () -> {
            try (TaskGroup group = TaskGroup.open()) {
                TaskHandle<Integer> ok = group.go(() -> 1);
                ok.join();
                group.go(() -> {
                    throw new IllegalStateException("boom");
                });
                assertThatThrownBy(group::await).isInstanceOf(TaskFailedException.class);
            }
        });

        assertThat(named(events, RUN)).extracting(e -> e.getString("outcome"))
                .containsExactlyInAnyOrder("SUCCEEDED", "FAILED");
        assertThat(named(events, RUN)).allSatisfy(e -> assertThat(e.getString("task")).startsWith("spindle-group-"));
    }

    @Test
    void shortTasksAreNotRecordedAtTheDefaultThreshold() throws Exception {
        CountDownLatch ran = new CountDownLatch(10);
        List<RecordedEvent> events = record(false, () -> {
            try (TaskGroup group = TaskGroup.open()) {
                for (int i = 0; i < 10; i++) {
                    group.go(ran::countDown);
                }
                group.await();
            }
        });

        assertThat(ran.getCount()).isZero();
        assertThat(named(events, RUN)).isEmpty();
    }

    /** Something to run while recording. */
    private interface Scenario {
        void run() throws Exception;
    }

    /** Records both events (task runs at every duration if {@code everyRun}, else at their default threshold). */
    private List<RecordedEvent> record(boolean everyRun, Scenario scenario) throws Exception {
        Path file = dir.resolve("events.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(FAILED);
            if (everyRun) {
                recording.enable(RUN).withThreshold(Duration.ZERO);
            } else {
                recording.enable(RUN);
            }
            recording.start();
            scenario.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file);
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }
}

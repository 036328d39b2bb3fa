package dev.spindle.core;

import dev.spindle.core.internal.TaskGroupObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer metrics for every {@link TaskGroup} in the process. Needs {@code micrometer-core} on
 * the class path (an optional dependency of Spindle; without it, never load this class).
 *
 * <p>Meters:
 * <ul>
 *   <li>{@code spindle.taskgroup.groups} (counter): groups opened;</li>
 *   <li>{@code spindle.taskgroup.tasks} (counter): tasks started;</li>
 *   <li>{@code spindle.taskgroup.failures} (counter): tasks that failed (cancellations are not
 *       failures);</li>
 *   <li>{@code spindle.taskgroup.task.duration} (timer): how long tasks ran, tagged
 *       {@code outcome} with the task's end, spelled as {@link java.util.concurrent.Future.State}
 *       spells it: {@code SUCCESS} (returned), {@code FAILED} (threw: a failure of the group) or
 *       {@code CANCELLED} (ended by the group's cancellation; a task that never ran because its group
 *       was already cancelled counts with a duration of zero). The three series exist from the
 *       start, at zero.</li>
 * </ul>
 *
 * <p>Like every Spindle binder it is made by a static factory and bound with
 * {@link #bindTo(MeterRegistry)}; it is also {@link AutoCloseable}, as it records events rather
 * than polling:
 * {@snippet :
 * TaskGroupMetrics metrics = TaskGroupMetrics.of();
 * metrics.bindTo(registry);
 * // ...
 * metrics.close(); // stop recording
 * }
 *
 * @since 0.1.0
 */
@SuppressWarnings("exports") // Micrometer types in the signature: a user of this class has Micrometer
public final class TaskGroupMetrics implements MeterBinder, AutoCloseable {
    /** null = not bound or closed; else the observer recording into the bound registry. */
    private volatile Recorder recorder;

    private TaskGroupMetrics() {
    }

    /**
     * An unbound binder of the metrics of every task group in the process.
     *
     * @return the binder; bind it with {@link #bindTo(MeterRegistry)}
     */
    public static TaskGroupMetrics of() {
        return new TaskGroupMetrics();
    }

    /**
     * Registers the meters in {@code registry} and starts recording every group. Binding again
     * moves the recording to the new registry (to record into several, bind a
     * {@code CompositeMeterRegistry}).
     *
     * @param registry the registry
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Recorder next = new Recorder(registry);
        TaskGroupObserver.Registry.add(next);
        Recorder previous = recorder;
        recorder = next;
        if (previous != null) {
            TaskGroupObserver.Registry.remove(previous);
        }
    }

    /** Stops recording; the meters stay registered with their last values. */
    @Override
    public synchronized void close() {
        Recorder previous = recorder;
        recorder = null;
        if (previous != null) {
            TaskGroupObserver.Registry.remove(previous);
        }
    }

    private static final class Recorder implements TaskGroupObserver {
        private final Counter groups;
        private final Counter tasks;
        private final Counter failures;
        private final Timer succeeded;
        private final Timer failed;
        private final Timer cancelled;

        Recorder(MeterRegistry registry) {
            groups = Counter.builder("spindle.taskgroup.groups")
                    .description("Task groups opened").register(registry);
            tasks = Counter.builder("spindle.taskgroup.tasks")
                    .description("Tasks started in task groups").register(registry);
            failures = Counter.builder("spindle.taskgroup.failures")
                    .description("Tasks that failed (cancellations excluded)").register(registry);
            succeeded = duration(registry, "SUCCESS");
            failed = duration(registry, "FAILED");
            cancelled = duration(registry, "CANCELLED");
        }

        private static Timer duration(MeterRegistry registry, String outcome) {
            return Timer.builder("spindle.taskgroup.task.duration")
                    .description("How long tasks ran, by how they ended").tag("outcome", outcome)
                    .register(registry);
        }

        @Override
        public void groupOpened() {
            groups.increment();
        }

        @Override
        public void taskStarted() {
            tasks.increment();
        }

        @Override
        public void taskEnded(long nanos, TaskHandle.State outcome) {
            Timer timer = switch (outcome) {
                case SUCCEEDED -> succeeded;
                case FAILED -> failed;
                case CANCELLED -> cancelled;
                case RUNNING -> throw new IllegalArgumentException("a task ended as RUNNING");
            };
            timer.record(nanos, TimeUnit.NANOSECONDS);
            if (outcome == TaskHandle.State.FAILED) {
                failures.increment();
            }
        }
    }
}

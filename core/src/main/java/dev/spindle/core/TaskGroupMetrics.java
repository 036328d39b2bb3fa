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
 * <p>Meters: {@code spindle.taskgroup.groups} (counter, groups opened),
 * {@code spindle.taskgroup.tasks} (counter, tasks started), {@code spindle.taskgroup.failures}
 * (counter, tasks that failed; cancellations are not failures) and
 * {@code spindle.taskgroup.task.duration} (timer, how long tasks ran).
 *
 * {@snippet :
 * TaskGroupMetrics metrics = new TaskGroupMetrics();
 * metrics.bindTo(registry);
 * // ...
 * metrics.close(); // stop recording
 * }
 *
 * @since 0.1.0
 */
@SuppressWarnings("exports") // Micrometer types in the signature: a user of this class has Micrometer
public final class TaskGroupMetrics implements MeterBinder, AutoCloseable {
    private volatile Recorder recorder;

    /** Creates an unbound binder. */
    public TaskGroupMetrics() {
    }

    /**
     * Registers the meters in {@code registry} and starts recording every group. Binding again
     * moves the recording to the new registry.
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
        private final Timer duration;

        Recorder(MeterRegistry registry) {
            groups = Counter.builder("spindle.taskgroup.groups")
                    .description("Task groups opened").register(registry);
            tasks = Counter.builder("spindle.taskgroup.tasks")
                    .description("Tasks started in task groups").register(registry);
            failures = Counter.builder("spindle.taskgroup.failures")
                    .description("Tasks that failed (cancellations excluded)").register(registry);
            duration = Timer.builder("spindle.taskgroup.task.duration")
                    .description("How long tasks ran").register(registry);
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
        public void taskEnded(long nanos, boolean failed) {
            duration.record(nanos, TimeUnit.NANOSECONDS);
            if (failed) {
                failures.increment();
            }
        }
    }
}

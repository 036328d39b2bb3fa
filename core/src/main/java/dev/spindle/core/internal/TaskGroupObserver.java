package dev.spindle.core.internal;

import dev.spindle.core.TaskHandle;

/**
 * What a {@link dev.spindle.core.TaskGroup} reports, for metrics. Observers are process-wide and
 * installed by {@code TaskGroupMetrics}; with none installed a group pays one volatile read per
 * event.
 */
public interface TaskGroupObserver {
    /** A group was opened. */
    void groupOpened();

    /** A task was started. */
    void taskStarted();

    /**
     * A task ended.
     *
     * @param nanos how long it ran
     * @param outcome how it ended: {@code SUCCEEDED}, {@code FAILED} or {@code CANCELLED} (cancellations
     *     are not failures), never {@code RUNNING}
     */
    void taskEnded(long nanos, TaskHandle.State outcome);

    /** The installed observers. */
    final class Registry {
        private static final TaskGroupObserver[] NONE = new TaskGroupObserver[0];
        private static volatile TaskGroupObserver[] observers = NONE;
        private static final Object WRITE_LOCK = new Object();

        private Registry() {
        }

        /**
         * The observers now installed; an empty array, never null.
         *
         * @return the observers (do not modify)
         */
        public static TaskGroupObserver[] current() {
            return observers;
        }

        /**
         * Installs an observer.
         *
         * @param observer the observer
         */
        public static void add(TaskGroupObserver observer) {
            synchronized (WRITE_LOCK) { // never contended on a hot path; never blocks inside
                TaskGroupObserver[] now = observers;
                TaskGroupObserver[] next = java.util.Arrays.copyOf(now, now.length + 1);
                next[now.length] = observer;
                observers = next;
            }
        }

        /**
         * Removes an observer.
         *
         * @param observer the observer
         */
        public static void remove(TaskGroupObserver observer) {
            synchronized (WRITE_LOCK) {
                observers = java.util.Arrays.stream(observers)
                        .filter(o -> o != observer).toArray(TaskGroupObserver[]::new);
            }
        }
    }
}

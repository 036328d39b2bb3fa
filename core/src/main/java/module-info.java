/**
 * Spindle core: Go's {@code go} statement, {@link dev.spindle.core.Context},
 * {@link dev.spindle.core.TaskGroup}, {@link dev.spindle.core.WaitGroup} and
 * {@link dev.spindle.core.Once}, on virtual threads.
 */
module dev.spindle.core {
    exports dev.spindle.core;

    // Optional: only dev.spindle.core.TaskGroupMetrics touches Micrometer. Not transitive:
    // "requires static transitive" would make every consumer need Micrometer to compile.
    requires static micrometer.core;
}

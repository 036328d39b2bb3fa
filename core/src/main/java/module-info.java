/**
 * Spindle core: Go's {@code go} statement, {@link dev.spindle.core.Context},
 * {@link dev.spindle.core.TaskGroup}, {@link dev.spindle.core.WaitGroup} and
 * {@link dev.spindle.core.Once}, on virtual threads.
 */
@SuppressWarnings("module") // the qualified export names a module that core is compiled without
module dev.spindle.core {
    exports dev.spindle.core;
    // The shared timer thread, for channel timers and tickers (no thread per timer); the diagnostics'
    // wait registry (Wait, Waits), which channels and the cluster's blocking calls register with;
    // the dump's Go-style wait lengths (DumpText), which http-lite's debug page prints too.
    exports dev.spindle.core.internal to dev.spindle.channels, dev.spindle.cluster, dev.spindle.http;
    // Flight Recorder events (dev.spindle.TaskRun, dev.spindle.TaskGroupFailed); off unless a
    // recording enables them. A jlinked runtime must include jdk.jfr.
    requires jdk.jfr;
    // Diagnostics: the task dump reads the JDK's thread dump (HotSpotDiagnosticMXBean, the only
    // public way to list virtual threads) and registers dev.spindle:type=Diagnostics (JMX).
    requires java.management;
    requires jdk.management;

    // Optional: only dev.spindle.core.TaskGroupMetrics touches Micrometer. Not transitive:
    // "requires static transitive" would make every consumer need Micrometer to compile.
    requires static micrometer.core;
}

/**
 * Spindle channels: Go-style typed channels, {@code select}, timers as channels and pipelines, on
 * virtual threads.
 */
module dev.spindle.channels {
    exports dev.spindle.channels;

    requires transitive dev.spindle.core;
    // Flight Recorder events for waits (dev.spindle.ChannelWait, dev.spindle.SelectWait); off unless
    // a recording enables them. A jlinked runtime must include jdk.jfr.
    requires jdk.jfr;
    // Optional: only dev.spindle.channels.ChannelMetrics touches Micrometer (not transitive, so
    // consumers without Micrometer still compile).
    requires static micrometer.core;
}

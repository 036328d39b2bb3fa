/**
 * Spindle channels: Go-style typed channels, {@code select}, timers as channels and pipelines, on
 * virtual threads.
 */
module dev.spindle.channels {
    exports dev.spindle.channels;

    requires transitive dev.spindle.core;
    // Optional: only dev.spindle.channels.ChannelMetrics touches Micrometer (not transitive, so
    // consumers without Micrometer still compile).
    requires static micrometer.core;
}

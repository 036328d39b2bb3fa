/**
 * Spindle http-lite: a small, strict HTTP/1.1 server on virtual threads with Go 1.22 routing.
 * {@link dev.spindle.http.HttpServer} serves a {@link dev.spindle.http.Handler}, usually a
 * {@link dev.spindle.http.Router}; {@code dev.spindle.http.testkit} helps to test handlers.
 */
module dev.spindle.http {
    exports dev.spindle.http;
    exports dev.spindle.http.testkit;

    requires transitive dev.spindle.core;
    // EventStream.sendAll takes a ReceiveChannel, so its users compile against channels too.
    requires transitive dev.spindle.channels;
    // The Flight Recorder event dev.spindle.HttpRequest; off unless a recording enables it.
    requires jdk.jfr;

    // Optional: only dev.spindle.http.HttpMetrics touches Micrometer. Not transitive, so that a
    // consumer without Micrometer compiles and runs.
    requires static micrometer.core;
    requires static micrometer.registry.prometheus;
}

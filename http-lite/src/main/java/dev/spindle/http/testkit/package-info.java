/**
 * Helpers to test handlers, as Go's {@code net/http/httptest}: {@link
 * dev.spindle.http.testkit.TestServer} starts a real server on an ephemeral loopback port and gives
 * its base URI; {@link dev.spindle.http.testkit.TestRequest} and {@link
 * dev.spindle.http.testkit.ResponseRecorder} run a handler in memory, without sockets.
 *
 * <p>The in-memory pair does not emulate the wire: no framing, no HEAD body suppression, no
 * 100-continue. Use {@code TestServer} to test those.
 */
package dev.spindle.http.testkit;

/**
 * The implementation of http-lite. Not exported: nothing here is API, and it changes without
 * notice.
 *
 * <h2>Map</h2>
 * <ul>
 *   <li>{@link dev.spindle.http.internal.HttpInput}: the buffered, deadline-aware reader of one
 *       connection; {@link dev.spindle.http.internal.RequestParser}: request line and header fields
 *       (RFC 9112 sections 2 to 6), strict; {@link dev.spindle.http.internal.FixedLengthBody} and
 *       {@link dev.spindle.http.internal.ChunkedBody}: request bodies.</li>
 *   <li>{@link dev.spindle.http.internal.ResponseOutput}: the {@code ResponseWriter} of one
 *       exchange, framing (fixed length or chunked) decided at commit;
 *       {@link dev.spindle.http.internal.HttpOutput}: the buffered writer of one connection.</li>
 *   <li>{@link dev.spindle.http.internal.Connection}: the per-connection loop (one virtual thread);
 *       {@link dev.spindle.http.internal.ServerCore}: accept loop, connection registry, write-timeout
 *       sweeper, shutdown.</li>
 *   <li>{@link dev.spindle.http.internal.SseStream}: one event stream (serialized flushed writes,
 *       heartbeats, its context, the shutdown and handler-done hooks);
 *       {@link dev.spindle.http.internal.SseEncoding}: the {@code text/event-stream} format;
 *       {@link dev.spindle.http.internal.ChannelBridge}: a channel streamed as events.</li>
 *   <li>{@link dev.spindle.http.internal.Pattern} and
 *       {@link dev.spindle.http.internal.RoutingTree}: Go 1.22 routing.</li>
 *   <li>{@link dev.spindle.http.internal.DebugHandler}: the debug page's forms;
 *       {@code DebugPage}: its HTML.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * <p>Bad input from a socket is signalled by {@link dev.spindle.http.internal.HttpException}
 * carrying the RFC status; exactly one place ({@code Connection}) turns it into a response and a
 * closed connection, and counts it. Strings from the wire are decoded as ISO-8859-1 (one char per
 * byte), so no decoding can fail and validation is per byte.
 */
package dev.spindle.http.internal;

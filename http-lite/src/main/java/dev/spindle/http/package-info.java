/**
 * A small, strict HTTP/1.1 server on virtual threads with Go 1.22 routing; Go's
 * {@code net/http} server side, for Java.
 *
 * {@snippet :
 * Router router = Router.create()
 *         .handle("GET /hello/{name}", (req, res) -> res.text(200, "Hello, " + req.pathValue("name") + "!"));
 * HttpServer server = HttpServer.builder().port(8080).handler(router).start();
 * // ...
 * server.shutdown(Duration.ofSeconds(10));
 * }
 *
 * <h2>The types</h2>
 * <ul>
 *   <li>{@link dev.spindle.http.HttpServer}: listens, one virtual thread per connection; limits
 *       and timeouts on by default; graceful {@code shutdown}, immediate {@code close}; TLS.</li>
 *   <li>{@link dev.spindle.http.Router}: Go 1.22 patterns, most specific wins, conflicts refused
 *       at registration; 404, 405 with {@code Allow}, 301 for subtree roots and unclean paths.</li>
 *   <li>{@link dev.spindle.http.Handler} and {@link dev.spindle.http.Middleware}
 *       ({@code Handler -> Handler}, composed once at start).</li>
 *   <li>{@link dev.spindle.http.Request} (with {@code pathValue(name)} and a
 *       {@link dev.spindle.core.Context} cancelled when the client goes away or the server stops)
 *       and {@link dev.spindle.http.ResponseWriter} (status, {@link dev.spindle.http.Headers},
 *       streaming body, flush, helpers for text, bytes, JSON bytes, errors and redirects).</li>
 *   <li>{@link dev.spindle.http.EventStream} and {@link dev.spindle.http.ServerEvent}: server-sent
 *       events ({@code text/event-stream}) with heartbeats, {@code Last-Event-ID}, an end on client
 *       loss and at the start of graceful shutdown, and {@code sendAll} to stream a
 *       {@link dev.spindle.channels.ReceiveChannel} with honest backpressure.</li>
 *   <li>{@link dev.spindle.http.HttpMetrics}: optional Micrometer metrics and a Prometheus scrape
 *       handler.</li>
 *   <li>{@link dev.spindle.http.Debug}: the debug page at {@code /debug/spindle} (Go's
 *       {@code net/http/pprof}): every task group and blocked task, as HTML, JSON or text. It exposes
 *       internals: mount it on an admin listener or behind authentication.</li>
 * </ul>
 *
 * <h2>Strictness</h2>
 * <p>Requests are parsed per RFC 9112 in its strict form (CR LF line ends, single spaces in the
 * request line, no obs-fold, no whitespace before a colon, no control characters, an unambiguous
 * body length). A request that fails is answered with its status (400, 408, 413, 414, 417, 431,
 * 501, 505) and its connection closed; a bad <em>head</em> never reaches a handler. A bad
 * <em>chunked body</em> is found while the handler reads it (the body is streamed, not buffered):
 * the handler's read throws, and the server answers 400 or 413 and closes the connection whatever
 * the handler does.
 *
 * <h2>Not provided</h2>
 * <p>HTTP/2 and HTTP/3, protocol upgrades (WebSocket), CONNECT (answered 501), transfer codings
 * other than chunked (501), response trailers, content-type sniffing, directory listings and range
 * requests in the file handler, and a minimum-rate body timeout (the body timeout is a deadline).
 */
package dev.spindle.http;

package dev.spindle.http;

import dev.spindle.http.internal.DebugHandler;

/**
 * Spindle's debug page: what every task is doing, served over HTTP; Go's {@code net/http/pprof}
 * goroutine page, for Spindle's task groups, channels and other blocking calls.
 *
 * {@snippet :
 * Router admin = Router.create().handle("/debug/spindle", Debug.handler());
 * HttpServer adminServer = HttpServer.builder().host("127.0.0.1").port(6060).handler(admin).start();
 * }
 *
 * <p>Each GET takes a fresh {@link dev.spindle.core.Diagnostics#dump()} and answers, by the query's
 * {@code format}:
 * <ul>
 *   <li>none (or {@code format=html}): a page for a browser ({@code text/html}): when the snapshot
 *       was taken and the counts of groups, tasks and blocked tasks; the tasks blocked in a Spindle
 *       call, longest wait first, with what each waits on and for how long; the open task groups as
 *       a tree, each task with its state or wait and its stack; the blocked threads that belong to no
 *       group; and the report of the last proven deadlock
 *       ({@link dev.spindle.core.Diagnostics#lastDeadlock()}), if any. No script and no resource
 *       from elsewhere: it works offline and under a strict {@code Content-Security-Policy}, which
 *       it sends;</li>
 *   <li>{@code format=json}: {@link dev.spindle.core.TaskDump#toJson()} as {@code application/json};</li>
 *   <li>{@code format=text}: {@link dev.spindle.core.TaskDump#toText()} as {@code text/plain}, in
 *       the layout of Go's goroutine dump.</li>
 * </ul>
 * The page links to the other two forms with relative links ({@code ?format=json}), so it can be
 * mounted at any path; {@code /debug/spindle} is the convention. HEAD is answered as GET without the
 * body, any other method with 405 and {@code Allow: GET, HEAD}, an unknown format with 400. Nothing
 * is cached ({@code Cache-Control: no-store}).
 *
 * <p><b>It exposes the process's internals</b>: thread, group and channel names, the stacks of every
 * task (the classes and methods of the application) and what the process is waiting for. Mount it
 * only on an admin listener that the public cannot reach (bound to loopback or an internal network),
 * or behind authentication (a {@link Middleware} around this handler), never beside the public
 * routes of an Internet-facing server. Each request also costs a JDK thread dump (tens of
 * milliseconds with thousands of threads).
 *
 * @since 0.3.0
 */
public final class Debug {
    private Debug() {
    }

    /**
     * {@return the handler of the debug page, its JSON and its text form} It holds no state: every
     * call returns the same handler, and one handler may be mounted on several routers.
     */
    public static Handler handler() {
        return DebugHandler.INSTANCE;
    }
}

package dev.spindle.http.internal;

import dev.spindle.core.Diagnostics;
import dev.spindle.core.TaskDump;
import dev.spindle.http.Handler;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Behind {@code Debug.handler()}: picks the form by the query's {@code format} and answers with a
 * fresh {@link Diagnostics#dump()}. Stateless: one instance serves every router.
 */
public final class DebugHandler implements Handler {
    /** The one instance. */
    public static final DebugHandler INSTANCE = new DebugHandler();

    /**
     * The page runs no script and loads nothing: everything but its inline style is refused, so text
     * that slipped through unescaped still could not run.
     */
    private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    private DebugHandler() {
    }

    @Override
    public void serve(Request request, ResponseWriter response) throws IOException {
        if (ReadOnly.refused(request, response)) {
            return;
        }
        String format = request.queryParam("format").orElse("html");
        response.headers().set("Cache-Control", "no-store");
        response.headers().set("X-Content-Type-Options", "nosniff");
        switch (format) {
            case "html" -> html(response);
            case "json" -> response.json(200, Diagnostics.dump().toJson().getBytes(StandardCharsets.UTF_8));
            case "text" -> response.text(200, Diagnostics.dump().toText());
            default -> response.error(400, "unknown format \"" + format + "\": use html (or no format), json or text");
        }
    }

    private static void html(ResponseWriter response) throws IOException {
        long start = System.nanoTime();
        TaskDump dump = Diagnostics.dump();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Optional<TaskDump> deadlock = Diagnostics.lastDeadlock();
        String page = DebugPage.render(dump, took, deadlock.orElse(null));
        response.headers().set("Content-Security-Policy", PAGE_POLICY);
        response.bytes(200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.spindle.examples.shop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test's client of a {@code text/event-stream}: a virtual thread reads the lines into a queue, and
 * {@link #nextEvent} waits (bounded) for the next whole event, skipping comments and
 * {@code retry}-only blocks. Closing it closes the connection.
 */
final class EventLines implements AutoCloseable {
    private static final String END = "\u0000end";
    private final HttpResponse<InputStream> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventLines(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().name("event-lines").start(this::read);
    }

    /** Opens {@code uri}; returns once the response head has arrived (the server has subscribed). */
    static EventLines open(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build();
        return new EventLines(client.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** The lines of the next event with data, without its blank line; fails after {@code timeout}. */
    List<String> nextEvent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> event = new ArrayList<>();
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                throw new AssertionError("no whole event within " + timeout + (line == null ? "" : ": stream ended")
                        + "; read so far: " + event);
            }
            if (!line.isEmpty()) {
                event.add(line);
            } else if (event.stream().anyMatch(l -> l.startsWith("data:"))) {
                return event;
            } else {
                event.clear(); // a comment or a retry field alone
            }
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed by close(), or the server went away: either way the stream has ended
        } finally {
            lines.add(END);
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
        reader.interrupt();
    }
}

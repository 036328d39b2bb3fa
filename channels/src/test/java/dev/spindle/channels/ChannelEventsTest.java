package dev.spindle.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channel names and the Flight Recorder events of waits ({@code dev.spindle.ChannelWait},
 * {@code dev.spindle.SelectWait}), read back from a real recording made in the test.
 */
@Timeout(60)
class ChannelEventsTest {
    private static final String CHANNEL_WAIT = "dev.spindle.ChannelWait";
    private static final String SELECT_WAIT = "dev.spindle.SelectWait";

    @TempDir
    Path dir;

    @Test
    void aNameIsShownByToStringAndInErrors() {
        Channel<String> jobs = Channel.<String>buffered(16).named("jobs");

        assertThat(jobs.toString()).matches("channel#\\d+ \"jobs\" buffered\\(16\\)");
        jobs.close();
        assertThatThrownBy(() -> jobs.send("x")).isInstanceOf(ChannelClosedException.class)
                .hasMessageContaining("\"jobs\"");
    }

    @Test
    void aNameIsSetOnceAndNotBlank() {
        Channel<String> ch = Channel.unbuffered();

        assertThatThrownBy(() -> ch.named(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        ch.named("first");
        assertThatThrownBy(() -> ch.named("second")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"first\"").hasMessageContaining("set once");
        assertThat(ch.toString()).contains("\"first\"");
    }

    @Test
    void aReceiveThatWaitedIsRecordedWithItsChannelOperationAndOutcome() throws Exception {
        Channel<String> jobs = Channel.<String>unbuffered().named("jobs");
        List<RecordedEvent> events = record(() -> {
            Thread receiver = Thread.ofVirtual().start(() -> {
                try {
                    jobs.receive();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            awaitParked(receiver);
            jobs.send("x"); // the receiver waits: this send completes it and does not wait itself
            receiver.join();
            return receiver;
        });

        assertThat(named(events, CHANNEL_WAIT)).singleElement().satisfies(e -> {
            assertThat(e.getString("channel")).contains("\"jobs\"").contains("unbuffered");
            assertThat(e.getString("operation")).isEqualTo("receive");
            assertThat(e.getString("outcome")).isEqualTo("done");
            assertThat(e.getDuration()).isPositive();
        });
    }

    @Test
    void aSendThatTimedOutIsRecordedAsTimedOut() throws Exception {
        Channel<String> full = Channel.<String>buffered(1).named("full");
        full.send("first");
        List<RecordedEvent> events = record(() -> {
            assertThat(full.trySend("second", Duration.ofMillis(5))).isFalse();
            return Thread.currentThread();
        });

        assertThat(named(events, CHANNEL_WAIT)).singleElement().satisfies(e -> {
            assertThat(e.getString("channel")).contains("\"full\"");
            assertThat(e.getString("operation")).isEqualTo("send");
            assertThat(e.getString("outcome")).isEqualTo("timed out");
        });
    }

    @Test
    void callsThatDidNotWaitRecordNothing() throws Exception {
        Channel<Integer> ch = Channel.buffered(4);
        List<RecordedEvent> events = record(() -> {
            for (int i = 0; i < 1_000; i++) {
                ch.send(i);
                ch.receive();
                Select.select(ch.onSend(i, () -> 0), Select.onDefault(() -> 1));
                ch.receive();
            }
            return Thread.currentThread();
        });

        assertThat(named(events, CHANNEL_WAIT)).isEmpty();
        assertThat(named(events, SELECT_WAIT)).isEmpty();
    }

    @Test
    void aSelectThatWaitedIsRecordedWithItsClausesAndTheOneThatFired() throws Exception {
        Channel<String> quiet = Channel.<String>unbuffered().named("quiet");
        Channel<String> busy = Channel.<String>unbuffered().named("busy");
        List<RecordedEvent> events = record(() -> {
            Thread selector = Thread.ofVirtual().start(() -> {
                try {
                    Select.select(quiet.onReceive(v -> v), busy.onReceive(v -> v));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            awaitParked(selector);
            busy.send("x");
            selector.join();
            return selector;
        });

        assertThat(named(events, SELECT_WAIT)).singleElement().satisfies(e -> {
            assertThat(e.getString("clauses")).contains("0: select clause receive on channel#")
                    .contains("\"quiet\"").contains("1: select clause receive on channel#").contains("\"busy\"");
            assertThat(e.getString("outcome")).startsWith("clause 1: ").contains("\"busy\"");
        });
        assertThat(named(events, CHANNEL_WAIT)).isEmpty();
    }

    @Test
    void anInterruptedWaitIsRecordedAsInterrupted() throws Exception {
        Channel<String> never = Channel.<String>unbuffered().named("never");
        List<RecordedEvent> events = record(() -> {
            Thread receiver = Thread.ofVirtual().start(() -> {
                assertThatThrownBy(never::receive).isInstanceOf(InterruptedException.class);
            });
            awaitParked(receiver);
            receiver.interrupt();
            receiver.join();
            return receiver;
        });

        assertThat(named(events, CHANNEL_WAIT)).singleElement()
                .satisfies(e -> assertThat(e.getString("outcome")).isEqualTo("interrupted"));
    }

    /** Something to run while recording; returns the thread whose events are wanted. */
    private interface Scenario {
        Thread run() throws Exception;
    }

    /** Runs {@code scenario} under a recording of both events at every duration; their events on its thread. */
    private List<RecordedEvent> record(Scenario scenario) throws Exception {
        Path file = dir.resolve("events.jfr");
        Thread thread;
        try (Recording recording = new Recording()) {
            recording.enable(CHANNEL_WAIT).withThreshold(Duration.ZERO);
            recording.enable(SELECT_WAIT).withThreshold(Duration.ZERO);
            recording.start();
            thread = scenario.run();
            recording.stop();
            recording.dump(file);
        }
        long id = thread.threadId();
        return read(file).stream()
                .filter(e -> e.getThread() != null && e.getThread().getJavaThreadId() == id)
                .toList();
    }

    private static List<RecordedEvent> read(Path file) throws IOException {
        try {
            return RecordingFile.readAllEvents(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    private static void awaitParked(Thread t) {
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING);
    }
}

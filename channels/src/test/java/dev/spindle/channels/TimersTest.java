package dev.spindle.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.core.internal.Scheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimersTest {

    @Test
    void afterDeliversOnceAfterTheDelay() throws Exception {
        Instant start = Instant.now();
        Instant fired = Timers.after(Duration.ofMillis(30)).receive();
        assertThat(Duration.between(start, fired)).isGreaterThanOrEqualTo(Duration.ofMillis(25));
    }

    @Test
    void stoppedTimerDeliversNothing() throws Exception {
        Timer timer = Timers.timer(Duration.ofMillis(20));
        assertThat(timer.stop()).isTrue();
        assertThat(timer.stop()).isFalse();
        assertThat(timer.channel().tryReceive(Duration.ofMillis(60))).isEmpty();
    }

    @Test
    void resetDiscardsAStaleExpiryAndFiresAgain() throws Exception {
        Timer timer = Timers.timer(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> timer.channel().len() == 1);
        assertThat(timer.reset(Duration.ofMillis(10))).as("fired but not received: still pending, as in Go 1.23").isTrue();
        assertThat(timer.channel().len()).as("the stale expiry was discarded").isZero();
        assertThat(timer.channel().receive()).isNotNull();
    }

    @Test
    void tickerTicksUntilStopped() throws Exception {
        try (Ticker ticker = Timers.tick(Duration.ofMillis(5))) {
            Instant first = ticker.channel().receive();
            Instant second = ticker.channel().receive();
            Instant third = ticker.channel().receive();
            assertThat(second).isAfter(first);
            assertThat(third).isAfter(second);
            ticker.stop();
            assertThat(ticker.channel().tryReceive(Duration.ofMillis(30))).isEmpty();
        }
    }

    @Test
    void tickerRejectsANonPositivePeriod() {
        assertThatThrownBy(() -> Timers.tick(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("period must be positive");
    }

    @Test
    void stoppedTimersLeaveNoScheduledEntry() {
        int before = Scheduler.pending();
        for (int i = 0; i < 1000; i++) {
            Timers.timer(Duration.ofHours(1)).stop();
            Timers.tick(Duration.ofHours(1)).stop();
        }
        assertThat(Scheduler.pending()).isLessThanOrEqualTo(before);
    }

    @Test
    void timerChannelWorksInSelect() throws Exception {
        Channel<Integer> never = Channel.unbuffered();
        String r = Select.select(never.onReceive(v -> "value"),
                Timers.after(Duration.ofMillis(5)).onReceive(t -> "timer"));
        assertThat(r).isEqualTo("timer");
    }

    @Test
    void stopAfterAnUnreceivedExpiryReportsTrueSoGosIdiomCannotHang() throws Exception {
        Timer timer = Timers.timer(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> timer.channel().len() == 1);
        assertThat(timer.stop()).as("fired but not received counts as stopped, as in Go 1.23").isTrue();
        assertThat(timer.channel().len()).isZero();
        assertThat(timer.stop()).isFalse();
    }
}

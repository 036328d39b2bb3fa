package dev.spindle.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.core.Context;
import dev.spindle.core.TaskFailedException;
import dev.spindle.core.TaskGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChannelsTest {

    private static ReceiveChannel<Integer> numbers(TaskGroup group, int from, int to) throws InterruptedException {
        Channel<Integer> ch = Channel.buffered(8);
        group.go(() -> {
            for (int i = from; i < to; i++) {
                ch.send(i);
            }
            ch.close();
        });
        return ch;
    }

    @Test
    void mergeForwardsEverythingAndClosesWhenAllInputsClose() throws Exception {
        try (TaskGroup group = TaskGroup.open(Context.background())) {
            ReceiveChannel<Integer> merged = Channels.merge(group, numbers(group, 0, 100), numbers(group, 100, 250));
            List<Integer> got = merged.stream().sorted().toList();
            assertThat(got).isEqualTo(IntStream.range(0, 250).boxed().toList());
            group.await();
        }
    }

    @Test
    void mergeOfNothingIsClosed() throws Exception {
        try (TaskGroup group = TaskGroup.open(Context.background())) {
            assertThat(Channels.<Integer>merge(group).isClosedForReceive()).isTrue();
        }
    }

    @Test
    void workerPoolMapsEveryValue() throws Exception {
        try (TaskGroup group = TaskGroup.open(Context.background())) {
            ReceiveChannel<Integer> squares = Channels.workerPool(group, 4, numbers(group, 0, 200), v -> v * v);
            assertThat(squares.stream().mapToLong(Integer::longValue).sum())
                    .isEqualTo(IntStream.range(0, 200).mapToLong(v -> (long) v * v).sum());
            group.await();
        }
    }

    @Test
    void mapAndFilterKeepOrder() throws Exception {
        try (TaskGroup group = TaskGroup.open(Context.background())) {
            ReceiveChannel<String> out = Channels.map(group,
                    Channels.filter(group, numbers(group, 0, 20), v -> v % 2 == 0), v -> "#" + v);
            assertThat(out.stream().collect(Collectors.joining(","))).isEqualTo(
                    "#0,#2,#4,#6,#8,#10,#12,#14,#16,#18");
            group.await();
        }
    }

    @Test
    void aFailingStageClosesDownstreamWithItsErrorAndFailsTheGroup() throws Exception {
        IllegalStateException boom = new IllegalStateException("bad value 13");
        TaskGroup group = TaskGroup.open(Context.background());
        ReceiveChannel<Integer> out = Channels.map(group, numbers(group, 0, 1000), v -> {
            if (v == 13) {
                throw boom;
            }
            return v;
        });
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
            for (int v : out) {
                seen.add(v);
            }
        }).isInstanceOf(ChannelClosedException.class).hasCause(boom);
        assertThat(seen).isEqualTo(IntStream.range(0, 13).boxed().toList());
        assertThatThrownBy(group::close).isInstanceOf(TaskFailedException.class).hasCause(boom);
        assertThat(group.context().isDone()).isTrue();
    }

    @Test
    void anUpstreamErrorReachesDownstream() throws Exception {
        IllegalArgumentException upstreamError = new IllegalArgumentException("source broke");
        TaskGroup group = TaskGroup.open(Context.background());
        Channel<Integer> source = Channel.buffered(4);
        source.send(1);
        source.closeWithError(upstreamError);
        ReceiveChannel<Integer> out = Channels.filter(group, source, v -> true);
        assertThat(out.receive()).isEqualTo(1);
        assertThatThrownBy(out::receive).isInstanceOf(ChannelClosedException.class).hasCause(upstreamError);
        assertThatThrownBy(group::close).isInstanceOf(TaskFailedException.class).hasRootCause(upstreamError);
    }

    @Test
    void cancellingTheGroupStopsTheStagesAndClosesTheOutput() throws Exception {
        TaskGroup group = TaskGroup.open(Context.background());
        Channel<Integer> source = Channel.unbuffered(); // never sends
        ReceiveChannel<Integer> out = Channels.workerPool(group, 3, source, v -> v);
        group.cancel(new IllegalStateException("stop"));
        assertThat(out.receiveOrClosed().isClosed()).isTrue();
        assertThatThrownBy(group::close).isNotNull();
    }

    @Test
    void rejectsBadArguments() {
        try (TaskGroup group = TaskGroup.open(Context.background())) {
            assertThatThrownBy(() -> Channels.workerPool(group, 0, Channel.<Integer>unbuffered(), v -> v))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers must be >= 1, got 0");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNullInputFailsMergeBeforeAnyTaskStarts() throws Exception {
        Channel<Integer> one = Channel.buffered(1);
        one.send(1);
        TaskGroup group = TaskGroup.open(Context.background());
        assertThatThrownBy(() -> Channels.merge(group, one, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("merge: input 1 is null");
        Thread closer = Thread.ofVirtual().start(group::close);
        assertThat(closer.join(java.time.Duration.ofSeconds(10))).as("the group closes: no task is stuck").isTrue();
        assertThat(one.len()).as("nothing was taken from the input").isOne();
    }
}

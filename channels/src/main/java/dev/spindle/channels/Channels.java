package dev.spindle.channels;

import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import dev.spindle.core.Task;
import dev.spindle.core.TaskGroup;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Pipeline stages on a {@link TaskGroup}: Go's fan-in, worker pools and pipelines
 * ({@code go.dev/blog/pipelines}) with the group's structure.
 *
 * <p>Each stage starts its tasks in the given group and returns a new unbuffered output channel.
 * Contract:
 * <ul>
 *   <li>The output is closed when every input is closed and drained and every task of the stage has
 *       finished.</li>
 *   <li>If an input is closed with an error, the output is closed with that same error and the
 *       stage's task fails (so the group is cancelled).</li>
 *   <li>If the stage's function throws, the output is closed with that exception and the task fails
 *       with it: the group's first failure cancels the rest, and {@code group.await()} throws it.</li>
 *   <li>If the group is cancelled, the stage stops receiving and sending (no value is lost in a
 *       channel operation; a value being processed at that moment is dropped) and closes its output
 *       with a {@link dev.spindle.core.CancelledException} whose cause is the group's cause (the output
 *       is closed at once, even if the group never started the stage's tasks).</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class Channels {
    private Channels() {
    }

    /**
     * A pipeline function; it may throw, which fails its stage.
     *
     * @param <T> the input type
     * @param <R> the output type
     */
    @FunctionalInterface
    public interface Stage<T, R> {
        /**
         * Transforms one value.
         *
         * @param value the input
         * @return the output, not {@code null}
         * @throws Exception to fail the stage and the group
         */
        R apply(T value) throws Exception;
    }

    /**
     * Fan-in: one task per input forwards its values to a single output. Values from one input keep
     * their order; values from different inputs interleave.
     *
     * @param group where the forwarding tasks run
     * @param inputs the channels to merge
     * @param <T> the element type
     * @return the merged channel
     * @throws InterruptedException if interrupted while starting a task (a limited group is full)
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public static <T> ReceiveChannel<T> merge(TaskGroup group, ReceiveChannel<? extends T>... inputs)
            throws InterruptedException {
        Objects.requireNonNull(group, "merge: group is null");
        Objects.requireNonNull(inputs, "merge: inputs is null");
        for (int i = 0; i < inputs.length; i++) {
            Objects.requireNonNull(inputs[i], "merge: input " + i + " is null");
        }
        Output<T> out = Output.open(group, inputs.length);
        for (ReceiveChannel<? extends T> in : inputs) {
            out.start(group, () -> pump(group.context(), in, v -> v, out));
        }
        return out.channel;
    }

    /**
     * A pool of {@code workers} tasks that apply {@code fn} to the values of {@code in}. Output order
     * is not input order when {@code workers > 1}.
     *
     * @param group where the workers run
     * @param workers how many, {@code >= 1}
     * @param in the input
     * @param fn the work; throwing fails the pool and the group
     * @param <T> the input type
     * @param <R> the output type
     * @return the output channel
     * @throws InterruptedException if interrupted while starting a worker
     * @throws IllegalArgumentException if {@code workers < 1}
     */
    public static <T, R> ReceiveChannel<R> workerPool(TaskGroup group, int workers, ReceiveChannel<T> in,
            Stage<? super T, ? extends R> fn) throws InterruptedException {
        Objects.requireNonNull(group, "workerPool: group is null");
        Objects.requireNonNull(in, "workerPool: in is null");
        Objects.requireNonNull(fn, "workerPool: fn is null");
        if (workers < 1) {
            throw new IllegalArgumentException("workerPool: workers must be >= 1, got " + workers);
        }
        Output<R> out = Output.open(group, workers);
        for (int i = 0; i < workers; i++) {
            out.start(group, () -> pump(group.context(), in, v -> Objects.requireNonNull(fn.apply(v),
                    "pipeline stage returned null"), out));
        }
        return out.channel;
    }

    /**
     * One task applying {@code fn} to each value, in order.
     *
     * @param group where the task runs
     * @param in the input
     * @param fn the mapping; throwing fails the stage and the group
     * @param <T> the input type
     * @param <R> the output type
     * @return the output channel
     * @throws InterruptedException if interrupted while starting the task
     */
    public static <T, R> ReceiveChannel<R> map(TaskGroup group, ReceiveChannel<T> in,
            Stage<? super T, ? extends R> fn) throws InterruptedException {
        return workerPool(group, 1, in, fn);
    }

    /**
     * One task forwarding, in order, the values that satisfy {@code keep}.
     *
     * @param group where the task runs
     * @param in the input
     * @param keep the test; throwing fails the stage and the group
     * @param <T> the element type
     * @return the output channel
     * @throws InterruptedException if interrupted while starting the task
     */
    public static <T> ReceiveChannel<T> filter(TaskGroup group, ReceiveChannel<T> in, Predicate<? super T> keep)
            throws InterruptedException {
        Objects.requireNonNull(group, "filter: group is null");
        Objects.requireNonNull(in, "filter: in is null");
        Objects.requireNonNull(keep, "filter: keep is null");
        Output<T> out = Output.open(group, 1);
        out.start(group, () -> pump(group.context(), in, v -> keep.test(v) ? v : null, out));
        return out.channel;
    }

    /**
     * A stage's output: an unbuffered channel, the number of the stage's tasks still running, and a
     * callback that closes the channel with a {@link CancelledException} as soon as the group is
     * cancelled (a cancelled group may never start the stage's tasks, and a downstream receiver must
     * not wait forever). The last task to end closes the channel and removes the callback, so a
     * long-lived group keeps nothing per finished stage.
     */
    private static final class Output<T> {
        final Channel<T> channel = Channel.unbuffered();
        final AtomicInteger running;
        final Context.Registration onCancel;

        private Output(Context ctx, int tasks) {
            running = new AtomicInteger(tasks);
            onCancel = ctx.onDone(() -> channel.closeWithError(
                    new CancelledException("pipeline stage cancelled", ctx.cause())));
            if (tasks == 0) {
                taskEnded();
            }
        }

        static <T> Output<T> open(TaskGroup group, int tasks) {
            return new Output<>(group.context(), tasks);
        }

        /** Starts one of the stage's tasks; if it cannot start, closes the output with why. */
        void start(TaskGroup group, Task body) throws InterruptedException {
            try {
                group.go(body);
            } catch (Throwable e) {
                channel.closeWithError(e); // tasks already started fail their sends and end
                onCancel.remove();
                throw e;
            }
        }

        void taskEnded() {
            if (running.decrementAndGet() <= 0) {
                channel.close();
                onCancel.remove();
            }
        }
    }

    /**
     * The body of every stage task: receive, apply ({@code null} = drop), send; close {@code out}
     * when the last task of the stage ends, or at once with an error.
     */
    private static <T, R> void pump(Context ctx, ReceiveChannel<? extends T> in, Stage<? super T, ? extends R> fn,
            Output<R> stage) throws Exception {
        SendChannel<R> out = stage.channel;
        try {
            while (true) {
                ReceiveResult<? extends T> r = in.receiveOrClosed(ctx);
                if (r instanceof ReceiveResult.Closed<? extends T> closed) {
                    if (closed.error() != null) {
                        out.closeWithError(closed.error());
                        throw new ChannelClosedException("pipeline input was closed with an error", closed.error());
                    }
                    return;
                }
                R v = fn.apply(((ReceiveResult.Value<? extends T>) r).value());
                if (v != null) {
                    out.send(v, ctx);
                }
            }
        } catch (Throwable e) {
            out.closeWithError(e);
            throw e;
        } finally {
            stage.taskEnded();
        }
    }
}

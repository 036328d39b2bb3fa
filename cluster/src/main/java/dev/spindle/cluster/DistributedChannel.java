package dev.spindle.cluster;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.QueueConfig;
import dev.spindle.channels.Channel;
import dev.spindle.channels.ChannelClosedException;
import dev.spindle.channels.ReceiveResult;
import dev.spindle.cluster.internal.ClosedMarker;
import dev.spindle.core.CancellableContext;
import dev.spindle.core.CancelledException;
import dev.spindle.core.Context;
import dev.spindle.core.Go;
import dev.spindle.core.TaskDump;
import dev.spindle.core.internal.Waits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A bounded channel shared by every process of the cluster, on a Hazelcast {@code IQueue}: values
 * sent anywhere are received once, by one receiver anywhere, in FIFO order.
 *
 * <pre>{@code
 * DistributedChannel<Tile> tiles = cluster.channel("tiles", 64);
 * tiles.send(tile);                        // blocks while 64 values wait
 * Tile t = tiles.receive();                // blocks while empty; ChannelClosedException once closed and drained
 * tiles.close();                           // cluster-wide
 * }</pre>
 *
 * <h2>Close</h2>
 * {@link #close()} writes a cluster-wide closed marker (an entry in the internal map
 * {@code spindle.channels.closed}) and puts a wake-up marker in the queue. After it: sends fail
 * with {@link ChannelClosedException}; receivers get the values still in the queue, then see the
 * channel closed ({@link ReceiveResult.Closed}, or {@code ChannelClosedException} from
 * {@link #receive()}). A send racing with a close made in another process may still succeed (each
 * process learns of the close by an event, milliseconds later); its value stays receivable. A
 * closed name stays closed until {@link #destroy()}.
 *
 * <h2>Select</h2>
 * {@link dev.spindle.channels.Select} works over local channels; {@link #receiver(Context)} gives a
 * local {@link Subscription} fed by a pump that moves one value at a time from the queue, so it
 * can be a clause of a {@code select}.
 *
 * <h2>Under failure</h2>
 * <ul>
 *   <li>Member crash: values acknowledged to senders are on the queue's owner and its backup and
 *       survive one member loss (backup count 1): none is lost. But delivery around a crash is
 *       neither exactly- nor at-most-once: when the queue's owner dies, a receive in flight can be
 *       retried on the new owner and hand out again a value the dead owner had already handed out
 *       (found by {@code ClusterStressTest}), and a value taken by a receiver whose own process then
 *       crashes is gone. Make the work idempotent (dedupe by an id in the value) and re-send what
 *       must not be lost (the imagefarm example re-runs the tiles whose results are missing).</li>
 *   <li>Long pause: calls to a paused queue owner wait until it resumes or is removed.</li>
 *   <li>Network partition: each side has its own copy of the queue from the last backup; values
 *       can be received twice (once per side) or, on merge, lost.</li>
 *   <li>Interrupts: a thread interrupted while blocked in {@link #send(Object)} or
 *       {@link #receive()} gets {@link InterruptedException}, but the remote operation may still
 *       complete (the value sent, or taken and lost). Calls that take a {@link Context} wait in
 *       slices and never leave such an orphan: prefer them for cancellation.</li>
 * </ul>
 *
 * @param <T> value type (serializable)
 *
 * @since 0.1.0
 */
public final class DistributedChannel<T> {
    private static final long SLICE_MS = 250;

    private final Cluster cluster;
    private final String name;
    private final int capacity;
    private final IQueue<Object> queue;
    private final ClosedChannels closed;

    DistributedChannel(Cluster cluster, String name, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("channel '" + name + "': capacity " + capacity + " is less than 1");
        }
        this.cluster = cluster;
        this.name = name;
        this.capacity = capacity;
        this.closed = cluster.closedChannels();
        this.queue = cluster.plumbing().call("channel", name, "open", this::openQueue);
    }

    private IQueue<Object> openQueue() {
        try {
            cluster.hazelcast().getConfig().addQueueConfig(new QueueConfig(name).setMaxSize(capacity)
                    .setBackupCount(cluster.backupCount()));
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException("channel '" + name + "': capacity " + capacity + " (backup count "
                    + cluster.backupCount() + ") conflicts with the configuration the queue already has in this"
                    + " cluster: " + e.getMessage(), e);
        }
        return cluster.hazelcast().getQueue(name);
    }

    /** {@return the channel's cluster-wide name} */
    public String name() {
        return name;
    }

    /** {@return the capacity} */
    public int cap() {
        return capacity;
    }

    /**
     * {@return how many values wait now: a snapshot, exact while the channel is open} After a close it
     * is approximate (off by one while the wake-up marker is out of the queue or could not enter a
     * full one).
     */
    public int len() {
        int n = cluster.plumbing().call("channel", name, "len", queue::size);
        return closed.isClosed(name) ? Math.max(0, n - 1) : n;
    }

    /** {@return whether the channel was closed (as far as this process knows)} */
    public boolean isClosed() {
        return closed.isClosed(name);
    }

    /**
     * Sends {@code value}, waiting while the channel is full.
     *
     * @param value the value (not null, serializable)
     * @throws ChannelClosedException if the channel is closed, also while waiting
     * @throws InterruptedException if interrupted while waiting (the value may still have been sent)
     */
    public void send(T value) throws InterruptedException {
        send(value, Context.background());
    }

    /**
     * Sends {@code value}, waiting while the channel is full, until {@code ctx} is done.
     *
     * @param value the value
     * @param ctx gives up when done (the value is then not sent)
     * @throws ChannelClosedException if the channel is closed
     * @throws CancelledException if {@code ctx} is done first
     * @throws InterruptedException if interrupted
     */
    public void send(T value, Context ctx) throws InterruptedException {
        Objects.requireNonNull(ctx, () -> "channel '" + name + "': send: ctx is null");
        checkSend("send", value);
        ChannelWait diagnosed = null; // registered once the first, non-waiting offer found the queue full
        try {
            while (true) {
                ctx.throwIfDone();
                if (closed.isClosed(name)) {
                    throw closedException("send");
                }
                if (offer(value, diagnosed == null ? 0 : slice(ctx))) {
                    return;
                }
                if (diagnosed == null) {
                    diagnosed = ChannelWait.begin(name, "send");
                }
            }
        } finally {
            ChannelWait.end(diagnosed);
        }
    }

    /**
     * Sends {@code value} if there is room now.
     *
     * @param value the value
     * @return whether it was sent
     * @throws ChannelClosedException if the channel is closed
     */
    public boolean trySend(T value) {
        checkSend("trySend", value);
        return cluster.plumbing().call("channel", name, "trySend", () -> queue.offer(value));
    }

    /**
     * Sends {@code value} if there is room within {@code timeout}.
     *
     * @param value the value
     * @param timeout how long to wait for room
     * @return whether it was sent
     * @throws ChannelClosedException if the channel is closed
     * @throws InterruptedException if interrupted (the value may still have been sent)
     */
    public boolean trySend(T value, Duration timeout) throws InterruptedException {
        checkSend("trySend", value);
        long waitMs = Objects.requireNonNull(timeout, "timeout is null").toMillis();
        if (offer(value, 0)) {
            return true;
        }
        if (waitMs <= 0) {
            return false;
        }
        ChannelWait diagnosed = ChannelWait.begin(name, "send");
        try {
            return offer(value, waitMs);
        } finally {
            ChannelWait.end(diagnosed);
        }
    }

    /**
     * Receives a value, waiting while the channel is empty.
     *
     * @return the value
     * @throws ChannelClosedException once the channel is closed and drained
     * @throws InterruptedException if interrupted (a value taken at that instant is lost)
     */
    public T receive() throws InterruptedException {
        return valueOrThrow(receiveOrClosed(Context.background()));
    }

    /**
     * Receives a value, waiting while the channel is empty, until {@code ctx} is done.
     *
     * @param ctx gives up when done (nothing is taken)
     * @return the value
     * @throws ChannelClosedException once the channel is closed and drained
     * @throws CancelledException if {@code ctx} is done first
     * @throws InterruptedException if interrupted
     */
    public T receive(Context ctx) throws InterruptedException {
        return valueOrThrow(receiveOrClosed(ctx));
    }

    /**
     * Receives a value or learns that the channel is closed and drained.
     *
     * @return {@link ReceiveResult.Value} or {@link ReceiveResult.Closed}
     * @throws InterruptedException if interrupted
     */
    public ReceiveResult<T> receiveOrClosed() throws InterruptedException {
        return receiveOrClosed(Context.background());
    }

    /**
     * Receives a value or learns that the channel is closed and drained, until {@code ctx} is done.
     *
     * @param ctx gives up when done
     * @return {@link ReceiveResult.Value} or {@link ReceiveResult.Closed}
     * @throws CancelledException if {@code ctx} is done first
     * @throws InterruptedException if interrupted
     */
    public ReceiveResult<T> receiveOrClosed(Context ctx) throws InterruptedException {
        Objects.requireNonNull(ctx, () -> "channel '" + name + "': receive: ctx is null");
        ChannelWait diagnosed = null; // registered once the first, non-waiting poll found the queue empty
        try {
            while (true) {
                ctx.throwIfDone();
                long slice = diagnosed == null ? 0 : slice(ctx);
                Object item = cluster.plumbing().callInterruptibly("channel", name, "receive",
                        () -> queue.poll(slice, TimeUnit.MILLISECONDS));
                ReceiveResult<T> r = interpret(item);
                if (r != null) {
                    return r;
                }
                if (diagnosed == null) {
                    diagnosed = ChannelWait.begin(name, "receive");
                }
            }
        } finally {
            ChannelWait.end(diagnosed);
        }
    }

    /**
     * Receives a value if one is waiting now.
     *
     * @return the value, or empty if none waits or the channel is closed and drained
     */
    public Optional<T> tryReceive() {
        Object item = cluster.plumbing().call("channel", name, "tryReceive", queue::poll);
        return interpret(item) instanceof ReceiveResult.Value<T> v ? Optional.of(v.value()) : Optional.empty();
    }

    /**
     * Receives a value if one arrives within {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the value, or empty
     * @throws InterruptedException if interrupted
     */
    public Optional<T> tryReceive(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout is null");
        try (CancellableContext ctx = Context.background().withTimeout(timeout)) {
            return receiveOrClosed(ctx) instanceof ReceiveResult.Value<T> v ? Optional.of(v.value()) : Optional.empty();
        } catch (CancelledException timedOut) {
            return Optional.empty();
        }
    }

    /**
     * Closes the channel cluster-wide: no more sends; receivers drain, then see it closed.
     *
     * @return true if this call closed it, false if it was already closed
     */
    public boolean close() {
        boolean first = cluster.plumbing().call("channel", name, "close", () -> closed.close(name));
        if (first) {
            // Wakes receivers blocked in poll; if the queue is full, none is blocked, and draining
            // receivers see the closed flag when they find it empty.
            cluster.plumbing().call("channel", name, "close", () -> queue.offer(ClosedMarker.INSTANCE));
        }
        return first;
    }

    /**
     * Deletes the queue and its closed flag cluster-wide (values still in it are dropped). A handle
     * used afterwards works on a new, open, empty channel of the same name.
     */
    public void destroy() {
        cluster.plumbing().call("channel", name, "destroy", () -> {
            queue.destroy();
            closed.forget(name);
            return null;
        });
    }

    /**
     * A local view for {@link dev.spindle.channels.Select} and {@code for} loops: a pump on a
     * virtual thread receives one value at a time from this channel and hands it over the
     * subscription (unbuffered). The subscription closes when this channel is closed and drained,
     * or fails with the pump's error.
     *
     * <p>When {@code ctx} is done or the subscription is closed, a value the pump has taken but not
     * handed over is sent back to this channel (at its tail, so order across that value changes).
     * If this process dies with a value in the pump, that value is lost (at-most-once).
     *
     * @param ctx stops the pump when done
     * @return the subscription; close it when done
     */
    public Subscription<T> receiver(Context ctx) {
        Objects.requireNonNull(ctx, "channel '" + name + "': receiver: ctx is null");
        cluster.plumbing().ensureOpen("channel '" + name + "': receiver");
        CancellableContext pumpCtx = ctx.withCancel();
        Channel<T> local = Channel.unbuffered();
        CountDownLatch pumpDone = new CountDownLatch(1);
        // Closing waits (boundedly) for the pump, so a value it holds is given back while the
        // cluster is still open, even when the whole cluster is being closed.
        Subscription<T> sub = new Subscription<>(local, () -> {
            pumpCtx.cancel();
            awaitQuietly(pumpDone);
        });
        Go.go("spindle-channel-pump-" + name, () -> {
            try {
                pump(pumpCtx, local);
            } finally {
                cluster.plumbing().untrack(sub);
                pumpDone.countDown();
            }
        });
        return cluster.plumbing().track(sub);
    }

    @Override
    public String toString() {
        return "DistributedChannel[" + name + ", cap " + capacity + "]";
    }

    private void pump(CancellableContext ctx, Channel<T> local) {
        try {
            while (true) {
                ReceiveResult<T> r = receiveOrClosed(ctx);
                if (!(r instanceof ReceiveResult.Value<T> v)) {
                    return; // closed and drained: the finally closes the local channel
                }
                try {
                    local.send(v.value(), ctx);
                } catch (CancelledException | ChannelClosedException stopped) {
                    giveBack(v.value());
                    return;
                }
            }
        } catch (CancelledException stopped) {
            // the receiver's context is done, or the subscription was closed
        } catch (InterruptedException e) {
            local.closeWithError(e);
        } catch (RuntimeException e) {
            local.closeWithError(e);
        } finally {
            local.close(); // no-op if closed with an error above
            ctx.cancel();
        }
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            if (!done.await(10, TimeUnit.SECONDS)) {
                System.getLogger(DistributedChannel.class.getName()).log(System.Logger.Level.WARNING,
                        "channel receiver: the pump did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void giveBack(T value) {
        try {
            queue.put(value);
        } catch (InterruptedException | RuntimeException e) {
            System.getLogger(DistributedChannel.class.getName()).log(System.Logger.Level.ERROR,
                    "channel '" + name + "': could not give back a value taken by a stopped receiver", e);
        }
    }

    private boolean offer(T value, long waitMs) throws InterruptedException {
        return cluster.plumbing().callInterruptibly("channel", name, "send",
                () -> queue.offer(value, waitMs, TimeUnit.MILLISECONDS));
    }

    /** Null means "nothing yet, keep waiting". */
    private ReceiveResult<T> interpret(Object item) {
        if (item == null) {
            return closed.isClosed(name) ? new ReceiveResult.Closed<>(null) : null;
        }
        if (!ClosedMarker.is(item)) {
            return new ReceiveResult.Value<>(cast(item));
        }
        // The marker: take what is behind it, if anything, and put the marker back for the others.
        Object next = cluster.plumbing().call("channel", name, "receive", queue::poll);
        try {
            queue.offer(ClosedMarker.INSTANCE);
        } catch (RuntimeException lost) {
            // The closed flag still tells every receiver; the value taken above must not be lost.
        }
        return next == null || ClosedMarker.is(next) ? new ReceiveResult.Closed<>(null) : new ReceiveResult.Value<>(cast(next));
    }

    /**
     * A {@code send} or {@code receive} that waits, as the diagnostics see it: from the first
     * attempt that had to wait until the call returns. Whether a value arrived is known only to the
     * queue's owner, so it is never {@link #settled()}; never part of a proven deadlock either (see
     * {@link ClusterWait}).
     */
    private static final class ChannelWait extends ClusterWait {
        private final TaskDump.WaitsOn on;

        private ChannelWait(String channel, String operation) {
            this.on = new TaskDump.WaitsOn.DistributedChannelWait(channel, operation);
        }

        static ChannelWait begin(String channel, String operation) {
            ChannelWait w = new ChannelWait(channel, operation);
            Waits.begin(w);
            return w;
        }

        /** Ends {@code w} if it began ({@code null}: the call never waited). */
        static void end(ChannelWait w) {
            if (w != null) {
                Waits.end(w);
            }
        }

        @Override
        public TaskDump.WaitsOn describe() {
            return on;
        }

        @Override
        public boolean settled() {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private T cast(Object item) {
        return (T) item;
    }

    private T valueOrThrow(ReceiveResult<T> r) {
        if (r instanceof ReceiveResult.Value<T> v) {
            return v.value();
        }
        throw closedException("receive");
    }

    private void checkSend(String op, T value) {
        Objects.requireNonNull(value, () -> "channel '" + name + "': " + op + ": value is null");
        cluster.plumbing().ensureOpen("channel", name, op);
        if (closed.isClosed(name)) {
            throw closedException(op);
        }
    }

    private ChannelClosedException closedException(String op) {
        return new ChannelClosedException("channel '" + name + "': " + op + " on a closed channel", null);
    }

    private static long slice(Context ctx) {
        return ClusterPlumbing.slice(ctx, SLICE_MS);
    }
}

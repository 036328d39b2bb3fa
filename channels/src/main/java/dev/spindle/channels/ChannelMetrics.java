package dev.spindle.channels;

import dev.spindle.channels.internal.GoChannel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters for one named channel (optional: only this class needs Micrometer). Like every
 * Spindle binder it is made by a static factory and bound with {@link #bindTo(MeterRegistry)}; its
 * meters only read the channel's counts, so it needs no closing and may be bound to several
 * registries.
 *
 * <p>Every channel keeps its counts anyway, under the lock it already takes, so binding costs the
 * hot path nothing. Meters, all tagged {@code channel=<name>}:
 * <ul>
 *   <li>{@code spindle.channel.sends}: values accepted (handed over, buffered or dropped by policy);</li>
 *   <li>{@code spindle.channel.receives}: values received;</li>
 *   <li>{@code spindle.channel.dropped}: values dropped by an overflow policy;</li>
 *   <li>{@code spindle.channel.length}: values buffered now;</li>
 *   <li>{@code spindle.channel.blocked}: calls that had to wait, and the total time they waited.
 *       Only plain calls ({@code send}, {@code receive} and their variants) are counted; time spent
 *       waiting in a {@link Select} is not attributed to any of its channels.</li>
 * </ul>
 *
 * <pre>{@code
 * ChannelMetrics.of("orders", orders).bindTo(registry);
 * }</pre>
 *
 * @since 0.1.0
 */
@SuppressWarnings("exports") // MeterBinder is Micrometer's type, required only by users of this class
public final class ChannelMetrics implements MeterBinder {
    private final String name;
    private final GoChannel<?> channel;

    private ChannelMetrics(String name, GoChannel<?> channel) {
        this.name = name;
        this.channel = channel;
    }

    /**
     * An unbound binder of the meters of {@code channel}, tagged {@code channel=name}.
     *
     * @param name the {@code channel} tag value
     * @param channel a channel made by {@link Channel}'s factories
     * @return the binder; bind it with {@link #bindTo(MeterRegistry)}
     * @throws IllegalArgumentException if {@code channel} was not made by Spindle
     */
    public static ChannelMetrics of(String name, ReceiveChannel<?> channel) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(channel, "channel is null");
        if (!(channel instanceof GoChannel<?> c)) {
            throw new IllegalArgumentException("ChannelMetrics needs a channel made by Channel's factories, got "
                    + channel.getClass().getName());
        }
        return new ChannelMetrics(name, c);
    }

    /**
     * Registers the channel's meters in {@code registry}.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry is null");
        Tags tags = Tags.of("channel", name);
        GoChannel<?> ch = channel;
        FunctionCounter.builder("spindle.channel.sends", ch, c -> c.statistics()[0])
                .tags(tags).description("values accepted by sends").register(registry);
        FunctionCounter.builder("spindle.channel.receives", ch, c -> c.statistics()[1])
                .tags(tags).description("values received").register(registry);
        FunctionCounter.builder("spindle.channel.dropped", ch, c -> c.statistics()[2])
                .tags(tags).description("values dropped by the overflow policy").register(registry);
        Gauge.builder("spindle.channel.length", ch, GoChannel::len)
                .tags(tags).description("values buffered now").register(registry);
        FunctionTimer.builder("spindle.channel.blocked", ch, c -> c.statistics()[3], c -> c.statistics()[4],
                        TimeUnit.NANOSECONDS)
                .tags(tags).description("calls that waited, and how long").register(registry);
    }
}

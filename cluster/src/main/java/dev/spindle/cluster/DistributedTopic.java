package dev.spindle.cluster;

import com.hazelcast.topic.ITopic;
import dev.spindle.channels.Channel;
import dev.spindle.channels.Overflow;
import java.util.Objects;

/**
 * Publish/subscribe across the cluster (Hazelcast {@code ITopic}): every subscriber that exists when
 * a message is published gets it, as a value on its {@link Subscription} channel.
 *
 * <pre>{@code
 * DistributedTopic<OrderEvent> events = cluster.topic("orders");
 * try (Subscription<OrderEvent> sub = events.subscribe()) {
 *     events.publish(new OrderEvent(...));
 *     OrderEvent e = sub.receive();
 * }
 * }</pre>
 *
 * <h2>Ordering and delivery</h2>
 * Messages from one publishing thread arrive at each subscriber in the order published; messages
 * from different publishers may interleave differently at different subscribers. A message is not
 * stored: a subscriber that subscribes later, or whose process is down, never sees it.
 *
 * <h2>Under failure</h2>
 * Delivery is at-most-once. A subscriber's process that crashes loses the messages buffered in its
 * channel; messages published during a network partition reach only the subscribers on the
 * publisher's side. Use a {@link DistributedChannel} (or a map) for work that must not be lost.
 *
 * @param <T> message type (serializable)
 *
 * @since 0.1.0
 */
public final class DistributedTopic<T> {
    private final Cluster cluster;
    private final String name;
    private final ITopic<T> topic;

    DistributedTopic(Cluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
        this.topic = cluster.plumbing().call("topic", name, "open", () -> cluster.hazelcast().getTopic(name));
    }

    /** {@return the topic's cluster-wide name} */
    public String name() {
        return name;
    }

    /**
     * Publishes {@code message} to every current subscriber. Returns once it is handed to the
     * cluster, not when subscribers have received it.
     *
     * @param message the message (not null, serializable)
     */
    public void publish(T message) {
        Objects.requireNonNull(message, () -> "topic '" + name + "': publish: message is null");
        cluster.plumbing().call("topic", name, "publish", () -> {
            topic.publish(message);
            return null;
        });
    }

    /**
     * Subscribes with an unbounded buffer: nothing is dropped; a slow receiver costs memory.
     *
     * @return the subscription; close it when done
     */
    public Subscription<T> subscribe() {
        return subscribe(Channel.unlimited());
    }

    /**
     * Subscribes with a buffer of {@code capacity} messages; when it is full the oldest message is
     * dropped (a slow subscriber must never stall Hazelcast's event threads).
     *
     * @param capacity the buffer size (at least 1)
     * @return the subscription; close it when done
     */
    public Subscription<T> subscribe(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("topic '" + name + "': capacity " + capacity + " is less than 1");
        }
        return subscribe(Channel.buffered(capacity, Overflow.DROP_OLDEST));
    }

    private Subscription<T> subscribe(Channel<T> ch) {
        return cluster.plumbing().listen("topic", name, "subscribe", ch,
                sub -> topic.addMessageListener(m -> sub.deliver(m.getMessageObject())), topic::removeMessageListener);
    }

    @Override
    public String toString() {
        return "DistributedTopic[" + name + "]";
    }
}

package dev.spindle.examples.shop;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.DistributedTopic;
import dev.spindle.cluster.Subscription;
import dev.spindle.examples.JsonBody;
import dev.spindle.http.EventStream;
import dev.spindle.http.Request;
import dev.spindle.http.ResponseWriter;
import dev.spindle.http.ServerEvent;
import java.time.Duration;

/**
 * {@code GET /events}: the cluster's order events as server-sent events, for the shop page's live
 * feed (the browser's {@code EventSource}). Each open stream subscribes to the topic
 * {@code orders} and streams what arrives, whichever process's order service published it: the
 * topic is cluster-wide, so the gateway's process needs no order service of its own.
 *
 * <pre>
 * event: order
 * id: 42
 * data: {"orderId":42,"userId":1,"productId":"apple","quantity":2,"stockLeft":98,"placedBy":"orders@127.0.0.1:40123"}
 * </pre>
 *
 * <p>Each stream has its own subscription of {@link #BUFFER} events that drops the oldest when full,
 * so a browser that stops reading loses old events instead of making the server buffer without
 * bound or stalling the topic for the other pages. An event published while a browser is
 * reconnecting is not replayed (a topic keeps no history): the page re-reads products and orders
 * every time its stream opens, so it shows the current state again. The stream ends, and its
 * subscription is closed, when the browser goes away or the gateway shuts down.
 */
final class OrderFeed {
    /** Events one stream may hold while its browser is slow to read; beyond that the oldest are dropped. */
    static final int BUFFER = 256;
    /** How long a browser waits before reconnecting after the stream ends. */
    static final Duration RECONNECT = Duration.ofSeconds(1);

    private final DistributedTopic<OrderEvent> topic;

    OrderFeed(Cluster cluster) {
        this.topic = cluster.topic(OrderService.TOPIC);
    }

    /** Streams order events until the client goes away or the server shuts down. */
    void serve(Request request, ResponseWriter response) throws Exception {
        // Subscribed before the head goes out: once the browser sees the stream open, no event is missed.
        try (Subscription<OrderEvent> events = topic.subscribe(BUFFER);
             EventStream stream = EventStream.open(request, response)) {
            stream.retry(RECONNECT);
            stream.sendAll(events, OrderFeed::toEvent);
        }
    }

    static ServerEvent toEvent(OrderEvent event) {
        return ServerEvent.of("order", JsonBody.text(event)).withId(Long.toString(event.orderId()));
    }
}

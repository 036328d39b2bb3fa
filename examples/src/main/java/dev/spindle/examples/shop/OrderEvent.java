package dev.spindle.examples.shop;

import java.io.Serial;
import java.io.Serializable;

/**
 * Published on the cluster topic {@code orders} after an order is stored; every subscriber that
 * exists at that moment gets it (at most once): the {@code events} role prints it, and the
 * gateway's {@link OrderFeed} streams it, as JSON of these components in order, to every open shop
 * page.
 *
 * @param orderId the order
 * @param userId who ordered
 * @param productId what
 * @param quantity how many
 * @param stockLeft units of the product left after this order
 * @param placedBy the order-service instance that placed it, e.g. {@code orders@127.0.0.1:40123}
 */
public record OrderEvent(long orderId, long userId, String productId, int quantity, int stockLeft, String placedBy)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    /** One line for a log: {@code order 42 placed: 2 x apple by user 1 (98 left) on orders@127.0.0.1:40123}. */
    @Override
    public String toString() {
        return "order " + orderId + " placed: " + quantity + " x " + productId + " by user " + userId
                + " (" + stockLeft + " left) on " + placedBy;
    }
}

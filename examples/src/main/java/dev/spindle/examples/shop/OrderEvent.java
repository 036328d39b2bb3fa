package dev.spindle.examples.shop;

import java.io.Serial;
import java.io.Serializable;

/**
 * Published on the cluster topic {@code orders} after an order is stored; every subscriber that
 * exists at that moment gets it (at most once).
 *
 * @param orderId the order
 * @param userId who ordered
 * @param productId what
 * @param quantity how many
 * @param stockLeft units of the product left after this order
 */
public record OrderEvent(long orderId, long userId, String productId, int quantity, int stockLeft)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** One line for a log: {@code order 42 placed: 2 x apple by user 1 (98 left)}. */
    @Override
    public String toString() {
        return "order " + orderId + " placed: " + quantity + " x " + productId + " by user " + userId
                + " (" + stockLeft + " left)";
    }
}

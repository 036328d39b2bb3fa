package dev.spindle.examples.shop;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/**
 * A placed order, stored in the cluster map {@code orders} by id. It is also the JSON the order service answers with
 * ({@code placedAt} as ISO-8601, e.g. {@code 2026-12-02T06:39:00.123456Z}).
 *
 * @param id the id, from the cluster counter {@code orders.ids}
 * @param userId who ordered
 * @param productId what
 * @param quantity how many units
 * @param totalCents quantity times the unit price
 * @param fencingToken the stock lock's token under which the units were reserved
 * @param placedBy the order-service instance that placed it
 * @param placedAt when
 */
public record Order(long id, long userId, String productId, int quantity, long totalCents, long fencingToken,
        String placedBy, Instant placedAt) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}

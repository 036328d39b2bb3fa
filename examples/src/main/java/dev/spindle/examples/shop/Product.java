package dev.spindle.examples.shop;

import java.io.Serial;
import java.io.Serializable;

/**
 * A catalogue entry, stored in the cluster map {@code products} by id. Its stock lives apart, in
 * {@link Stock}, because orders write stock and nothing else writes products.
 *
 * @param id a slug such as {@code apple}
 * @param name the display name
 * @param priceCents the unit price in cents
 */
public record Product(String id, String name, long priceCents) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}

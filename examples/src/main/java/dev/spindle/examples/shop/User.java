package dev.spindle.examples.shop;

import java.io.Serial;
import java.io.Serializable;

/**
 * A customer, stored in the cluster map {@code users} by id. It is also the JSON the user service answers with.
 *
 * @param id the id, from the cluster counter {@code users.ids}
 * @param name the display name
 * @param email the email address
 */
public record User(long id, String name, String email) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}

package dev.spindle.examples.shop;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * A customer, stored in the cluster map {@code users} by id.
 *
 * @param id the id, from the cluster counter {@code users.ids}
 * @param name the display name
 * @param email the email address
 */
public record User(long id, String name, String email) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** This user as a JSON object. */
    public Map<String, Object> json() {
        return Json.object("id", id, "name", name, "email", email);
    }
}

package dev.spindle.examples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line flags of an example: {@code --name value} pairs and bare {@code --switch}es, as
 * {@link Launcher} passes them (split on spaces). An unknown or incomplete flag fails at once with a
 * message that names it and lists the known ones.
 */
public final class Flags {
    private final Map<String, String> values;

    private Flags(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code args}.
     *
     * @param args the arguments
     * @param valued flags that take a value (without {@code --})
     * @param switches flags that take none
     * @return the flags
     * @throws IllegalArgumentException on an unknown flag, a missing value or a stray word
     */
    public static Flags parse(String[] args, Set<String> valued, Set<String> switches) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name != null && switches.contains(name)) {
                values.put(name, "true");
            } else if (name != null && valued.contains(name)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; known: "
                        + known(valued, switches));
            }
        }
        return new Flags(values);
    }

    private static String known(Set<String> valued, Set<String> switches) {
        StringBuilder b = new StringBuilder();
        valued.stream().sorted().forEach(n -> b.append("--").append(n).append(" VALUE, "));
        switches.stream().sorted().forEach(n -> b.append("--").append(n).append(", "));
        return b.isEmpty() ? "none" : b.substring(0, b.length() - 2);
    }

    /**
     * Returns whether the switch or flag was given.
     *
     * @param name the flag, without {@code --}
     * @return whether it was given
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * Returns the flag's value, or {@code fallback}.
     *
     * @param name the flag, without {@code --}
     * @param fallback the value when absent
     * @return the value
     */
    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /**
     * Returns the flag's value as an int, or {@code fallback}.
     *
     * @param name the flag, without {@code --}
     * @param fallback the value when absent
     * @return the value
     * @throws IllegalArgumentException if it is not an integer
     */
    public int getInt(String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + v + " is not an integer");
        }
    }

    /**
     * Returns a comma-separated flag's values, or {@code fallback}.
     *
     * @param name the flag, without {@code --}
     * @param fallback the values when absent
     * @return the values
     */
    public List<String> getList(String name, List<String> fallback) {
        String v = values.get(name);
        return v == null ? fallback : List.of(v.split(","));
    }
}

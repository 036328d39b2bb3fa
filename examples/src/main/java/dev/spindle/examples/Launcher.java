package dev.spindle.examples;

import dev.spindle.examples.cache.Cache;
import dev.spindle.examples.courses.Courses;
import dev.spindle.examples.imagefarm.ImageFarm;
import dev.spindle.examples.shop.Shop;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Runs an example by name: {@code ./spindle run NAME}. */
public final class Launcher {
    /** A runnable example. */
    @FunctionalInterface
    interface Example {
        void main(String[] args) throws Exception;
    }

    static final Map<String, Example> EXAMPLES = new TreeMap<>(Map.of(
            "cache", Cache::main,
            "core-demo", CoreDemo::main,
            "courses", Courses::main,
            "goroutines", Goroutines::main,
            "hello", Hello::main,
            "imagefarm", ImageFarm::main,
            "shop", Shop::main));

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "core-demo" : args[0];
        if (name.equals("--list")) {
            EXAMPLES.keySet().forEach(System.out::println);
            return;
        }
        Example example = EXAMPLES.get(name);
        if (example == null) {
            System.err.println("unknown example '" + name + "'; known: " + String.join(", ", EXAMPLES.keySet()));
            System.exit(2);
        }
        // ./spindle run passes the example's arguments as one space-separated string (maybe empty).
        String[] rest = Arrays.stream(args, Math.min(1, args.length), args.length)
                .flatMap(a -> Arrays.stream(a.trim().split("\\s+")))
                .filter(a -> !a.isEmpty())
                .toArray(String[]::new);
        example.main(rest);
    }
}

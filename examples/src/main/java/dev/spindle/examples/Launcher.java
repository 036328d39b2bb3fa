package dev.spindle.examples;

import dev.spindle.examples.cache.Cache;
import dev.spindle.examples.courses.Courses;
import dev.spindle.examples.imagefarm.ImageFarm;
import dev.spindle.examples.shop.Shop;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Runs an example by name: {@code ./spindle run NAME}. */
public final class Launcher {
    /** A runnable example. */
    @FunctionalInterface
    interface Example {
        // Named after what it points at (each example's static main), not a main method itself.
        @SuppressWarnings("IncorrectMainMethod")
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

    /**
     * Runs {@code args[0]} (default {@code core-demo}) with the rest of {@code args}, each argument as
     * the shell gave it. A bad argument (an {@link IllegalArgumentException} from the example), a
     * missing input file or an unknown name prints one line saying what is wrong and exits with 2; another failure prints its
     * stack trace and exits with 1; either way the last line names the exit code.
     *
     * @param args the example's name, then its arguments
     */
    public static void main(String[] args) {
        String name = args.length == 0 ? "core-demo" : args[0];
        if (name.equals("--list")) {
            EXAMPLES.keySet().forEach(System.out::println);
            return;
        }
        Example example = EXAMPLES.get(name);
        if (example == null) {
            exit(name, 2, "unknown example '" + name + "'; known: " + String.join(", ", EXAMPLES.keySet()));
            return;
        }
        try {
            example.main(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        } catch (IllegalArgumentException e) {
            exit(name, 2, name + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            exit(name, 2, name + ": no such file: " + e.getMessage());
        } catch (Exception e) {
            e.printStackTrace();
            exit(name, 1, name + ": failed: " + e);
        }
    }

    private static void exit(String name, int code, String message) {
        System.err.println(message);
        System.err.println("spindle run " + name + ": exit code " + code);
        System.exit(code);
    }
}

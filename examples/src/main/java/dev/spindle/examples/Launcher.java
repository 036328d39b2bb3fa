package dev.spindle.examples;

import dev.spindle.examples.cache.Cache;
import dev.spindle.examples.courses.Courses;
import dev.spindle.examples.imagefarm.ImageFarm;
import dev.spindle.examples.shop.ShopCommand;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Runs an example by name: {@code ./spindle run NAME [FLAGS]}. Every example is a picocli command
 * ({@code @Command} with {@code @Option}s and a {@code call()}); this class gives each one
 * {@code -h, --help} (its usage, listing its flags with their defaults) and the same answers to
 * mistakes.
 */
public final class Launcher {
    /** The examples by name: each a picocli {@code @Command} that is a {@code Callable<Integer>}. */
    static final Map<String, Class<?>> EXAMPLES = new TreeMap<>(Map.of(
            "cache", Cache.class,
            "core-demo", CoreDemo.class,
            "courses", Courses.class,
            "deadlock", Deadlock.class,
            "goroutines", Goroutines.class,
            "hello", Hello.class,
            "imagefarm", ImageFarm.class,
            "shop", ShopCommand.class));

    private Launcher() {
    }

    /**
     * Runs {@code args[0]} (default {@code core-demo}) with the rest of {@code args}, each argument as
     * the shell gave it, and exits with what {@link #run} returns if it is not 0; the last line of a
     * failure names the exit code.
     *
     * @param args the example's name, then its flags
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs an example and returns its exit code: 0 when it ends normally or printed its
     * {@code --help}; 2 for an unknown example, an unknown flag, a flag without its value or with a
     * bad one (picocli's message naming it, then the example's usage, on {@code err}), or a bad
     * argument found later (an {@link IllegalArgumentException} from the example, or a missing
     * input file: one line); 1 for any other failure (its stack trace). Unless 0, the last line on
     * {@code err} is {@code spindle run NAME: exit code N}.
     *
     * @param args the example's name, then its flags
     * @param out where {@code --help} and {@code --list} go
     * @param err where errors go
     * @return the exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String name = args.length == 0 ? "core-demo" : args[0];
        if (name.equals("--list") || name.equals("--help") || name.equals("-h")) {
            if (!name.equals("--list")) {
                out.println("usage: ./spindle run NAME [FLAGS]   (./spindle run NAME --help lists its flags)");
            }
            EXAMPLES.keySet().forEach(out::println);
            return 0;
        }
        int code = EXAMPLES.containsKey(name) ? execute(name, Arrays.copyOfRange(args, Math.min(1, args.length),
                args.length), out, err) : unknown(name, err);
        if (code != 0) {
            err.println("spindle run " + name + ": exit code " + code);
        }
        return code;
    }

    private static int unknown(String name, PrintStream err) {
        err.println("unknown example '" + name + "'; known: " + String.join(", ", EXAMPLES.keySet()));
        return 2;
    }

    private static int execute(String name, String[] args, PrintStream out, PrintStream err) {
        return command(name, out, err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> failed(name, e, err))
                .execute(args);
    }

    /**
     * The example's command line, named {@code ./spindle run NAME}, with {@code -h, --help}.
     *
     * @param name an example's name
     * @param out where its usage goes
     * @param err where parse errors go
     * @return its command line
     */
    static CommandLine command(String name, PrintStream out, PrintStream err) {
        CommandLine cmd = new CommandLine(EXAMPLES.get(name)).setCommandName("./spindle run " + name)
                .setOut(writer(out)).setErr(writer(err));
        cmd.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help (the flags and their defaults) and exit.").build());
        return cmd;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
    }

    private static int failed(String name, Exception e, PrintStream err) {
        switch (e) {
            case IllegalArgumentException bad -> err.println(name + ": " + bad.getMessage());
            case NoSuchFileException missing -> err.println(name + ": no such file: " + missing.getMessage());
            default -> {
                e.printStackTrace(err);
                err.println(name + ": failed: " + e);
                return 1;
            }
        }
        return 2;
    }
}

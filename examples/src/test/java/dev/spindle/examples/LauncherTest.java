package dev.spindle.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line of every example, through {@link Launcher#run} as {@code ./spindle run} calls it. */
class LauncherTest {
    /** Flags each example's --help must list: the ones the README and the class comments use. */
    static final Map<String, List<String>> DOCUMENTED = Map.of(
            "cache", List.of("--nodes=N", "--node=I", "--members=HOST:PORT", "--http-port=PORT", "--cluster-port=PORT",
                    "--name=<name>", "--bind=HOST"),
            "core-demo", List.of(),
            "courses", List.of("--nodes=N", "--node=I", "--members=HOST:PORT", "--http-port=PORT",
                    "--cluster-port=PORT", "--name=<name>", "--bind=HOST"),
            "deadlock", List.of("--fixed"),
            "goroutines", List.of(),
            "hello", List.of("[PORT]"),
            "imagefarm", List.of("--in=FILE", "--out=FILE", "--workers=N", "--tile=PIXELS", "--delay=MS",
                    "--kill-after=TILES", "--worker", "--node=I", "--members=HOST:PORT", "--cluster-port=PORT"),
            "shop", List.of("--role=R[,R...]", "--members=HOST:PORT", "--host=HOST", "--cluster-port=PORT",
                    "--cluster-name=NAME", "--port=PORT", "--service-port=PORT", "--instances=N", "--tls"));

    record Run(int code, String out, String err) {}

    @Test
    void everyExampleHasHelpListingItsFlags() {
        assertThat(Launcher.EXAMPLES.keySet()).isEqualTo(DOCUMENTED.keySet());
        DOCUMENTED.forEach((name, flags) -> {
            for (String help : List.of("--help", "-h")) {
                Run run = run(name, help);
                assertThat(run.code()).as(name).isZero();
                assertThat(run.err()).as(name).isEmpty();
                assertThat(run.out()).as(name).startsWith("Usage: ./spindle run " + name + " ")
                        .contains("-h, --help");
                flags.forEach(flag -> assertThat(run.out()).as(name).contains(flag));
            }
        });
        assertThat(run("shop", "--help").out()).contains("(default: 8080, or the next free one", "(default: shop)");
        // cache and courses share their flags (HttpClusterFlags), each with its own defaults
        assertThat(run("cache", "--help").out()).contains("(default: 3)", "(default: 8081; with --node: 8080 + I;",
                "(default: 5801)", "(default: spindle-cache)", "(default: 127.0.0.1;");
        assertThat(run("courses", "--help").out()).contains("(default: 2)", "(default: 8091; with --node: 8090 + I;",
                "(default: 5811)", "(default: spindle-courses)", "(default: 127.0.0.1;");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "shop      | --bogus               | Unknown option: '--bogus'",
        "cache     | a b                   | Unmatched argument at index 0: 'a b'",
        "goroutines| extra                 | Unmatched argument at index 0: 'extra'",
        "hello     | http                  | Invalid value for positional parameter at index 0 (PORT): 'http' is not a port number (0 to 65535)",
        "shop      | --port                | Missing required parameter for option '--port' (PORT)",
        "shop      | --port,70000          | Invalid value for option '--port': '70000' is not a port number (0 to 65535)",
        "shop      | --role,cart           | --role: unknown role 'cart'; roles: all, gateway",
        "shop      | --instances,50        | --instances must be from 1 to 20, got 50",
        "cache     | --members,localhost   | Invalid value for option '--members' (HOST:PORT): 'localhost' is not HOST:PORT",
        "cache     | --node,4              | --node 4 is not in 1..3",
        "courses   | --nodes,0             | --nodes must be at least 1, got 0",
        "imagefarm | --tile,0              | --workers, --tile, --width and --height must be at least 1",
    })
    void aBadFlagIsNamedThenTheUsageExitCode2(String name, String args, String message) {
        Run run = run(name, args.contains(",") ? args.split(",") : new String[] {args});
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith(message).contains("Usage: ./spindle run " + name)
                .endsWith("spindle run " + name + ": exit code 2" + System.lineSeparator())
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void aMissingInputFileIsOneLineExitCode2() {
        Run run = run("imagefarm", "--in", "no-such-photo.jpg"); // refused before any member starts
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("imagefarm: no such file: no-such-photo.jpg")
                .endsWith("spindle run imagefarm: exit code 2" + System.lineSeparator())
                .doesNotContain("\tat ");
    }

    @Test
    void anUnknownExampleIsNamedAndTheListIsThere() {
        Run run = run("nosuch");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("unknown example 'nosuch'; known: cache, core-demo, courses");
        assertThat(Launcher.run(new String[] {"--list"}, stream(new ByteArrayOutputStream()),
                stream(new ByteArrayOutputStream()))).isZero();
        Run help = runRaw("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("./spindle run NAME --help", "imagefarm", "shop");
    }

    private static Run run(String name, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        return runRaw(all);
    }

    private static Run runRaw(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Launcher.run(args, stream(out), stream(err));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}

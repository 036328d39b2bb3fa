package dev.spindle.examples.imagefarm;

import static dev.spindle.core.Go.go;

import dev.spindle.channels.Channel;
import dev.spindle.channels.Select;
import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.ClusterTaskGroup;
import dev.spindle.cluster.DistributedMap;
import dev.spindle.core.Context;
import dev.spindle.core.TaskHandle;
import dev.spindle.examples.FlagTypes;
import dev.spindle.examples.LocalCluster;
import dev.spindle.examples.NodeFlags;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Distributed image processing: an image is cut into tiles, each tile goes to a worker member as a
 * {@link dev.spindle.cluster.ClusterTask} of a {@link ClusterTaskGroup}, the workers apply
 * grayscale + Sobel edge detection ({@link Sobel}), and the edges are assembled here and written as
 * a PNG, with a progress bar.
 *
 * <pre>
 * ./spindle run imagefarm                      3 members in this JVM, a generated 1024x768 test card
 * ./spindle run imagefarm --in photo.jpg --out edges.png --workers 4 --tile 128
 * ./spindle run imagefarm --delay 100 --kill-after 40
 *                          each tile takes 100 ms more; the last member is killed after 40 tiles:
 *                          its tiles are re-run elsewhere and the picture is still exact
 * ./spindle run imagefarm --worker --node 2 --members 127.0.0.1:6001,127.0.0.1:6002,127.0.0.1:6003
 *                          a worker member in its own process (waits for work; Ctrl-C to stop)
 * ./spindle run imagefarm --node 1 --members 127.0.0.1:6001,127.0.0.1:6002,127.0.0.1:6003
 *                          joins them, waits until all listed members are up, runs the job, exits
 * </pre>
 */
@Command(name = "imagefarm", sortOptions = false, description = {
    "Grayscale + Sobel edges of an image, cut into tiles computed by the members of a cluster "
        + "(ClusterTaskGroup); writes a PNG.",
    "With no flags: 3 members in this JVM and a generated 1024x768 test card. With --node or --worker: one "
        + "member of a cluster of processes."})
public final class ImageFarm implements Callable<Integer> {
    static final String DEFAULT_NAME = "spindle-imagefarm";
    static final int DEFAULT_CLUSTER_PORT = 6001;

    @Spec
    private CommandSpec spec;

    @Option(names = "--in", paramLabel = "FILE", description = "the image to read (PNG, JPEG, GIF, BMP); "
            + "default: a generated test card of --width x --height")
    private Path in;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "imagefarm-edges.png",
            description = "the PNG to write (default: ${DEFAULT-VALUE})")
    private Path outFile;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "3",
            description = "members to start in this JVM (default: ${DEFAULT-VALUE})")
    private int workers;

    @Option(names = "--tile", paramLabel = "PIXELS", defaultValue = "64",
            description = "the side of a tile (default: ${DEFAULT-VALUE})")
    private int tile;

    @Option(names = "--delay", paramLabel = "MS", defaultValue = "0",
            description = "extra milliseconds each tile takes, to watch the bar or kill a member mid-run "
                    + "(default: ${DEFAULT-VALUE})")
    private int delay;

    @Option(names = "--kill-after", paramLabel = "TILES", defaultValue = "0",
            description = "kill the last member of this JVM after that many tiles (default: 0, never)")
    private int killAfter;

    @Option(names = "--width", paramLabel = "PIXELS", defaultValue = "1024",
            description = "the test card's width (default: ${DEFAULT-VALUE})")
    private int width;

    @Option(names = "--height", paramLabel = "PIXELS", defaultValue = "768",
            description = "the test card's height (default: ${DEFAULT-VALUE})")
    private int height;

    @Option(names = "--name", defaultValue = DEFAULT_NAME, description = "the cluster's name (default: ${DEFAULT-VALUE})")
    private String name;

    @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "6001", converter = FlagTypes.Port.class,
            description = "the first member's port (default: ${DEFAULT-VALUE})")
    private int clusterPort;

    @Mixin
    private NodeFlags cluster;

    @Option(names = "--worker", description = "with --node: only compute tiles for others' jobs, until Ctrl-C; "
            + "without: run the job once every member of --members is up")
    private boolean worker;

    private ImageFarm() {
    }

    /**
     * What a job did.
     *
     * @param edges the edge strengths of the whole image, row by row
     * @param tiles how many tiles
     * @param tilesPerMember how many tiles each member computed (its {@code host:port})
     * @param rerun how many tiles were started more than once
     * @param elapsed how long the job took
     */
    public record Result(byte[] edges, int tiles, Map<String, Integer> tilesPerMember, int rerun, Duration elapsed) {}

    @Override
    public Integer call() throws Exception {
        run(System.out);
        return 0;
    }

    /**
     * Runs the example with command-line arguments (see the class comment), as {@code ./spindle run
     * imagefarm ARGS} does.
     *
     * @param args the arguments
     * @param out where to say what happens
     * @return what the job did, or null in {@code --worker} mode once the worker stops
     * @throws ParameterException naming the flag, for an unknown flag or a bad value
     * @throws Exception if the job fails
     */
    public static Result run(String[] args, PrintStream out) throws Exception {
        return CommandLine.populateCommand(new ImageFarm(), args).run(out);
    }

    private Result run(PrintStream out) throws Exception {
        check();
        if (cluster.given() || worker) {
            return runAsProcess(out);
        }
        out.println("imagefarm: starting " + workers + " worker member(s) (cluster '" + name + "')...");
        List<Cluster> started = LocalCluster.start(name, clusterPort, workers);
        try {
            IntConsumer onTile = done -> {
                if (done == killAfter && started.size() > 1) {
                    Cluster victim = started.getLast();
                    out.println();
                    out.println("imagefarm: killing member " + victim.localMember().address() + " after "
                            + done + " tiles");
                    go(victim::close);
                }
            };
            return job(started.getFirst(), onTile, out);
        } finally {
            started.forEach(Cluster::close);
        }
    }

    /** Refuses bad numbers and a missing input file before any member starts. */
    private void check() throws NoSuchFileException {
        if (in != null && !Files.exists(in)) {
            throw new NoSuchFileException(in.toString());
        }
        if (workers < 1 || tile < 1 || width < 1 || height < 1 || delay < 0) {
            throw new ParameterException(spec.commandLine(), "--workers, --tile, --width and --height must be at "
                    + "least 1 and --delay at least 0; got " + workers + ", " + tile + ", " + width + ", " + height
                    + ", " + delay);
        }
    }

    private Result runAsProcess(PrintStream out) throws Exception {
        List<String> addresses = cluster.members(clusterPort, workers);
        String own = cluster.own(addresses);
        Cluster member = LocalCluster.member(name, FlagTypes.portOf(own), addresses);
        try {
            out.println("imagefarm: member " + member.localMember().address() + " joined cluster '" + name
                    + "' (" + member.members().size() + " member(s) so far)");
            if (worker) {
                out.println("imagefarm: worker ready; Ctrl-C to stop");
                Runtime.getRuntime().addShutdownHook(new Thread(member::close, "imagefarm-worker-shutdown"));
                new CountDownLatch(1).await();
                return null;
            }
            out.println("imagefarm: waiting for all " + addresses.size() + " members...");
            LocalCluster.awaitSize(member, addresses.size(), LocalCluster.FORMATION_TIMEOUT);
            return job(member, n -> { }, out);
        } finally {
            member.close();
        }
    }

    /** Loads or generates the image, runs the job on the cluster, writes the PNG, says what happened. */
    private Result job(Cluster cluster, IntConsumer onTile, PrintStream out) throws Exception {
        Picture image;
        if (in != null) {
            image = Picture.read(in);
            out.println("imagefarm: read " + in + ", " + image.width() + "x" + image.height());
        } else {
            image = Picture.generate(width, height);
            out.println("imagefarm: generated a " + image.width() + "x" + image.height() + " test card");
        }
        Result result = process(cluster, image, tile, Duration.ofMillis(delay), onTile, out);
        Path file = outFile.toAbsolutePath();
        Picture.writeGrayPng(result.edges(), image.width(), image.height(), file);
        out.println("imagefarm: " + result.tiles() + " tiles in " + result.elapsed().toMillis() + " ms; per member: "
                + result.tilesPerMember());
        if (result.rerun() > 0) {
            out.println("imagefarm: " + result.rerun() + " tile(s) were re-run after their member left");
        }
        out.println("imagefarm: wrote " + file);
        return result;
    }

    /**
     * Computes the edges of {@code image} on the members of {@code cluster}, a tile per task.
     *
     * @param cluster the member (or client) that submits the tasks and assembles the result
     * @param image the image
     * @param tileSize the tile side in pixels
     * @param delay extra time each tile takes (zero for none), to watch the bar or kill a member mid-run
     * @param onTile called here with the number of tiles done, after each tile
     * @param out where the progress bar goes
     * @return what the job did
     * @throws Exception the first failure of a tile that could not be completed
     */
    public static Result process(Cluster cluster, Picture image, int tileSize, Duration delay, IntConsumer onTile,
            PrintStream out) throws Exception {
        long start = System.nanoTime();
        List<Tile> tiles = Tile.cut(image, tileSize);
        String job = "imagefarm-" + UUID.randomUUID();
        out.println("imagefarm: " + tiles.size() + " tiles of " + tileSize + "x" + tileSize + " to "
                + cluster.members().size() + " members");
        byte[] edges = new byte[image.width() * image.height()];
        Map<String, Integer> perMember = new TreeMap<>();
        ProgressBar bar = new ProgressBar(out, tiles.size(), "tiles");
        Channel<TileResult> finished = Channel.buffered(tiles.size());
        try (ClusterTaskGroup group = cluster.taskGroup(Context.background())) {
            for (Tile tile : tiles) {
                TaskHandle<TileResult> handle = group.go(new EdgeTask(job, tile, delay.toMillis()));
                go(() -> forward(handle, finished));
            }
            bar.show(0);
            for (int done = 1; done <= tiles.size(); done++) {
                TileResult r = Select.select(finished.onReceive(t -> t), Select.onDone(group.context(), () -> null));
                if (r == null) {
                    break; // a tile failed for good: await() below throws why
                }
                r.pasteInto(edges, image.width());
                perMember.merge(r.member(), 1, Integer::sum);
                bar.show(done);
                onTile.accept(done);
            }
            group.await();
        }
        DistributedMap<Integer, Integer> starts = cluster.map(EdgeTask.startsMap(job));
        int rerun = (int) starts.getAll(Set.copyOf(indexes(tiles))).values().stream().filter(n -> n > 1).count();
        starts.clear();
        return new Result(edges, tiles.size(), perMember, rerun, Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<Integer> indexes(List<Tile> tiles) {
        List<Integer> out = new ArrayList<>(tiles.size());
        tiles.forEach(t -> out.add(t.index()));
        return out;
    }

    /** Hands a finished tile to the assembler; a failed one is reported by the group instead. */
    private static void forward(TaskHandle<TileResult> handle, Channel<TileResult> finished) throws InterruptedException {
        TileResult result;
        try {
            result = handle.join();
        } catch (RuntimeException failed) {
            return;
        }
        finished.send(result);
    }
}

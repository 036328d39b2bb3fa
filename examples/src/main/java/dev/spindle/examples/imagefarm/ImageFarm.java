package dev.spindle.examples.imagefarm;

import static dev.spindle.core.Go.go;

import dev.spindle.channels.Channel;
import dev.spindle.channels.Select;
import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.ClusterTaskGroup;
import dev.spindle.cluster.DistributedMap;
import dev.spindle.core.Context;
import dev.spindle.core.TaskHandle;
import dev.spindle.examples.Flags;
import dev.spindle.examples.LocalCluster;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntConsumer;

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
public final class ImageFarm {
    static final String DEFAULT_NAME = "spindle-imagefarm";
    static final int DEFAULT_CLUSTER_PORT = 6001;

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

    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    /**
     * Runs the example with command-line arguments (see the class comment).
     *
     * @param args the arguments
     * @param out where to say what happens
     * @return what the job did, or null in {@code --worker} mode once the worker stops
     * @throws Exception if the job fails
     */
    public static Result run(String[] args, PrintStream out) throws Exception {
        Flags flags = Flags.parse(args, Set.of("in", "out", "workers", "tile", "delay", "kill-after", "name",
                "cluster-port", "node", "members", "width", "height"), Set.of("worker"));
        String name = flags.get("name", DEFAULT_NAME);
        if (flags.has("node") || flags.has("worker")) {
            return runAsProcess(flags, name, out);
        }
        int workers = flags.getInt("workers", 3);
        out.println("imagefarm: starting " + workers + " worker member(s) (cluster '" + name + "')...");
        List<Cluster> members = LocalCluster.start(name, flags.getInt("cluster-port", DEFAULT_CLUSTER_PORT), workers);
        try {
            int killAfter = flags.getInt("kill-after", 0);
            IntConsumer onTile = done -> {
                if (done == killAfter && members.size() > 1) {
                    Cluster victim = members.getLast();
                    out.println();
                    out.println("imagefarm: killing member " + victim.localMember().address() + " after "
                            + done + " tiles");
                    go(victim::close);
                }
            };
            return job(members.getFirst(), flags, onTile, out);
        } finally {
            members.forEach(Cluster::close);
        }
    }

    private static Result runAsProcess(Flags flags, String name, PrintStream out) throws Exception {
        List<String> addresses = flags.getList("members", LocalCluster.addresses(DEFAULT_CLUSTER_PORT, 3));
        int node = flags.getInt("node", 1);
        if (node < 1 || node > addresses.size()) {
            throw new IllegalArgumentException("--node " + node + " is not in 1.." + addresses.size());
        }
        String own = addresses.get(node - 1);
        Cluster member = LocalCluster.member(name, Integer.parseInt(own.substring(own.lastIndexOf(':') + 1)), addresses);
        try {
            out.println("imagefarm: member " + member.localMember().address() + " joined cluster '" + name
                    + "' (" + member.members().size() + " member(s) so far)");
            if (flags.has("worker")) {
                out.println("imagefarm: worker ready; Ctrl-C to stop");
                Runtime.getRuntime().addShutdownHook(new Thread(member::close, "imagefarm-worker-shutdown"));
                new java.util.concurrent.CountDownLatch(1).await();
                return null;
            }
            out.println("imagefarm: waiting for all " + addresses.size() + " members...");
            LocalCluster.awaitSize(member, addresses.size(), LocalCluster.FORMATION_TIMEOUT);
            return job(member, flags, n -> { }, out);
        } finally {
            member.close();
        }
    }

    /** Loads or generates the image, runs the job on the cluster, writes the PNG, says what happened. */
    private static Result job(Cluster cluster, Flags flags, IntConsumer onTile, PrintStream out) throws Exception {
        Picture image;
        if (flags.has("in")) {
            image = Picture.read(Path.of(flags.get("in", "")));
            out.println("imagefarm: read " + flags.get("in", "") + ", " + image.width() + "x" + image.height());
        } else {
            image = Picture.generate(flags.getInt("width", 1024), flags.getInt("height", 768));
            out.println("imagefarm: generated a " + image.width() + "x" + image.height() + " test card");
        }
        Result result = process(cluster, image, flags.getInt("tile", 64),
                Duration.ofMillis(flags.getInt("delay", 0)), onTile, out);
        Path file = Path.of(flags.get("out", "imagefarm-edges.png")).toAbsolutePath();
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

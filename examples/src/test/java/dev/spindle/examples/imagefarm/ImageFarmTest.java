package dev.spindle.examples.imagefarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFarmTest {
    private static final int CLUSTER_PORT = 6000;

    @ParameterizedTest(name = "{0}x{1} in tiles of {2}")
    @CsvSource({"37, 23, 5", "64, 64, 64", "64, 64, 1", "100, 3, 7", "1, 1, 4"})
    void tilesWithTheirHaloGiveTheWholeImagesEdges(int width, int height, int tile) {
        Picture image = Picture.generate(width, height);
        byte[] assembled = new byte[width * height];
        for (Tile t : Tile.cut(image, tile)) {
            byte[] e = t.edges();
            new TileResult(t.index(), t.x(), t.y(), t.width(), t.height(), e, "here").pasteInto(assembled, width);
        }
        assertThat(assembled).isEqualTo(Sobel.reference(image));
    }

    /**
     * The example as a user runs it, on 3 members, with the last member killed after a quarter of the
     * tiles: the PNG it writes equals the single-threaded reference pixel for pixel.
     */
    @Test
    void writesTheReferenceEdgesEvenWhenAWorkerMemberIsKilledMidRun(@TempDir Path dir) throws Exception {
        var bytes = new ByteArrayOutputStream();
        Path png = dir.resolve("edges.png");
        ImageFarm.Result result = ImageFarm.run(new String[] {
            "--name", "imagefarm-test-" + UUID.randomUUID(), "--cluster-port", Integer.toString(CLUSTER_PORT),
            "--workers", "3", "--tile", "64", "--delay", "100", "--kill-after", "48", "--out", png.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        Picture card = Picture.generate(1024, 768);
        assertThat(Picture.readGrayPng(png)).isEqualTo(Sobel.reference(card));
        assertThat(result.tiles()).isEqualTo(192);
        assertThat(out)
                .contains("killing member 127.0.0.1:" + (CLUSTER_PORT + 2) + " after 48 tiles")
                .contains("[" + "#".repeat(ProgressBar.WIDTH) + "] 192/192 tiles")
                .contains("wrote " + png.toAbsolutePath());
        // The killed member did some tiles before it died, and some of its tiles were re-run elsewhere.
        assertThat(result.tilesPerMember()).containsKey("127.0.0.1:" + (CLUSTER_PORT + 2));
        assertThat(result.rerun()).isPositive();
        assertThat(result.tilesPerMember().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(192);
    }
}

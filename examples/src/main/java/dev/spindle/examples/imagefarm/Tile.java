package dev.spindle.examples.imagefarm;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One piece of the work: a tile of the image and the region around it that its edges depend on (the
 * tile plus a halo of one pixel, cut off at the image's border).
 *
 * @param index the tile's number, 0 at the top left, row by row
 * @param x the tile's left column in the image
 * @param y the tile's top row in the image
 * @param width the tile's width
 * @param height the tile's height
 * @param regionX the region's left column in the image
 * @param regionY the region's top row in the image
 * @param regionWidth the region's width
 * @param regionHeight the region's height
 * @param argb the region's pixels, row by row
 */
public record Tile(int index, int x, int y, int width, int height,
        int regionX, int regionY, int regionWidth, int regionHeight, int[] argb) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Cuts {@code image} into tiles of {@code size x size} pixels (smaller at the right and bottom
     * edges), each with its halo.
     *
     * @param image the image
     * @param size the tile side, at least 1
     * @return the tiles, row by row
     */
    public static List<Tile> cut(Picture image, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("tile size " + size + " is under 1");
        }
        List<Tile> tiles = new ArrayList<>();
        for (int y = 0; y < image.height(); y += size) {
            for (int x = 0; x < image.width(); x += size) {
                int w = Math.min(size, image.width() - x);
                int h = Math.min(size, image.height() - y);
                int rx = Math.max(0, x - 1);
                int ry = Math.max(0, y - 1);
                int rw = Math.min(image.width(), x + w + 1) - rx;
                int rh = Math.min(image.height(), y + h + 1) - ry;
                int[] region = new int[rw * rh];
                for (int row = 0; row < rh; row++) {
                    System.arraycopy(image.argb(), (ry + row) * image.width() + rx, region, row * rw, rw);
                }
                tiles.add(new Tile(tiles.size(), x, y, w, h, rx, ry, rw, rh, region));
            }
        }
        return tiles;
    }

    /**
     * Computes this tile's edges (grayscale, then Sobel).
     *
     * @return the tile's edge strengths, row by row
     */
    public byte[] edges() {
        return Sobel.edges(argb, regionWidth, regionHeight, x - regionX, y - regionY, width, height);
    }
}

package dev.spindle.examples.imagefarm;

import java.io.Serial;
import java.io.Serializable;

/**
 * A tile's edges, as a worker computed them.
 *
 * @param index the tile's number
 * @param x the tile's left column in the image
 * @param y the tile's top row in the image
 * @param width the tile's width
 * @param height the tile's height
 * @param edges the edge strengths, row by row
 * @param member the {@code host:port} of the member that computed it
 */
public record TileResult(int index, int x, int y, int width, int height, byte[] edges, String member)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Copies the edges into the whole image's.
     *
     * @param image the whole image's edge strengths, row by row
     * @param imageWidth its width
     */
    void pasteInto(byte[] image, int imageWidth) {
        for (int row = 0; row < height; row++) {
            System.arraycopy(edges, row * width, image, (y + row) * imageWidth + x, width);
        }
    }
}

package dev.spindle.examples.imagefarm;

/**
 * Grayscale and Sobel edge detection, on a whole image or on one tile with its halo.
 *
 * <p>Gray is ITU-R BT.601 luma in integers: {@code (299 R + 587 G + 114 B + 500) / 1000}. The edge
 * strength of a pixel is the magnitude of the two 3x3 Sobel gradients, {@code sqrt(gx² + gy²)},
 * rounded and capped at 255. A neighbour outside the image is the nearest pixel inside it (clamp to
 * edge).
 *
 * <p>Why tiles give the same picture: a tile is sent with a halo of one pixel on each side that
 * lies inside the image, so every neighbour a tile pixel needs is in the region it gets, and a
 * region's edge that is not a halo is the image's own edge, where clamping to the region is
 * clamping to the image. So {@code edges(region)} restricted to the tile equals {@code edges(image)}
 * restricted to the tile, pixel for pixel.
 */
public final class Sobel {
    private Sobel() {
    }

    /**
     * Returns the luma of an ARGB pixel (alpha ignored).
     *
     * @param argb the pixel
     * @return 0..255
     */
    static int gray(int argb) {
        int r = (argb >>> 16) & 0xff;
        int g = (argb >>> 8) & 0xff;
        int b = argb & 0xff;
        return (299 * r + 587 * g + 114 * b + 500) / 1000;
    }

    /**
     * Computes the edge strength of a window of a region.
     *
     * @param argb the region's pixels, row by row
     * @param width the region's width
     * @param height the region's height
     * @param x0 the window's left column in the region
     * @param y0 the window's top row in the region
     * @param w the window's width
     * @param h the window's height
     * @return the window's edge strengths (0..255, as unsigned bytes), row by row
     */
    public static byte[] edges(int[] argb, int width, int height, int x0, int y0, int w, int h) {
        if (argb.length != width * height) {
            throw new IllegalArgumentException("region of " + argb.length + " pixels is not " + width + "x" + height);
        }
        int[] gray = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            gray[i] = gray(argb[i]);
        }
        byte[] out = new byte[w * h];
        for (int y = y0; y < y0 + h; y++) {
            int up = Math.max(y - 1, 0) * width;
            int row = y * width;
            int down = Math.min(y + 1, height - 1) * width;
            for (int x = x0; x < x0 + w; x++) {
                int left = Math.max(x - 1, 0);
                int right = Math.min(x + 1, width - 1);
                int gx = gray[up + right] + 2 * gray[row + right] + gray[down + right]
                        - gray[up + left] - 2 * gray[row + left] - gray[down + left];
                int gy = gray[down + left] + 2 * gray[down + x] + gray[down + right]
                        - gray[up + left] - 2 * gray[up + x] - gray[up + right];
                long magnitude = Math.round(Math.sqrt((double) gx * gx + (double) gy * gy));
                out[(y - y0) * w + (x - x0)] = (byte) Math.min(255, magnitude);
            }
        }
        return out;
    }

    /**
     * The single-threaded reference: the edges of the whole image in one pass.
     *
     * @param image the image
     * @return its edge strengths, row by row
     */
    public static byte[] reference(Picture image) {
        return edges(image.argb(), image.width(), image.height(), 0, 0, image.width(), image.height());
    }
}

package dev.spindle.examples.imagefarm;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * An image as ARGB pixels, row by row: read from a file, or generated (deterministic, so a test can
 * recompute the expected output).
 *
 * @param width the width
 * @param height the height
 * @param argb the pixels, {@code width * height} of them
 */
public record Picture(int width, int height, int[] argb) {
    /**
     * Checks the size.
     *
     * @throws IllegalArgumentException if the pixels do not fill {@code width x height}
     */
    public Picture {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException(argb.length + " pixels do not make a " + width + "x" + height + " image");
        }
    }

    /**
     * Reads an image file (PNG, JPEG, GIF, BMP: whatever {@link ImageIO} reads).
     *
     * @param file the file
     * @return its pixels
     * @throws IOException if it cannot be read or is not an image
     */
    public static Picture read(Path file) throws IOException {
        BufferedImage image;
        try (var in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        }
        if (image == null) {
            throw new IOException(file + ": not an image format this JDK reads");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        return new Picture(w, h, image.getRGB(0, 0, w, h, null, 0, w));
    }

    /**
     * Generates a test card: colour gradients, discs, rectangles and diagonal stripes, plenty of edges.
     * The same size gives the same pixels on every JVM (integer arithmetic only).
     *
     * @param width the width
     * @param height the height
     * @return the picture
     */
    public static Picture generate(int width, int height) {
        int[] argb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                argb[y * width + x] = testCard(x, y, width, height);
            }
        }
        return new Picture(width, height, argb);
    }

    private static int testCard(int x, int y, int w, int h) {
        int r = x * 255 / w;
        int g = y * 255 / h;
        int b = 128;
        int unit = Math.max(1, Math.min(w, h) / 8);
        for (int i = 0; i < 5; i++) { // discs along a diagonal
            int cx = w * (2 * i + 1) / 10;
            int cy = h * (2 * i + 1) / 10;
            int dx = x - cx;
            int dy = y - cy;
            if (dx * dx + dy * dy < unit * unit) {
                return rgb(255 - 40 * i, 60 * i, 200 - 30 * i);
            }
        }
        if (x > w / 2 && x < w / 2 + 2 * unit && y > h / 8 && y < h / 8 + unit) {
            return rgb(250, 250, 250); // a white bar
        }
        if (x > w / 8 && x < w / 8 + unit && y > h / 2 && y < h - h / 8) {
            return rgb(10, 10, 10); // a black column
        }
        if (y > h * 3 / 4 && ((x + y) / Math.max(1, unit / 4)) % 2 == 0) {
            return rgb(r / 2, 255 - g, 255 - b); // stripes at the bottom
        }
        return rgb(r, g, b);
    }

    private static int rgb(int r, int g, int b) {
        return 0xff000000 | (r << 16) | (g << 8) | b;
    }

    /**
     * Writes 8-bit gray pixels as a PNG.
     *
     * @param gray the pixels, row by row
     * @param width the width
     * @param height the height
     * @param file where to write
     * @throws IOException if it cannot be written
     */
    public static void writeGrayPng(byte[] gray, int width, int height, Path file) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, gray);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    /**
     * Reads the gray pixels of a PNG written by {@link #writeGrayPng}.
     *
     * @param file the file
     * @return the pixels, row by row
     * @throws IOException if it cannot be read or is not 8-bit gray
     */
    public static byte[] readGrayPng(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null || image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new IOException(file + ": not an 8-bit gray image");
        }
        return (byte[]) image.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), null);
    }
}

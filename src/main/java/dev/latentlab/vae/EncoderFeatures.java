package dev.latentlab.vae;

/**
 * The image features of the {@code features} novelty score: the last encoder convolution's ReLU maps [C, h, w],
 * average-pooled over a 3 × 3 grid of overlapping windows (window i of a side n covers [⌊i·n/3⌋, ⌈(i+1)·n/3⌉),
 * PyTorch's adaptive pooling; for MNIST's 7 × 7 maps, windows of 3 with stride 2) and scaled to unit length, so
 * that the Euclidean distance between two images' features orders them as the cosine distance does. Measured
 * against the pooled 1 × 1 and 2 × 2 grids and the whole map (results.md, unknown inputs): 3 × 3 kept where the
 * parts of a digit are (a 0's ring against an 8's loops) at a ninth of the whole map's size.
 */
public final class EncoderFeatures {
    /** Windows per side. */
    public static final int GRID = 3;

    private EncoderFeatures() {
    }

    /** Features per image for maps of {@code channels} channels: channels × 3 × 3. */
    public static int width(int channels) {
        return channels * GRID * GRID;
    }

    /**
     * The unit-length pooled features of {@code maps}, one image's pre-activation maps in C-order [C, h, w]
     * (the ReLU is applied here).
     */
    public static double[] of(float[] maps, int channels, int height, int width) {
        double[] out = new double[width(channels)];
        double norm = 0;
        for (int c = 0; c < channels; c++) {
            int base = c * height * width;
            for (int gy = 0; gy < GRID; gy++) {
                int y0 = gy * height / GRID;
                int y1 = Math.max(y0 + 1, -Math.floorDiv(-(gy + 1) * height, GRID));
                for (int gx = 0; gx < GRID; gx++) {
                    int x0 = gx * width / GRID;
                    int x1 = Math.max(x0 + 1, -Math.floorDiv(-(gx + 1) * width, GRID));
                    double sum = 0;
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            sum += Math.max(0f, maps[base + y * width + x]);
                        }
                    }
                    double v = sum / ((y1 - y0) * (x1 - x0));
                    out[(c * GRID + gy) * GRID + gx] = v;
                    norm += v * v;
                }
            }
        }
        if (norm > 0) {
            double scale = 1 / Math.sqrt(norm);
            for (int i = 0; i < out.length; i++) {
                out[i] *= scale;
            }
        }
        return out;
    }
}

package dev.latentlab.patches;

import dev.latentlab.data.ImageSet;

/**
 * Rebuilds images from approximations of their windows by overlapping-patch averaging: every window of the image is
 * replaced by its approximation (its nearest centroid, or its sparse code's combination of atoms; blank windows
 * not coded contribute zeros), each pixel is the sum of the windows covering it divided by how many windows cover
 * it (the count matrix). Pixels covered by no window stay 0. With non-overlapping tiles every count is 1.
 */
public final class PatchReconstructor {
    private PatchReconstructor() {
    }

    /**
     * Reconstructs {@code images} given the nearest-centroid label of each of their non-blank windows, in
     * {@link PatchExtractor#extract(ImageSet, boolean) extract(images, true)} order.
     *
     * @return the reconstructions, float pixels 0..255, {@code count * height * width}
     */
    public static float[] reconstruct(ImageSet images, PatchExtractor patches, float[] centroids, int[] labels) {
        int dim = patches.dim();
        float[] windows = new float[labels.length * dim];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(centroids, labels[i] * dim, windows, i * dim, dim);
        }
        return reconstruct(images, patches, windows, false);
    }

    /**
     * Reconstructs {@code images} from the approximations of their windows ({@code windows}, one row of D values
     * per window, in {@link PatchExtractor#extract(ImageSet, boolean) extract} order): of every window when
     * {@code blanksIncluded}, otherwise of the non-blank windows only (blank ones then contribute zeros).
     *
     * @return the reconstructions, float pixels 0..255, {@code count * height * width}
     */
    public static float[] reconstruct(ImageSet images, PatchExtractor patches, float[] windows, boolean blanksIncluded) {
        int h = images.height();
        int w = images.width();
        int size = patches.size();
        int dim = patches.dim();
        long expected = patches.count(images, !blanksIncluded);
        if (windows.length != expected * dim) {
            throw new IllegalArgumentException(windows.length / dim + " window approximations for " + expected
                    + (blanksIncluded ? " windows" : " non-blank windows"));
        }
        float[] out = new float[images.count() * h * w];
        int[] coverage = coverage(patches, h, w);
        int next = 0;
        for (int i = 0; i < images.count(); i++) {
            int base = i * h * w;
            for (int r = 0; r < patches.positions(h); r++) {
                for (int c = 0; c < patches.positions(w); c++) {
                    int top = r * patches.stride();
                    int left = c * patches.stride();
                    if (!blanksIncluded && patches.isBlank(images, i, top, left)) {
                        continue;
                    }
                    int wb = next++ * dim;
                    for (int y = 0; y < size; y++) {
                        int row = base + (top + y) * w + left;
                        for (int x = 0; x < size; x++) {
                            out[row + x] += windows[wb + y * size + x];
                        }
                    }
                }
            }
            for (int p = 0; p < h * w; p++) {
                if (coverage[p] > 0) {
                    out[base + p] /= coverage[p];
                }
            }
        }
        return out;
    }

    /** How many windows cover each pixel of an h x w image. */
    static int[] coverage(PatchExtractor patches, int h, int w) {
        int[] counts = new int[h * w];
        int size = patches.size();
        for (int r = 0; r < patches.positions(h); r++) {
            for (int c = 0; c < patches.positions(w); c++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        counts[(r * patches.stride() + y) * w + c * patches.stride() + x]++;
                    }
                }
            }
        }
        return counts;
    }

    /** Mean squared error per pixel between the images (0..255) and their reconstructions. */
    public static double mse(ImageSet images, float[] reconstructions) {
        byte[] px = images.pixels();
        double sum = 0;
        for (int p = 0; p < px.length; p++) {
            double diff = (px[p] & 0xff) - reconstructions[p];
            sum += diff * diff;
        }
        return px.length == 0 ? 0 : sum / px.length;
    }

    /** Peak signal-to-noise ratio in dB for an MSE on the 0..255 scale. */
    public static double psnr(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}

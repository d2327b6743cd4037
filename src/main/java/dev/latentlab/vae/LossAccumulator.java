package dev.latentlab.vae;

/** Image-weighted running mean of {@link VaeLoss} values of batches of different sizes. */
final class LossAccumulator {
    private double loss;
    private double bce;
    private double kld;
    private long images;

    /** Adds the mean loss {@code batch} of {@code count} images. */
    void add(VaeLoss batch, long count) {
        loss += batch.loss() * count;
        bce += batch.bce() * count;
        kld += batch.kld() * count;
        images += count;
    }

    long images() {
        return images;
    }

    /** The mean over all images added; NaN terms when none were. */
    VaeLoss mean() {
        return new VaeLoss(loss / images, bce / images, kld / images);
    }
}

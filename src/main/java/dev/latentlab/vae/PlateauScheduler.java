package dev.latentlab.vae;

/**
 * PyTorch's {@code ReduceLROnPlateau} in mode "min" with a relative threshold and no cooldown: a value is an
 * improvement when it is below {@code best·(1 − threshold)}; after more than {@code patience} epochs without
 * one, the learning rate becomes {@code max(lr·factor, minLr)} (unless that changes it by at most 1e-8) and
 * the count starts again.
 */
public final class PlateauScheduler {
    private static final double EPS = 1e-8;

    /** The scheduler's state after some epochs, for checkpoints. */
    public record State(double best, int badEpochs, double learningRate) {
    }

    private final double factor;
    private final int patience;
    private final double threshold;
    private final double minLearningRate;
    private State state;

    /**
     * @param factor          multiplier of the learning rate on a plateau, in (0, 1)
     * @param patience        epochs without improvement tolerated before reducing (>= 0)
     * @param threshold       relative improvement that counts (>= 0; PyTorch's default 1e-4)
     * @param minLearningRate lower bound of the learning rate (>= 0)
     * @param state           the state to start from ({@link #initial} for a new run)
     */
    public PlateauScheduler(double factor, int patience, double threshold, double minLearningRate, State state) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("plateau factor must be in (0, 1), got " + factor);
        }
        if (patience < 0 || threshold < 0 || minLearningRate < 0) {
            throw new IllegalArgumentException("plateau patience, threshold and min_lr must be >= 0, got "
                    + patience + ", " + threshold + ", " + minLearningRate);
        }
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.minLearningRate = minLearningRate;
        this.state = state;
    }

    /** The state of a new run at {@code learningRate}: no best value yet. */
    public static State initial(double learningRate) {
        return new State(Double.POSITIVE_INFINITY, 0, learningRate);
    }

    /** Records an epoch's metric (e.g. validation loss) and returns the learning rate for the next epoch. */
    public double step(double metric) {
        double best = state.best();
        int bad = state.badEpochs();
        if (metric < best * (1 - threshold)) {
            best = metric;
            bad = 0;
        } else {
            bad++;
        }
        double lr = state.learningRate();
        if (bad > patience) {
            double reduced = Math.max(lr * factor, minLearningRate);
            if (lr - reduced > EPS) {
                lr = reduced;
            }
            bad = 0;
        }
        state = new State(best, bad, lr);
        return lr;
    }

    public double learningRate() {
        return state.learningRate();
    }

    public State state() {
        return state;
    }
}

package dev.latentlab.vae;

/**
 * Stops training after {@code patience} consecutive epochs whose metric (validation loss) is not strictly
 * below the best so far.
 */
public final class EarlyStopping {
    /** The rule's state after some epochs, for checkpoints. */
    public record State(double best, int badEpochs) {
    }

    /** The state of a new run: no best value yet. */
    public static final State INITIAL = new State(Double.POSITIVE_INFINITY, 0);

    private final int patience;
    private State state;

    /** @param patience epochs without improvement before stopping (>= 1) */
    public EarlyStopping(int patience, State state) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping patience must be >= 1, got " + patience);
        }
        this.patience = patience;
        this.state = state;
    }

    /** Records an epoch's metric; true when it is a new best. */
    public boolean update(double metric) {
        boolean improved = metric < state.best();
        state = improved ? new State(metric, 0) : new State(state.best(), state.badEpochs() + 1);
        return improved;
    }

    /** Whether the last {@code patience} epochs brought no improvement. */
    public boolean shouldStop() {
        return state.badEpochs() >= patience;
    }

    public double best() {
        return state.best();
    }

    public State state() {
        return state;
    }
}

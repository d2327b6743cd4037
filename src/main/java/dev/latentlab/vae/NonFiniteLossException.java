package dev.latentlab.vae;

/** Training diverged: a loss became NaN or infinite. The message names the epoch and batch. */
public final class NonFiniteLossException extends ArithmeticException {
    public NonFiniteLossException(String message) {
        super(message);
    }
}

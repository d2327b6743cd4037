package dev.latentlab.vae;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The reconstruction term of a model's loss, summed over the pixels of an image. Written as {@code bce} or
 * {@code mse} in configs and in a model's {@code vae.json}.
 */
public enum ReconstructionLoss {
    /** Binary cross-entropy on a sigmoid output. */
    BCE,
    /** Squared error on a linear output (the dense model only). */
    MSE;

    /** The name configs and model files use: bce or mse. */
    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The loss a model file names; anything else is an IllegalArgumentException. */
    @JsonCreator
    public static ReconstructionLoss of(String name) {
        for (ReconstructionLoss l : values()) {
            if (l.configName().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("loss must be bce or mse, got " + name);
    }
}

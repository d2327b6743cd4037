package dev.latentlab.mixture;

import java.util.Arrays;
import java.util.Locale;

/** The form of each component's covariance matrix, as in scikit-learn's {@code covariance_type}. */
public enum CovarianceType {
    /** Any symmetric positive definite matrix: D(D+1)/2 parameters per component. */
    FULL,
    /** A diagonal matrix: D parameters per component. */
    DIAGONAL,
    /** A multiple of the identity, σ²I: one parameter per component. */
    SPHERICAL;

    /** scikit-learn's name of the type: full, diag or spherical. */
    public String sklearnName() {
        return this == DIAGONAL ? "diag" : name().toLowerCase(Locale.ROOT);
    }

    /** The type with scikit-learn's name {@code name}, or null when none has it. */
    public static CovarianceType fromSklearnName(String name) {
        return Arrays.stream(values()).filter(t -> t.sklearnName().equals(name)).findFirst().orElse(null);
    }

    /** Free covariance parameters of one component of dimension {@code dim}. */
    long parametersPerComponent(int dim) {
        return switch (this) {
            case FULL -> (long) dim * (dim + 1) / 2;
            case DIAGONAL -> dim;
            case SPHERICAL -> 1;
        };
    }
}

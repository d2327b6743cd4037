package dev.latentlab.vae;

/**
 * A dropout-mask placeholder of a model graph: its name, the keep-probability of each unit and its shape after the
 * batch dimension ({@code [C, 1, 1]} for a spatial mask, {@code [width]} for a dense layer's).
 */
record DropoutMask(String name, double keep, long... shape) {
}

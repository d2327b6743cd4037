package dev.latentlab.vae;

import java.util.List;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Recovers the loss of a training step from the forward activations that {@code SameDiff.fit} computes anyway
 * (fit never evaluates the loss variable itself, so its History reports 0): μ, log σ² and the decoder's logits
 * of the step, with the batch's images, give BCE (from logits, numerically stable) and KLD as the graph defines
 * them, with the step's own dropout masks and ε, at the weights before the update. Costs a few elementwise
 * operations instead of a second forward pass.
 */
final class FitLossCapture extends BaseListener {
    private final double beta;
    private double bceSum;
    private boolean logitsSeen;
    private INDArray mu;
    private INDArray logvar;

    FitLossCapture(double beta) {
        this.beta = beta;
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext context, INDArray[] outputs) {
        List<String> names = op.getOutputsOfOp();
        for (int i = 0; i < names.size(); i++) {
            switch (names.get(i)) {
                case ConvVaeGraph.MU -> mu = replace(mu, outputs[i]);
                case ConvVaeGraph.LOGVAR -> logvar = replace(logvar, outputs[i]);
                case ConvVaeGraph.LOGITS -> {
                    bceSum = bceSum(outputs[i], batch.getFeatures(0));
                    logitsSeen = true;
                }
                default -> { }
            }
        }
    }

    /** The loss terms (batch means) of the step just run; throws if the step did not expose them. */
    VaeLoss take() {
        if (mu == null || logvar == null || !logitsSeen) {
            throw new IllegalStateException("the training step did not run the VAE's forward pass");
        }
        long n = mu.size(0);
        double kldSum;
        try (INDArray var = Transforms.exp(logvar, true);
             INDArray terms = var.addi(mu.mul(mu)).subi(logvar).subi(1.0)) {
            kldSum = 0.5 * terms.sumNumber().doubleValue();
        }
        double bce = bceSum / n;
        double kld = kldSum / n;
        mu.close();
        logvar.close();
        mu = null;
        logvar = null;
        logitsSeen = false;
        return new VaeLoss(bce + beta * kld, bce, kld);
    }

    private static INDArray replace(INDArray old, INDArray activation) {
        if (old != null) {
            old.close();
        }
        return activation.dup();
    }

    /** Σ over all pixels of max(l, 0) − l·x + log(1 + exp(−|l|)). */
    private static double bceSum(INDArray logits, INDArray x) {
        try (INDArray t = Transforms.abs(logits, true);
             INDArray relu = Transforms.relu(logits, true);
             INDArray lx = logits.mul(x)) {
            t.negi();
            Transforms.exp(t, false);
            Transforms.log(t.addi(1.0), false);
            return t.addi(relu).subi(lx).sumNumber().doubleValue();
        }
    }
}

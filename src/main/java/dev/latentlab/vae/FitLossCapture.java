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
 * of the step, with the batch's images, give the reconstruction term (BCE from logits, numerically stable, or the
 * squared error of an {@code mse} model) and KLD (0 for a plain autoencoder) as the graph defines them, with the
 * step's own dropout masks and ε, at the weights before the update. Costs a few elementwise operations instead of
 * a second forward pass.
 */
final class FitLossCapture extends BaseListener {
    private final double beta;
    private final boolean variational;
    private final boolean mse;
    private double bceSum;
    private boolean logitsSeen;
    private INDArray mu;
    private INDArray logvar;

    FitLossCapture(ModelArchitecture architecture) {
        this.beta = architecture.beta();
        this.variational = architecture.variational();
        this.mse = architecture.loss() == ReconstructionLoss.MSE;
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
                case GraphNames.MU -> mu = replace(mu, outputs[i]);
                case GraphNames.LOGVAR -> logvar = replace(logvar, outputs[i]);
                case GraphNames.LOGITS -> {
                    bceSum = reconstructionSum(outputs[i], batch.getFeatures(0));
                    logitsSeen = true;
                }
                default -> { }
            }
        }
    }

    /** The loss terms (batch means) of the step just run; throws if the step did not expose them. */
    VaeLoss take() {
        if (mu == null || (variational && logvar == null) || !logitsSeen) {
            throw new IllegalStateException("the training step did not run the model's forward pass");
        }
        long n = mu.size(0);
        double kldSum = 0;
        if (variational) {
            try (INDArray var = Transforms.exp(logvar, true);
                 INDArray terms = var.addi(mu.mul(mu)).subi(logvar).subi(1.0)) {
                kldSum = 0.5 * terms.sumNumber().doubleValue();
            }
            logvar.close();
        }
        double bce = bceSum / n;
        double kld = kldSum / n;
        mu.close();
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

    /** The reconstruction term summed over the batch; {@code x} are the images, viewed as the logits' shape. */
    private double reconstructionSum(INDArray logits, INDArray images) {
        INDArray x = java.util.Arrays.equals(images.shape(), logits.shape()) ? images : images.reshape(logits.shape());
        if (!mse) {
            return bceSum(logits, x);
        }
        try (INDArray diff = logits.sub(x)) {
            return diff.muli(diff).sumNumber().doubleValue();
        }
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

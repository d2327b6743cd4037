package dev.latentlab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Image sets as ND4J tensors for the networks: {@code [N, C, H, W]} float32 scaled from 0..255 to [0, 1]. */
public final class ImageTensors {
    private ImageTensors() {
    }

    /** All images of the set as one tensor. */
    public static INDArray unit(ImageSet images) {
        byte[] px = images.pixels();
        float[] values = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            values[i] = (px[i] & 0xff) / 255f;
        }
        return Nd4j.create(values, new long[] {images.count(), images.channels(), images.height(), images.width()}, DataType.FLOAT);
    }

    /** A tensor [N, C, H, W] in [0, 1] back to N flat float images (for image grids; colour as the channel mean). */
    public static java.util.List<float[]> toImages(INDArray tensor) {
        if (tensor.rank() == 4 && tensor.size(1) > 1) {
            tensor = tensor.mean(true, 1);
        }
        int n = (int) tensor.size(0);
        int size = (int) (tensor.length() / Math.max(1, n));
        float[] all = tensor.castTo(DataType.FLOAT).reshape(tensor.length()).toFloatVector();
        java.util.List<float[]> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(java.util.Arrays.copyOfRange(all, i * size, (i + 1) * size));
        }
        return out;
    }
}

package dev.latentlab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.image.ResizeArea;
import org.nd4j.linalg.api.ops.impl.image.ResizeBilinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Resizes the images of a set to another height and width with ND4J's image ops: area averaging when both sides
 * shrink (as {@link AreaResizingImageLoader} does for pictures: bilinear skips pixels and loses thin strokes),
 * bilinear otherwise (half-pixel centres, TensorFlow 2's and OpenCV's convention).
 */
public final class ImageResizer {
    private ImageResizer() {
    }

    /** {@code images} at {@code height} x {@code width} (the set itself when it has that size already). */
    public static ImageSet resize(ImageSet images, int height, int width) {
        if (images.height() == height && images.width() == width) {
            return images;
        }
        int n = images.count();
        int c = images.channels();
        float[] values = new float[images.pixels().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = images.pixels()[i] & 0xff;
        }
        boolean shrink = height <= images.height() && width <= images.width();
        byte[] out;
        try (INDArray nchw = Nd4j.create(values, new long[]{n, c, images.height(), images.width()}, DataType.FLOAT);
             INDArray nhwc = nchw.permute(0, 2, 3, 1).dup('c');
             INDArray resized = Nd4j.create(DataType.FLOAT, n, height, width, c)) {
            DynamicCustomOp op = shrink ? new ResizeArea(nhwc, resized, height, width, false)
                    : new ResizeBilinear(nhwc, resized, height, width, false, true);
            Nd4j.exec(op);
            try (INDArray back = resized.permute(0, 3, 1, 2).dup('c')) {
                float[] flat = back.reshape(back.length()).toFloatVector();
                out = new byte[flat.length];
                for (int i = 0; i < flat.length; i++) {
                    out[i] = (byte) Math.round(Math.min(255f, Math.max(0f, flat[i])));
                }
            }
        }
        return new ImageSet(n, c, height, width, out, images.labels());
    }
}

package dev.latentlab.data;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.datavec.image.loader.NativeImageLoader;

/**
 * DataVec's {@link NativeImageLoader} with OpenCV's area interpolation when an image shrinks (its default, bilinear,
 * skips pixels: a 40×40 stroke resampled to 28×28 loses ink), bilinear when it grows; the same resampling as
 * {@link PictureLoader}'s area averaging.
 */
final class AreaResizingImageLoader extends NativeImageLoader {
    AreaResizingImageLoader(long height, long width, long channels) {
        super(height, width, channels);
    }

    @Override
    protected Mat scalingIfNeed(Mat image, long dstHeight, long dstWidth) {
        if (dstHeight <= 0 || dstWidth <= 0 || (image.rows() == dstHeight && image.cols() == dstWidth)) {
            return image;
        }
        boolean shrink = image.rows() >= dstHeight && image.cols() >= dstWidth;
        Mat scaled = new Mat();
        resize(image, scaled, new Size((int) dstWidth, (int) dstHeight), 0, 0, shrink ? INTER_AREA : INTER_LINEAR);
        return scaled;
    }
}

package dev.latentlab.cli;

import dev.latentlab.data.ImageFormat;
import dev.latentlab.data.ImageLayout;
import dev.latentlab.data.PixelScale;
import picocli.CommandLine.Option;

/**
 * The {@code --layout} and {@code --scale} options of the commands that read an .npz of images for a model
 * (evaluate, predict): how the array's axes are laid out and how its values become [0, 1] intensities.
 */
final class ImageFormatOption {
    @Option(names = "--layout", paramLabel = "auto|nhw|nhwc|nchw",
            description = "With --npz: the images array's axes, [N,H,W], [N,H,W,C] or [N,C,H,W]; auto (default) "
                    + "reads rank 3 as nhw and rank 4 by its axis of 1 or 3 channels.")
    private ImageLayout layout = ImageLayout.AUTO;

    @Option(names = "--scale", paramLabel = "auto|none|max",
            description = "With --npz: how values become [0,1] intensities: auto (default: integers 0..255 / 255, "
                    + "floats in [0,1] as they are, other ranges refused), none (taken as they are, clipped to "
                    + "[0,1]) or max (divided by the array's maximum).")
    private PixelScale scale = PixelScale.AUTO;

    /** The chosen layout and scale. */
    ImageFormat value() {
        return ImageFormat.ofOptions(layout, scale);
    }
}

package dev.latentlab.data;

/**
 * How to read an images array: its {@link ImageLayout} and {@link PixelScale}, and the names of the config keys or
 * command-line options that set them, which the one-line refusals name as the fix.
 *
 * @param layout      the axes' layout
 * @param scale       how values become [0, 1] intensities
 * @param layoutKey   what sets the layout ({@code data.layout}, {@code --layout})
 * @param scaleKey    what sets the scale ({@code data.scale}, {@code --scale})
 */
public record ImageFormat(ImageLayout layout, PixelScale scale, String layoutKey, String scaleKey) {
    /** Auto layout and scale, set by the {@code --layout} and {@code --scale} options. */
    public static final ImageFormat OPTIONS = new ImageFormat(ImageLayout.AUTO, PixelScale.AUTO, "--layout", "--scale");

    /** The format of a config's {@code data.layout} and {@code data.scale} values. */
    public static ImageFormat ofConfig(ImageLayout layout, PixelScale scale) {
        return new ImageFormat(layout, scale, "data.layout", "data.scale");
    }

    /** The format of the {@code --layout} and {@code --scale} option values. */
    public static ImageFormat ofOptions(ImageLayout layout, PixelScale scale) {
        return new ImageFormat(layout, scale, "--layout", "--scale");
    }
}

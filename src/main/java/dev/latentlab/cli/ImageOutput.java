package dev.latentlab.cli;

import dev.latentlab.store.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A picture {@code --out} file (sample, reconstruct, quantize), checked by {@link OutputPath} before any work, in
 * the format its extension names: {@code .png} PNG, {@code .jpg}/{@code .jpeg} JPEG (quality {@value #QUALITY});
 * any other extension is refused.
 */
final class ImageOutput {
    /** The help text of such an {@code --out} option. */
    static final String DESCRIPTION = "The picture to write: a .png file, or a .jpg/.jpeg file for JPEG. "
            + OutputPath.FOLDERS;

    /** JPEG quality: high enough for the figures' labels to stay sharp. */
    static final float QUALITY = 0.92f;

    /** Something that writes a PNG file, such as the figure writers of the pipelines. */
    @FunctionalInterface
    interface PngWriter {
        void writeTo(Path png) throws IOException;
    }

    private final Path file;
    private final boolean jpeg;

    private ImageOutput(Path file, boolean jpeg) {
        this.file = file;
        this.jpeg = jpeg;
    }

    /** Checks {@code out} (see {@link OutputPath#file}) and takes its format from its extension. */
    static ImageOutput check(String option, Path out) {
        OutputPath.file(option, out, ".png", ".jpg", ".jpeg");
        return new ImageOutput(out, !".png".equals(OutputPath.extensionOf(out, ".png")));
    }

    Path file() {
        return file;
    }

    /** Writes {@code image}, atomically. */
    void write(BufferedImage image) throws IOException {
        if (!jpeg) {
            AtomicFiles.writePng(file, image);
            return;
        }
        BufferedImage opaque = opaque(image);
        AtomicFiles.writeStream(file, out -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(QUALITY);
                writer.setOutput(stream);
                writer.write(null, new IIOImage(opaque, null, null), param);
            } finally {
                writer.dispose();
            }
        });
    }

    /**
     * Writes what {@code png} writes: straight to the file for a PNG; for a JPEG through a temporary PNG that is
     * read back and encoded (the figure writers of the pipelines write PNG files only).
     */
    void write(PngWriter png) throws IOException {
        if (!jpeg) {
            png.writeTo(file);
            return;
        }
        Path temp = Files.createTempFile("latentlab-figure-", ".png");
        try {
            png.writeTo(temp);
            write(ImageIO.read(temp.toFile()));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** JPEG has no alpha channel: transparent parts become white. */
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}

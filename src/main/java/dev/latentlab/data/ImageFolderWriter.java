package dev.latentlab.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a labelled greyscale {@link ImageSet} as a class-folder tree ({@code dir/<label>/<index>.<format>}), the
 * layout {@link ImageFolderReader#readClasses} reads: PNG, JPEG (quality 0.95) or BMP, optionally resized
 * (bicubic) and inverted, so that held-out digits can be tried as pictures.
 */
public final class ImageFolderWriter {
    private ImageFolderWriter() {
    }

    /**
     * @param format {@code png}, {@code jpg} or {@code bmp}
     * @param size   side of the written images; the set's own size when 0
     * @param invert dark strokes on a light ground instead of the set's polarity
     * @return the number of files written
     */
    public static int write(ImageSet images, Path dir, String format, int size, boolean invert) throws IOException {
        if (images.labels() == null) {
            throw new IllegalArgumentException("the image set has no labels to name class folders by");
        }
        if (images.channels() != 1) {
            throw new IllegalArgumentException("only greyscale sets are written, got " + images.channels() + " channels");
        }
        String ext = format.toLowerCase(Locale.ROOT);
        for (int i = 0; i < images.count(); i++) {
            BufferedImage grey = new BufferedImage(images.width(), images.height(), BufferedImage.TYPE_BYTE_GRAY);
            for (int r = 0; r < images.height(); r++) {
                for (int c = 0; c < images.width(); c++) {
                    int v = images.pixel(i, r, c);
                    grey.getRaster().setSample(c, r, 0, invert ? 255 - v : v);
                }
            }
            BufferedImage out = size > 0 && size != images.width() ? resize(grey, size) : grey;
            Path folder = dir.resolve(Integer.toString(images.labels()[i]));
            Files.createDirectories(folder);
            write(out, folder.resolve(String.format(Locale.ROOT, "%05d.%s", i, ext)), ext);
        }
        return images.count();
    }

    private static BufferedImage resize(BufferedImage image, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(image, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    private static void write(BufferedImage image, Path file, String ext) throws IOException {
        if (!ext.equals("jpg")) {
            if (!ImageIO.write(image, ext, file.toFile())) {
                throw new IllegalArgumentException("no image writer for " + ext + " (expected png, jpg or bmp)");
            }
            return;
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}

package dev.latentlab.data;

import dev.latentlab.BadInputException;
import dev.latentlab.store.ShippedFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a PNG/JPEG/GIF/BMP file with ImageIO, treating the file as untrusted: its width × height are read from
 * the header first and must be within {@link #MAX_PIXELS} (a tiny file can claim a huge canvas), and whatever the
 * decoder throws on a malformed file (ImageIO's decoders throw runtime exceptions too) is a one-line
 * {@link BadInputException} naming the file.
 */
final class ImageFileReader {
    /** The most pixels an input picture may have (100 megapixels: 400 MB as ARGB). */
    static final long MAX_PIXELS = 100_000_000L;

    private ImageFileReader() {
    }

    /** Whether the picture's stored pixels have colour channels (its header says RGB); false when unreadable. */
    static boolean storedInColour(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return false;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                javax.imageio.ImageTypeSpecifier type = reader.getRawImageType(0);
                return type != null && type.getColorModel().getColorSpace().getNumComponents() >= 3
                        && !(type.getColorModel() instanceof java.awt.image.IndexColorModel palette && greyPalette(palette));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean greyPalette(java.awt.image.IndexColorModel palette) {
        for (int i = 0; i < palette.getMapSize(); i++) {
            if (palette.getRed(i) != palette.getGreen(i) || palette.getGreen(i) != palette.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    static BufferedImage read(Path file) {
        Path found = ShippedFiles.resolve(file);
        if (!Files.isRegularFile(found)) {
            throw new BadInputException(file + ": image file not found" + InputFolder.of(file));
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(found.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw notAnImage(file);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new BadInputException(file + ": image of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels (at most " + MAX_PIXELS + " pixels)");
                }
                BufferedImage image = reader.read(0);
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    throw notAnImage(file);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read image (" + e.getMessage() + ")");
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadInputException(file + ": corrupt image (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static BadInputException notAnImage(Path file) {
        return new BadInputException(file + ": not a readable image (expected PNG, JPEG, GIF or BMP)");
    }
}

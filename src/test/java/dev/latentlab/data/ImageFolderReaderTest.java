package dev.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
    private static ImageSet digits;

    @BeforeAll
    static void load() {
        digits = MnistFiles.test(MnistFixtures.dir()).withLabels(List.of(1, 4, 8)).head(40);
    }

    @Test
    void pngFolderGivesTheDigitsBackExactlyWithFolderValuesAsLabels(@TempDir Path dir) throws Exception {
        ImageFolderWriter.write(digits, dir, "png", 0, false);
        FolderImages read = new ImageFolderReader(1, 28, 28, PictureLoader.Invert.NO).readClasses(dir, "data.dir");
        assertThat(read.classNames()).containsExactly("1", "4", "8");
        assertThat(read.labelValues()).containsExactly(1, 4, 8);
        // files come sorted by class folder: compare as multisets of (label, image)
        assertThat(signatures(read.images())).containsExactlyInAnyOrderElementsOf(signatures(digits));
        assertThat(read.files()).hasSize(digits.count());
    }

    @Test
    void invertedLargerJpegsComeBackCloseToTheDigits(@TempDir Path dir) throws Exception {
        ImageFolderWriter.write(digits, dir, "jpg", 40, true);
        FolderImages read = new ImageFolderReader(1, 28, 28, PictureLoader.Invert.AUTO).readClasses(dir, "data.dir");
        ImageSet back = read.images();
        ImageSet sorted = byLabel(digits);
        double diff = 0;
        for (int i = 0; i < back.pixels().length; i++) {
            diff += Math.abs((back.pixels()[i] & 0xff) - (sorted.pixels()[i] & 0xff));
        }
        assertThat(back.labels()).containsExactly(sorted.labels());
        assertThat(diff / back.pixels().length).isLessThan(12.0);   // resampled twice, JPEG: close, not equal
        // without auto-inversion the ground stays light
        ImageSet raw = new ImageFolderReader(1, 28, 28, PictureLoader.Invert.NO).readClasses(dir, "x").images();
        assertThat(raw.pixel(0, 0, 0)).isGreaterThan(200);
        assertThat(back.pixel(0, 0, 0)).isLessThan(50);
    }

    @Test
    void textClassNamesAreNumberedInSortedOrderAndColourIsRgb(@TempDir Path dir) throws Exception {
        writeColour(dir.resolve("red/a.png"), 0xFF0000);
        writeColour(dir.resolve("blue/b.bmp"), 0x0000FF);
        FolderImages read = new ImageFolderReader(3, 4, 4, PictureLoader.Invert.NO).readClasses(dir, "data.dir");
        assertThat(read.classNames()).containsExactly("blue", "red");
        assertThat(read.labelValues()).containsExactly(0, 1);
        ImageSet images = read.images();
        assertThat(images.channels()).isEqualTo(3);
        assertThat(images.labels()).containsExactly(0, 1);
        int plane = 16;
        assertThat(images.pixels()[2 * plane] & 0xff).isEqualTo(255);            // blue image, B channel
        assertThat(images.pixels()[0] & 0xff).isEqualTo(0);                      // blue image, R channel
        assertThat(images.pixels()[3 * plane] & 0xff).isEqualTo(255);            // red image, R channel
        assertThat(images.pixels()[3 * plane + 2 * plane] & 0xff).isEqualTo(0);  // red image, B channel
    }

    @Test
    void looseFilesAreReadUnlabelledInTheOrderGiven(@TempDir Path dir) throws Exception {
        ImageFolderWriter.write(digits.head(3), dir, "png", 0, false);
        List<Path> files = ImageFolderListing.files(List.of(dir.resolve(Integer.toString(digits.labels()[0]))), "x");
        FolderImages read = new ImageFolderReader(1, 28, 28, PictureLoader.Invert.NO).readFiles(files, "--images");
        assertThat(read.images().labels()).isNull();
        assertThat(read.files()).isEqualTo(files);
    }

    @Test
    void badFoldersAndImagesAreRefusedWithOneLineNamingThePath(@TempDir Path dir) throws Exception {
        ImageFolderReader reader = new ImageFolderReader(1, 28, 28, PictureLoader.Invert.AUTO);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> reader.readClasses(empty, "data.dir")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("empty").hasMessageContaining("no class folders");

        Path noImage = dir.resolve("noimage");
        ImageFolderWriter.write(digits.head(2), noImage, "png", 0, false);
        Files.createDirectories(noImage.resolve("7"));
        Files.writeString(noImage.resolve("7/readme.txt"), "not an image");
        assertThatThrownBy(() -> reader.readClasses(noImage, "data.dir")).isInstanceOf(BadInputException.class)
                .hasMessageContaining(noImage.resolve("7").toString()).hasMessageContaining("holds no image");

        for (String ext : List.of("png", "jpg")) {
            Path truncated = dir.resolve("trunc_" + ext);
            ImageFolderWriter.write(digits.head(2), truncated, ext, 0, false);
            Path victim = Files.list(truncated.resolve(Integer.toString(digits.labels()[0]))).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(victim);
            Files.write(victim, Arrays.copyOf(bytes, bytes.length / 2));
            assertThatThrownBy(() -> reader.readClasses(truncated, "data.dir")).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(victim.toString()).hasMessageContaining("truncated");
        }

        Path garbage = dir.resolve("garbage");
        Files.createDirectories(garbage.resolve("3"));
        Files.writeString(garbage.resolve("3/x.png"), "hello, not a picture");
        assertThatThrownBy(() -> reader.readClasses(garbage, "data.dir")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("x.png").hasMessageContaining("not a PNG, JPEG or BMP");
        assertThat(reader).isNotNull();
    }

    /** A 4 x 4 picture of one colour, in the format of the file's extension (folders made). */
    static void writeColour(Path file, int rgb) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        String name = file.getFileName().toString();
        ImageIO.write(image, name.substring(name.lastIndexOf('.') + 1), file.toFile());
    }

    /** The set reordered as the reader lists it: by label folder, then by index within it. */
    private static ImageSet byLabel(ImageSet set) {
        Integer[] order = new Integer[set.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.toString(set.labels()[a]).compareTo(Integer.toString(set.labels()[b])) != 0
                ? Integer.toString(set.labels()[a]).compareTo(Integer.toString(set.labels()[b])) : Integer.compare(a, b));
        return set.select(Arrays.stream(order).mapToInt(Integer::intValue).toArray());
    }

    private static List<String> signatures(ImageSet set) {
        return java.util.stream.IntStream.range(0, set.count()).mapToObj(i -> set.labels()[i] + ":"
                + Arrays.hashCode(Arrays.copyOfRange(set.pixels(), i * set.imageSize(), (i + 1) * set.imageSize()))).toList();
    }
}

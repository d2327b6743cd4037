package dev.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInputTest {
    private static ImageSource folders(Path dir) {
        return new ImageSource(ImageSource.Kind.FOLDER, dir, false, null, null, null, null, PictureLoader.Invert.NO,
                3, 4, 4);
    }

    @Test
    void testFoldersWithTextNamesAreLabelledByTheTrainingFoldersNames(@TempDir Path dir) throws Exception {
        // training folders: blue, green, red (labels 0, 1, 2); the test set has only red and blue
        for (String name : List.of("blue", "green", "red")) {
            ImageFolderReaderTest.writeColour(dir.resolve("train/" + name + "/a.png"), 0x102030);
        }
        ImageFolderReaderTest.writeColour(dir.resolve("test/red/a.png"), 0xFF0000);
        ImageFolderReaderTest.writeColour(dir.resolve("test/red/b.png"), 0xFF0000);
        ImageFolderReaderTest.writeColour(dir.resolve("test/blue/c.png"), 0x0000FF);
        LabelledImages train = ImageInput.training(folders(dir.resolve("train")), false);
        assertThat(train.classNames()).containsExactly("blue", "green", "red");

        ImageSet test = ImageInput.testFolders(folders(dir), dir.resolve("test").toString(), "data.test_dir",
                train.classNames());
        // read alone, the test folders would be blue = 0, red = 1; by the training names red is 2
        assertThat(test.labels()).containsExactlyInAnyOrder(0, 2, 2);
        for (int i = 0; i < test.count(); i++) {
            boolean red = test.pixel(i, 0, 0) > 200;
            assertThat(test.labels()[i]).isEqualTo(red ? 2 : 0);
        }
    }

    @Test
    void aTestFolderTheTrainingSetLacksIsRefusedNamingTheKeyAsWritten(@TempDir Path dir) throws Exception {
        ImageFolderReaderTest.writeColour(dir.resolve("test/purple/a.png"), 0x800080);
        String written = dir.resolve("test") + "/";
        assertThatThrownBy(() -> ImageInput.testFolders(folders(dir), written, "data.test_dir", List.of("blue", "red")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("data.test_dir " + written + ": class folders [purple] are not among data.dir's [blue, red]");
    }

    @Test
    void numericTestFoldersKeepTheirValues(@TempDir Path dir) throws Exception {
        ImageFolderReaderTest.writeColour(dir.resolve("test/7/a.png"), 0xFFFFFF);
        ImageFolderReaderTest.writeColour(dir.resolve("test/3/b.png"), 0x000000);
        ImageSet test = ImageInput.testFolders(folders(dir), dir.resolve("test").toString(), "data.test_dir",
                List.of("3", "5", "7"));
        assertThat(test.labels()).containsExactlyInAnyOrder(3, 7);
    }

    @Test
    void anUnlabelledNpzIsRefusedWhereLabelledDigitsAreNeeded(@TempDir Path dir) throws Exception {
        Path npz = dir.resolve("images.npz");
        NpzWriter.write(npz, java.util.Map.of("x", NpyArray.ofUint8(new byte[2 * 28 * 28], 2, 28, 28)),
                NpzWriter.Compression.STORED);
        assertThatThrownBy(() -> ImageInput.labelledNpz(npz.toString(), ImageFormat.ofConfig(ImageLayout.AUTO,
                PixelScale.AUTO), "evaluate.npz"))
                .isInstanceOf(BadInputException.class)
                .hasMessage(npz + ": no labels found (evaluate.npz needs labelled digits)");
    }
}

package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentlab.data.MnistFixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command assumes is said, and what it cannot mean is refused (issue 26 item 9). */
class AssumptionsCliTest {
    @TempDir
    Path tmp;

    @Test
    void labelsOutsideTheDatasetsClassesAreRefusedNotDropped() {
        Path out = tmp.resolve("x.npz");
        CliRun r = CliRun.of("data", "npz", "--split", "test", "--digits", "1,44", "--dir",
                MnistFixtures.dir().toString(), "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --digits 44: expected labels 0-9 (the dataset's classes)");
        assertThat(out).doesNotExist();
    }

    @Test
    void aPaletteLargerThanThePicturesColoursIsNoted() throws IOException {
        BufferedImage four = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = four.createGraphics();
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE};
        for (int i = 0; i < 4; i++) {
            g.setColor(colours[i]);
            g.fillRect((i % 2) * 8, (i / 2) * 8, 8, 8);
        }
        g.dispose();
        Path picture = tmp.resolve("four.png");
        ImageIO.write(four, "png", picture.toFile());
        CliRun r = CliRun.of("quantize", "--image", picture.toString(), "--k", "8", "--method", "kmeans", "--out",
                tmp.resolve("q.png").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("--k 8 is above the picture's 4 distinct colours");
        CliRun fits = CliRun.of("quantize", "--image", picture.toString(), "--k", "4", "--method", "kmeans", "--out",
                tmp.resolve("q4.png").toString());
        assertThat(fits.err()).doesNotContain("distinct colours:");
    }
}

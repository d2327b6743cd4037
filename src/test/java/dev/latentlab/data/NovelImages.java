package dev.latentlab.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the novel, non-digit test pictures shipped in {@code configs/images/}: three letters and three shapes, black
 * 5-pixel strokes on a white 56x56 canvas (like a drawing; the loader inverts and halves them to MNIST's 28x28),
 * without anti-aliasing so that every JDK draws the same pixels. Regenerate them from the repository root with
 * {@code java -cp target/test-classes dev.latentlab.data.NovelImages configs/images}.
 */
public final class NovelImages {
    /** The picture names; each is {@code configs/images/<name>.png}. */
    public static final List<String> NAMES = List.of("letter_a", "letter_e", "letter_k", "circle", "square", "triangle");
    static final int SIZE = 56;

    private NovelImages() {
    }

    /** The picture called {@code name}. */
    public static BufferedImage draw(String name) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, SIZE, SIZE);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            switch (name) {
                case "letter_a" -> lines(g, 14, 46, 28, 10, 28, 10, 42, 46, 19, 33, 37, 33);
                case "letter_e" -> lines(g, 16, 10, 16, 46, 16, 10, 40, 10, 16, 28, 35, 28, 16, 46, 40, 46);
                case "letter_k" -> lines(g, 17, 10, 17, 46, 40, 10, 17, 31, 24, 25, 41, 46);
                case "circle" -> g.draw(new Ellipse2D.Double(12, 12, 32, 32));
                case "square" -> g.draw(new Rectangle2D.Double(13, 13, 30, 30));
                case "triangle" -> {
                    Path2D.Double t = new Path2D.Double();
                    t.moveTo(28, 10);
                    t.lineTo(46, 44);
                    t.lineTo(10, 44);
                    t.closePath();
                    g.draw(t);
                }
                default -> throw new IllegalArgumentException("no picture called " + name + ", expected one of " + NAMES);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void lines(Graphics2D g, int... xy) {
        for (int i = 0; i + 3 < xy.length; i += 4) {
            g.draw(new Line2D.Double(xy[i], xy[i + 1], xy[i + 2], xy[i + 3]));
        }
    }

    /** Writes every picture as {@code <dir>/<name>.png}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "configs/images");
        Files.createDirectories(dir);
        for (String name : NAMES) {
            Path file = dir.resolve(name + ".png");
            ImageIO.write(draw(name), "png", file.toFile());
            System.out.println(file);
        }
    }
}

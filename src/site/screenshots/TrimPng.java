import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Cuts the blank bottom off a headless-browser screenshot taken with a window taller than the page, keeping a
 * margin: {@code java TrimPng.java in.png out.png}. Used by screenshots.sh (Chromium cannot size a window to its page).
 */
public class TrimPng {
    public static void main(String[] args) throws Exception {
        BufferedImage image = ImageIO.read(new File(args[0]));
        int background = image.getRGB(image.getWidth() - 1, image.getHeight() - 1);
        int last = image.getHeight() - 1;
        rows:
        for (; last > 0; last--) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, last) != background) {
                    break rows;
                }
            }
        }
        int height = Math.min(image.getHeight(), last + 1 + 24);
        ImageIO.write(image.getSubimage(0, 0, image.getWidth(), height), "png", new File(args[1]));
        System.out.println(args[1] + ": " + image.getWidth() + " x " + height);
    }
}

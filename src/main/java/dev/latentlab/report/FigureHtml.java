package dev.latentlab.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The report's {@code <figure>} elements, numbered in page order: the picture at its own size up to the page's
 * width (its size read from the PNG header, so the page does not jump while it loads) and a caption that says what
 * it shows. Remembers which files are on the page, so none is shown twice.
 */
final class FigureHtml {
    /** Pictures wider than this take a row of their own, shown at most {@link #PAGE} wide. */
    static final int WIDE = 1000;
    /** The widest a narrower picture is shown, so that two sit in a row. */
    static final int SHOWN = 605;
    /** The page's width for text and pictures. */
    static final int PAGE = 1240;

    private final Path dir;
    private final Set<String> placed = new LinkedHashSet<>();
    private int number;

    FigureHtml(Path dir) {
        this.dir = dir;
    }

    /** Whether {@code file} is on the page already. */
    boolean placed(String file) {
        return placed.contains(file);
    }

    /** Appends the figure of {@code file} (a PNG in the run folder) with its caption. */
    void append(StringBuilder html, String file, String caption) {
        placed.add(file);
        int[] size = size(dir.resolve(file));
        boolean wide = size != null && size[0] > WIDE;
        html.append("<figure").append(wide ? " class=\"wide\"" : "");
        if (size != null) {        // the caption wraps at the picture's shown width
            html.append(" style=\"width:").append(Math.min(size[0], wide ? PAGE : SHOWN)).append("px\"");
        }
        html.append("><a href=\"").append(Html.escape(Html.href(file))).append("\"><img src=\"")
                .append(Html.escape(Html.href(file))).append("\" alt=\"").append(Html.escape(caption)).append('"');
        if (size != null) {
            html.append(" width=\"").append(size[0]).append("\" height=\"").append(size[1]).append('"');
        }
        html.append("></a><figcaption><b>Figure ").append(++number).append(".</b> ").append(Html.escape(caption))
                .append(" <span class=\"file\">").append(Html.escape(file)).append("</span></figcaption></figure>\n");
    }

    /** Width and height from the PNG's header, or null when it cannot be read. */
    private static int[] size(Path png) {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

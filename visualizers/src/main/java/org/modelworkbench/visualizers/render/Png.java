package org.modelworkbench.visualizers.render;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.modelworkbench.visualizers.io.AtomicFiles;

/**
 * Writes figures as PNG files, atomically (a temporary file in the same folder, then a move), so an
 * export interrupted half way never leaves a broken image, and creating missing folders.
 */
public final class Png {
    private Png() {
    }

    /** Writes {@code image} to {@code file}. */
    public static void write(BufferedImage image, Path file) throws IOException {
        write(image, file, 0);
    }

    /** Renders {@code figure} and writes it to {@code file}. */
    public static void write(Figure figure, Path file) throws IOException {
        write(figure.render(), file, 0);
    }

    /**
     * Writes {@code image} to {@code file}, recording {@code dpi} dots per inch in the PNG's
     * {@code pHYs} chunk (so a word processor places it at its intended print size); 0 records none.
     */
    public static void write(BufferedImage image, Path file, double dpi) throws IOException {
        if (image == null) {
            throw new IllegalArgumentException("no image to write to " + file);
        }
        if (dpi < 0 || Double.isNaN(dpi) || Double.isInfinite(dpi)) {
            throw new IllegalArgumentException("dpi must be 0 (none) or positive, got " + dpi);
        }
        AtomicFiles.write(file, out -> {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
            if (!writers.hasNext()) {
                throw new IOException("this Java runtime has no PNG writer");
            }
            ImageWriter writer = writers.next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                IIOMetadata meta = dpi > 0 ? withDpi(writer, image, dpi) : null;
                writer.write(null, new IIOImage((RenderedImage) image, null, meta), null);
            } finally {
                writer.dispose();
            }
        });
    }

    private static IIOMetadata withDpi(ImageWriter writer, BufferedImage image, double dpi) throws IOException {
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        String perMetre = Long.toString(Math.round(dpi / 0.0254));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        meta.mergeTree("javax_imageio_png_1.0", root);
        return meta;
    }
}

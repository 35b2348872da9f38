package org.modelworkbench.visualizers.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.w3c.dom.Node;

class PngTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void aFigureWrittenAndReadBackHasTheSamePixelsInANewFolder() throws Exception {
        HeatmapFigure f = HeatmapFigure.builder(FloatTensor.of(new float[] {0, 1, Float.NaN, 3}, 2, 2)).title("t").build();
        BufferedImage img = f.render();
        Path file = dir.resolve("views/attention/head0.png");
        Png.write(img, file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertThat(back.getWidth()).isEqualTo(img.getWidth());
        assertThat(back.getHeight()).isEqualTo(img.getHeight());
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 5) {
                assertThat(back.getRGB(x, y)).as("(%d, %d)", x, y).isEqualTo(img.getRGB(x, y));
            }
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    @Test
    void theRequestedDpiIsRecordedForPrint() throws Exception {
        Path file = dir.resolve("print.png");
        Png.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB), file, 300);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata meta = reader.getImageMetadata(0);
            Node root = meta.getAsTree("javax_imageio_png_1.0");
            Node phys = null;
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("pHYs")) {
                    phys = n;
                }
            }
            assertThat(phys).isNotNull();
            assertThat(phys.getAttributes().getNamedItem("pixelsPerUnitXAxis").getNodeValue()).isEqualTo("11811");
            assertThat(phys.getAttributes().getNamedItem("unitSpecifier").getNodeValue()).isEqualTo("meter");
            reader.dispose();
        }
    }
}

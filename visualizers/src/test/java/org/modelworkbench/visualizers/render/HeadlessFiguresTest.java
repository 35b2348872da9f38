package org.modelworkbench.visualizers.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The headless command line draws figures and writes files through {@code render} and {@code io}
 * without JavaFX: no class there may refer to a {@code javafx} class (checked in the compiled class
 * files, where every referenced class is named in the constant pool).
 */
class HeadlessFiguresTest {

    @Test
    void noClassOfRenderOrIoRefersToJavafx() throws IOException, URISyntaxException {
        Path classes = Path.of(Figure.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path base = classes.resolve("org/modelworkbench/visualizers");
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(base.resolve("render")), Files.walk(base.resolve("io")))) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(files).as("compiled classes of render and io").hasSizeGreaterThan(10)
                .anyMatch(p -> p.getFileName().toString().equals("HeatmapFigure.class"))
                .anyMatch(p -> p.getFileName().toString().equals("Csv.class"));
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(text).as(f.getFileName().toString()).doesNotContain("javafx/");
        }
        // The check does see references: the colour map, which also serves the FX views, names javafx.
        Path colorMap = base.resolve("color/ColorMap.class");
        assertThat(new String(Files.readAllBytes(colorMap), StandardCharsets.ISO_8859_1)).contains("javafx/");
    }

    @Test
    void largeInputsMakeFiguresOfAManageableSize() {
        MatrixFigure m = MatrixFigure.builder(FloatTensor.zeros(300, 300)).build();
        assertThat(m.width()).isLessThan(1200);
        assertThat(m.height()).isLessThan(1200);
        assertThat(m.render().getWidth()).isEqualTo(m.width());
        String[] layers = new String[60];
        double[] y = new double[60];
        for (int i = 0; i < 60; i++) {
            layers[i] = "features." + i + ".block.mixer";
            y[i] = Math.sin(i);
        }
        LineChart c = LineChart.categorical(List.of(layers)).series("s", y).build();
        assertThat(c.render().getHeight()).isEqualTo(c.height());
        assertThat(Csv.longFormat(FloatTensor.zeros(2, 3, 4), "c", "y", "x").rows()).isEqualTo(24);
    }
}

package org.modelworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workbench visualize filters|spectra|similarity resnet-fmnist --untrained}: files written, PNGs decode. */
class VisualizeFeatureKindsTest {
    @TempDir
    Path dir;

    private void visualize(String kind, String[] panels, String... extra) throws Exception {
        Path out = dir.resolve(kind);
        String[] base = {"visualize", kind, "resnet-fmnist", "--untrained", "--images", "4", "--out", out.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        CliRun r = CliRun.of(args);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("data").resolve("bundle.json")).isRegularFile();
        for (String p : panels) {
            Path png = out.resolve(p + ".png");
            assertThat(r.outLines()).contains(png.toString());
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(p).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(100);
            assertThat(Files.readString(out.resolve(p + ".csv")).lines().count()).as(p).isGreaterThan(1);
        }
    }

    @Test
    void filtersWritesItsFivePanels() throws Exception {
        visualize("filters", new String[] {"clusters", "mosaic", "shapes", "shapes-by-layer", "kernel-spectrum"});
        assertThat(dir.resolve("filters").resolve("clusters-kernels.csv")).isRegularFile();
    }

    @Test
    void spectraWritesItsPanelsWithASmallInputFilterTest() throws Exception {
        visualize("spectra", new String[] {"depth", "spectrum", "radial", "input-filter"}, "--option", "filterImages=8");
        assertThat(dir.resolve("spectra").resolve("spectrum-diagonal.csv")).isRegularFile();
    }

    @Test
    void similarityWritesTheCkaMatrixAndTheEffectiveRanks() throws Exception {
        visualize("similarity", new String[] {"cka", "effective-rank"});
    }

    @Test
    void aBadViewOptionIsRefusedWithExitCodeTwo() {
        CliRun r = CliRun.of("visualize", "filters", "resnet-fmnist", "--untrained", "--option", "k=1", "--out",
                dir.resolve("bad").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'k'");
    }
}

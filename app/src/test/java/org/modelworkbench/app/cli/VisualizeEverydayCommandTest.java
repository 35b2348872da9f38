package org.modelworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.visualizers.bundle.Bundle;

/**
 * {@code workbench visualize} for the everyday views (activations, gradcam, erf, confusion, embedding) on
 * the ResNet Fashion-MNIST template with fresh weights and 4 images: PNGs that decode, their CSV tables and
 * the bundle the GUI would read.
 */
class VisualizeEverydayCommandTest {
    @TempDir
    Path dir;

    private Bundle run(String kind, List<String> pngs, List<String> csvs, String... extra) throws Exception {
        String[] base = {"visualize", kind, "resnet-fmnist", "--untrained", "--images", "4", "--out", dir.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String png : pngs) {
            BufferedImage img = ImageIO.read(dir.resolve(png + ".png").toFile());
            assertThat(img).as(png).isNotNull();
            assertThat(img.getWidth()).as(png).isGreaterThan(150);
            assertThat(r.out()).contains(dir.resolve(png + ".png").toString());
        }
        for (String csv : csvs) {
            assertThat(Files.size(dir.resolve(csv + ".csv"))).as(csv).isPositive();
        }
        return Bundle.read(dir.resolve("data"));
    }

    @Test
    void activationsWriteTheChannelGridAndTheDepthSummaryWithEveryLayersOutput() throws Exception {
        Bundle b = run("activations", List.of("activations", "activations-depth"), List.of("activations", "activations-depth"));
        List<String> layers = b.strings("layers");
        assertThat(layers).isNotEmpty();
        assertThat(b.tensor("act." + layers.get(0)).dim(0)).isEqualTo(4);
        assertThat(layers).contains(b.string("node"));
        assertThat(b.tensor("act." + b.string("node")).rank()).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("activations.csv"))).startsWith("channel,mean,std,max,fraction_le_0");
    }

    @Test
    void gradcamExplainsTheAskedClassOnTheLastFeatureMap() throws Exception {
        Bundle b = run("gradcam", List.of("gradcam", "gradcam-all"), List.of("gradcam", "gradcam-all"),
                "--option", "class=3");
        assertThat(b.tensor("activation").rank()).isEqualTo(4);
        assertThat(b.tensor("activation").shape()).isEqualTo(b.tensor("gradient").shape());
        assertThat(b.tensor("classes").values()).containsOnly(3f);
        assertThat(b.string("targetLayout")).isEqualTo("NCHW");
    }

    @Test
    void erfAveragesTheInputGradientAndCarriesTheTheoreticalField() throws Exception {
        Bundle b = run("erf", List.of("erf", "erf-cumulative"), List.of("erf", "erf-ratios", "erf-cumulative"));
        assertThat(b.tensor("meanGradient").shape()).containsExactly(28, 28);
        assertThat(b.integer("count") + b.integer("skipped")).isEqualTo(4);
        assertThat(b.integer("fieldSize")).isGreaterThan(3);
        assertThat(b.bool("fieldGlobal", true)).isFalse();
    }

    @Test
    void confusionCountsThePredictionsOfTheFirstImages() throws Exception {
        Bundle b = run("confusion", List.of("confusion"), List.of("confusion", "confusion-per-class"),
                "--option", "normalise=true");
        assertThat(b.tensor("predicted").dim(0)).isEqualTo(4);
        assertThat(b.tensor("labels").dim(0)).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("confusion-per-class.csv"))).startsWith("class,precision,recall,f1,support");
    }

    @Test
    void embeddingTakesImagesPerClassAndWritesOnePointEach() throws Exception {
        Bundle b = run("embedding", List.of("embedding"), List.of("embedding"));
        int n = b.tensor("features").dim(0);
        assertThat(n).isEqualTo(40); // 4 per class, 10 classes
        assertThat(Files.readAllLines(dir.resolve("embedding.csv"))).hasSize(n + 1);
        assertThat(b.tensor("images").dim(0)).isLessThanOrEqualTo(16);
    }
}

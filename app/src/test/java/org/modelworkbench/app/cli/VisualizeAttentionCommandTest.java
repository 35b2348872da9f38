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

/** {@code workbench visualize attention}: a real ViT template probed on four test images, written as PNG, CSV and NumPy. */
class VisualizeAttentionCommandTest {
    @TempDir
    Path dir;

    @Test
    void attentionOfTheVitTemplateWritesEveryPanelItsTablesAndTheBundle() throws Exception {
        CliRun r = CliRun.of("visualize", "attention", "vit-fmnist", "--untrained", "--images", "4", "--out", dir.toString(),
                "--query", "2,5", "--option", "discard=0.9", "--option", "fusion=max");

        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String name : List.of("query", "rollout", "distance", "entropy")) {
            Path png = dir.resolve(name + ".png");
            assertThat(r.outLines()).contains(png.toString());
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(200);
            assertThat(dir.resolve(name + ".csv")).isRegularFile();
        }
        assertThat(Files.readAllLines(dir.resolve("distance-heads.csv"))).hasSize(1 + 6 * 4)
                .first().isEqualTo("layer,node,head,mean_attention_distance_px,entropy_nats");
        Bundle b = Bundle.read(dir.resolve("data"));
        assertThat(b.strings("layers")).containsExactly("block1", "block2", "block3", "block4", "block5", "block6");
        assertThat(b.string("node")).isEqualTo("block6");
        assertThat(b.tensor("layer0.attention").shape()).containsExactly(4, 4, 50, 50);
        assertThat(b.tensor("images").dim(0)).isEqualTo(4);
    }

    @Test
    void aDesignWithoutAttentionFailsWithOneLineNamingIt() {
        CliRun r = CliRun.of("visualize", "attention", "resnet-fmnist", "--untrained", "--images", "1", "--out", dir.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).anySatisfy(l -> assertThat(l)
                .contains("has no attention, window attention, focal modulation or selective scan"));
    }
}

package org.modelworkbench.visualizers.views.gradcam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;

class GradcamViewTest {
    private final GradcamView view = new GradcamView();

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * views-exact §10 G1/G2 for both images: A₀ = [[1,0],[0,0]], A₁ = [[0,0],[0,1]], G₀ ≡ 1, G₁ ≡ −1, images 4×4;
     * image 1 with the channels swapped (its CAM is then [[0,0],[0,1]] flipped to the other corner).
     */
    static Bundle planted() {
        float[] a = {1, 0, 0, 0, 0, 0, 0, 1, /* image 1 */ 0, 0, 0, 1, 1, 0, 0, 0};
        float[] g = {1, 1, 1, 1, -1, -1, -1, -1, 1, 1, 1, 1, -1, -1, -1, -1};
        return Bundle.builder("gradcam")
                .meta(GradcamView.TARGET, "stage4")
                .meta("classNames", List.of("cat", "dog", "emu"))
                .meta("imageIndices", List.of("3", "9"))
                .tensor("images", FloatTensor.of(new float[2 * 16], 2, 1, 4, 4))
                .tensor("labels", FloatTensor.of(new float[] {1, 2}, 2))
                .tensor(GradcamView.ACTIVATION, FloatTensor.of(a, 2, 2, 2, 2))
                .tensor(GradcamView.GRADIENT, FloatTensor.of(g, 2, 2, 2, 2))
                .tensor(GradcamView.LOGITS, FloatTensor.of(new float[] {0, 2, 0, 3, 1, 0}, 2, 3))
                .tensor(GradcamView.CLASSES, FloatTensor.of(new float[] {1, 0}, 2))
                .build();
    }

    @Test
    void theChosenImagesMapIsTheUpsampledCamOfSectionTenAndItsTitleNamesTheClasses() {
        assertThat(Views.of("gradcam")).isInstanceOf(GradcamView.class);
        assertThat(view.images(planted())).isEqualTo(2);
        List<Panel> panels = view.render(planted(), ViewOptions.defaults());

        assertThat(panels).extracting(Panel::name).containsExactly("gradcam", "gradcam-all");
        List<String> rows = panels.get(0).tables().get("").text().lines().toList();
        assertThat(rows).hasSize(5);
        double[][] expected = {{1, .75, .25, 0}, {.75, .5625, .1875, 0}, {.25, .1875, .0625, 0}, {0, 0, 0, 0}};
        for (int r = 0; r < 4; r++) {
            String[] cells = rows.get(r + 1).split(",");
            for (int c = 0; c < 4; c++) {
                assertThat(Double.parseDouble(cells[c + 1])).as("(%d, %d)", r, c).isCloseTo(expected[r][c],
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        assertThat(panels.get(0).figure().render().getWidth()).isGreaterThan(256);
        assertThat(panels.get(0).caption()).contains("dog").contains("stage4");
    }

    @Test
    void theGridTableListsEveryImageWithItsClassesAndTheScoredProbability() {
        Panel all = view.render(planted(), ViewOptions.defaults().withImage(1).withOpacity(0.3)).get(1);
        List<String> rows = all.tables().get("").text().lines().toList();
        assertThat(rows.get(0)).isEqualTo("position,image_index,true,predicted,scored,probability,logit");
        double p = Math.exp(2) / (2 + Math.exp(2));
        assertThat(rows.get(1)).startsWith("0,3,dog,dog,dog,");
        assertThat(Double.parseDouble(rows.get(1).split(",")[5])).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(rows.get(1)).endsWith(",2.0");
        assertThat(rows.get(2)).startsWith("1,9,emu,cat,cat,");
        assertThat(all.figure().render()).isNotNull();
    }

    @Test
    void anImageOutsideTheProbedOnesIsRefused() {
        assertThatThrownBy(() -> view.render(planted(), ViewOptions.defaults().withImage(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image position 2");
    }
}

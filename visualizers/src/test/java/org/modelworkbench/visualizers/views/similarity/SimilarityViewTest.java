package org.modelworkbench.visualizers.views.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.render.MatrixFigure;
import org.modelworkbench.visualizers.similarity.Cka;
import org.modelworkbench.visualizers.similarity.CkaMatrix;
import org.modelworkbench.visualizers.similarity.EffectiveRank;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;

class SimilarityViewTest {
    private final SimilarityView view = new SimilarityView();

    /** The §8 planted features: biased CKA(X, Y) = 0.353115. */
    static final FloatTensor X = FloatTensor.of(new float[] {1, 0, 0, 1, 1, 1, 2, 0, 0, 3, 1, 2}, 6, 2);
    static final FloatTensor Y = FloatTensor.of(new float[] {1, 1, 0, 0, 1, 1, 2, 0, 1, 1, 0, 0, 3, 1, 1, 0, 2, 2}, 6, 3);

    static Bundle bundle(boolean between, boolean attention) {
        List<String> layers = List.of("a", "b");
        CkaMatrix m = CkaMatrix.within(layers, List.of(X, Y), Cka.Estimator.BIASED);
        Bundle.Builder b = Bundle.builder("similarity").meta("design", "planted").meta(SimilarityData.LAYERS, layers)
                .meta(SimilarityData.ESTIMATOR, "biased").meta(SimilarityData.METHOD, "all 6 images at once")
                .tensor(SimilarityData.CKA, m.values())
                .tensor(SimilarityData.EFFECTIVE_RANK, FloatTensor.of(new float[] {
                    (float) EffectiveRank.of(X, true), (float) EffectiveRank.of(Y, true)}, 2));
        if (between) {
            b.meta(SimilarityData.AGAINST, "other").meta(SimilarityData.AGAINST_LAYERS, List.of("p", "q", "r"))
                    .tensor(SimilarityData.CKA_BETWEEN, CkaMatrix.between(layers, List.of(X, Y), List.of("p", "q", "r"),
                            List.of(X, Y, X), Cka.Estimator.BIASED).values());
        }
        if (attention) {
            b.meta(SimilarityData.ATTENTION_LAYERS, List.of("block1.attn", "block2.attn"))
                    .tensor(SimilarityData.ATTENTION_RANK, FloatTensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        }
        return b.build();
    }

    @Test
    void theViewIsRegisteredAndDrawsTheCkaMatrixWithThePlantedValue() {
        assertThat(Views.of("similarity")).isInstanceOf(SimilarityView.class);
        List<Panel> panels = view.render(bundle(false, false), ViewOptions.defaults());

        assertThat(panels).extracting(Panel::name).containsExactly("cka", "effective-rank");
        List<String> csv = panels.get(0).tables().get("").text().lines().toList();
        assertThat(csv.get(0)).isEqualTo("layer,a,b");
        assertThat(Double.parseDouble(csv.get(1).split(",")[1])).isCloseTo(1.0, within(1e-5));
        assertThat(Double.parseDouble(csv.get(1).split(",")[2])).isCloseTo(0.353115, within(1e-5));
        assertThat(panels.get(0).caption()).contains("Kornblith").contains("biased");
        assertThat(panels.get(1).caption()).contains("Roy & Vetterli").contains("centred");
        for (Panel p : panels) {
            assertThat(p.figure().render().getWidth()).isPositive();
        }
    }

    @Test
    void aSecondDesignAddsTheBetweenMatrixAndHeadsAddTheirRanks() {
        List<Panel> panels = view.render(bundle(true, true), ViewOptions.defaults());

        assertThat(panels).extracting(Panel::name).containsExactly("cka", "cka-between", "effective-rank", "attention-rank");
        assertThat(panels.get(1).tables().get("").text().lines().findFirst().orElseThrow()).isEqualTo("layer,p,q,r");
        assertThat(panels.get(3).tables().get("").text()).contains("head 0").contains("head 1");
    }

    @Test
    void clickingARowOfTheCkaMatrixSelectsThatLayer() {
        Panel cka = view.render(bundle(true, false), ViewOptions.defaults()).get(1);
        MatrixFigure fig = (MatrixFigure) cka.figure();
        var cell = fig.cellBounds(1, 2);

        assertThat(cka.picker().nodeAt(cell.getCenterX(), cell.getCenterY())).contains("b");
        assertThat(cka.picker().nodeAt(-5, -5)).isEmpty();
    }

    @Test
    void aMatrixThatDoesNotFitItsLayersAndAnUnknownLayerAreRefused() {
        Bundle bad = Bundle.builder("similarity").meta(SimilarityData.LAYERS, List.of("a", "b", "c"))
                .tensor(SimilarityData.CKA, FloatTensor.zeros(2, 2)).tensor(SimilarityData.EFFECTIVE_RANK, FloatTensor.zeros(3))
                .build();
        assertThatThrownBy(() -> view.render(bad, ViewOptions.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cka'").hasMessageContaining("3×3");
        assertThatThrownBy(() -> view.render(bundle(false, false), ViewOptions.defaults().withLayer("z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'z'");
    }
}

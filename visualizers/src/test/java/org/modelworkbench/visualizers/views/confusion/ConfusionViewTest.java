package org.modelworkbench.visualizers.views.confusion;

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

class ConfusionViewTest {
    private final ConfusionView view = new ConfusionView();

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** 6 images of 3 classes: true 0,0,0,1,1,2; predicted 0,0,1,1,2,2 → counts [[2,1,0],[0,1,1],[0,0,1]]. */
    static Bundle planted() {
        return Bundle.builder("confusion").meta("classNames", List.of("shirt", "coat", "bag"))
                .tensor("labels", FloatTensor.of(new float[] {0, 0, 0, 1, 1, 2}, 6))
                .tensor(ConfusionView.PREDICTED, FloatTensor.of(new float[] {0, 0, 1, 1, 2, 2}, 6)).build();
    }

    @Test
    void theCountsCarryTheClassNamesAndTheTitleTheAccuracy() {
        assertThat(Views.of("confusion")).isInstanceOf(ConfusionView.class);
        Panel p = view.render(planted(), ViewOptions.defaults()).get(0);

        assertThat(p.name()).isEqualTo("confusion");
        assertThat(p.tables().get("").text().lines().toList()).containsExactly("true \\ predicted,shirt,coat,bag",
                "shirt,2.0,1.0,0.0", "coat,0.0,1.0,1.0", "bag,0.0,0.0,1.0");
        assertThat(p.figure().render().getWidth()).isGreaterThan(100);
        assertThat(ConfusionView.matrix(planted()).accuracy()).isEqualTo(4.0 / 6);
        assertThat(p.caption()).contains("shirt → coat (1)");
    }

    @Test
    void thePerClassTableGivesPrecisionRecallF1AndSupport() {
        List<String> rows = view.render(planted(), ViewOptions.defaults()).get(0).tables().get("per-class").text()
                .lines().toList();
        double f1Coat = 2 * 0.5 * 0.5 / (0.5 + 0.5);
        double f1Bag = 2 * 0.5 * 1.0 / 1.5;
        double f1Shirt = 2 * 1.0 * (2.0 / 3) / (1 + 2.0 / 3);
        assertThat(rows).containsExactly("class,precision,recall,f1,support",
                "shirt,1.0," + 2.0 / 3 + "," + f1Shirt + ",3", "coat,0.5,0.5," + f1Coat + ",2", "bag,0.5,1.0," + f1Bag + ",1");
    }

    @Test
    void normalisingByTrueOrPredictedClassDividesRowsOrColumns() {
        List<String> byTrue = view.render(planted(), ViewOptions.defaults().with("normalise", "true")).get(0).tables()
                .get("").text().lines().toList();
        assertThat(byTrue.get(1)).isEqualTo("shirt," + (float) (2.0 / 3) + "," + (float) (1.0 / 3) + ",0.0");
        List<String> byPredicted = view.render(planted(), ViewOptions.defaults().with("normalise", "predicted")).get(0)
                .tables().get("").text().lines().toList();
        assertThat(byPredicted.get(1)).isEqualTo("shirt,1.0,0.5,0.0");
        assertThat(byPredicted.get(2)).isEqualTo("coat,0.0,0.5,0.5");
        assertThatThrownBy(() -> view.render(planted(), ViewOptions.defaults().with("normalise", "rows")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'normalise'")
                .hasMessageContaining("none, true, predicted");
    }
}

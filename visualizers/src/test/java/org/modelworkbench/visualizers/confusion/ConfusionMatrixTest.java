package org.modelworkbench.visualizers.confusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Shirt");

    /** 100 T-shirts (80 right, 15 as shirts), 50 trousers (all right), 40 shirts (28 right, 12 as T-shirts). */
    static ConfusionMatrix sample() {
        return new ConfusionMatrix(new int[][] {
            {80, 5, 15},
            {0, 50, 0},
            {12, 0, 28}}, CLASSES);
    }

    @Test
    void accuracyAndEachClassesAccuracyAreReadFromTheDiagonal() {
        ConfusionMatrix m = sample();
        assertThat(m.total()).isEqualTo(190);
        assertThat(m.correct()).isEqualTo(158);
        assertThat(m.accuracy()).isCloseTo(158 / 190.0, within(1e-12));
        assertThat(m.classAccuracy(0)).isCloseTo(0.8, within(1e-12));
        assertThat(m.classAccuracy(1)).isEqualTo(1.0);
        assertThat(m.classAccuracy(2)).isCloseTo(0.7, within(1e-12));
        assertThat(m.precision(0)).isCloseTo(80 / 92.0, within(1e-12));
        assertThat(m.actualTotal(0)).isEqualTo(100);
        assertThat(m.predictedTotal(2)).isEqualTo(43);
    }

    @Test
    void rowsNormaliseToTheShareOfTheirActualClass() {
        double[][] r = sample().rowNormalised();
        for (double[] row : r) {
            assertThat(java.util.Arrays.stream(row).sum()).isCloseTo(1, within(1e-12));
        }
        assertThat(r[0][2]).isCloseTo(0.15, within(1e-12));
        assertThat(r[2][0]).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void aCellIsDescribedInWords() {
        ConfusionMatrix m = sample();
        assertThat(m.describe(2, 0)).isEqualTo("actual Shirt predicted as T-shirt/top: 12 (30.0 %)");
        assertThat(m.describe(1, 1)).isEqualTo("actual Trouser predicted as Trouser: 50 (100.0 %) — correct");
    }

    @Test
    void theMostFrequentConfusionsComeFirst() {
        assertThat(sample().mostConfused(2)).containsExactly(
                new ConfusionMatrix.Confusion(0, 2, 15), new ConfusionMatrix.Confusion(2, 0, 12));
        assertThat(sample().mostConfused(10)).hasSize(3);
    }

    @Test
    void aClassWithoutImagesHasNoAccuracyRatherThanZero() {
        ConfusionMatrix m = new ConfusionMatrix(new int[][] {{3, 1}, {0, 0}}, null);
        assertThat(m.classAccuracy(1)).isNaN();
        assertThat(m.className(1)).isEqualTo("1");
        assertThat(m.rowNormalised()[1]).containsExactly(0, 0);
        assertThat(m.describe(1, 0)).contains("no images of this class");
    }

    @Test
    void aMalformedMatrixIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> new ConfusionMatrix(new int[][] {{1, 2}, {3}}, null))
                .hasMessage("confusion matrix row 1 has 1 counts, expected 2 (one per class)");
        assertThatThrownBy(() -> new ConfusionMatrix(new int[][] {{1, -2}, {3, 4}}, null))
                .hasMessage("confusion matrix count at actual 0, predicted 1 is negative (-2)");
        assertThatThrownBy(() -> new ConfusionMatrix(new int[][] {{1, 2}, {3, 4}}, CLASSES))
                .hasMessage("3 class names for a 2×2 confusion matrix");
        assertThatThrownBy(() -> new ConfusionMatrix(new int[0][], null)).hasMessageContaining("at least one class");
    }

    @Test
    void theMatrixKeepsItsOwnCopyOfTheCounts() {
        int[][] counts = {{1, 0}, {0, 1}};
        ConfusionMatrix m = new ConfusionMatrix(counts, null);
        counts[0][0] = 99;
        assertThat(m.count(0, 0)).isEqualTo(1);
    }
}

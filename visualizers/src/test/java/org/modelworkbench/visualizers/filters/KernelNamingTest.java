package org.modelworkbench.visualizers.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.filters.DogTemplates.Template;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/** The planted tests of views-exact.md §5 (k = 7, σ₁ = 1, the third σ of the grid). */
class KernelNamingTest {
    static final int K = 7;
    static final int SIGMA_1 = 2; // σ₁ = 1.0 · 7/7
    final DogTemplates bank = DogTemplates.of(K);
    final KernelNaming naming = new KernelNaming(K);

    static FloatTensor scaled(FloatTensor t, float f) {
        float[] v = t.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
        return new FloatTensor(t.shape(), v);
    }

    static FloatTensor checkerboard() {
        float[] v = new float[K * K];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                v[i * K + j] = (i + j) % 2 == 0 ? 1 : -1;
            }
        }
        return FloatTensor.of(v, K, K);
    }

    @Test
    void theSigmaGridScalesWithTheKernelSize() {
        assertThat(DogTemplates.sigmas(7)).containsExactly(0.5, 0.75, 1.0, 1.5);
        assertThat(DogTemplates.sigmas(14)).containsExactly(1.0, 1.5, 2.0, 3.0);
        assertThat(bank.sigma1()[SIGMA_1]).isEqualTo(1.0);
    }

    @Test
    void theDxTemplateHasItsNegativeLobeAtPositiveX() {
        FloatTensor dx = bank.template(Template.DX, SIGMA_1);
        assertThat(dx.get(3, 4)).isCloseTo(-0.533866f, within(1e-5f));
        assertThat(dx.get(3, 2)).isCloseTo(0.533866f, within(1e-5f));
        assertThat(dx.get(0, 3)).isZero();
    }

    @Test
    void everyTemplateIsUnitLength() {
        for (Template t : Template.values()) {
            for (int s = 0; s < 4; s++) {
                double ss = 0;
                for (float x : bank.template(t, s).values()) {
                    ss += x * x;
                }
                assertThat(ss).as("%s at σ index %d", t, s).isCloseTo(1, within(1e-5));
            }
        }
    }

    @Test
    void theDogTemplateIsNamedOnCentreWithCosineOne() {
        KernelName n = naming.name(bank.template(Template.DOG, SIGMA_1));
        assertThat(n.label()).isEqualTo("+DoG");
        assertThat(n.score()).isCloseTo(1, within(1e-5));
        assertThat(n.sigma1()).isEqualTo(1.0);
        assertThat(n.assigned()).isTrue();
    }

    @Test
    void theNegatedDogIsNamedOffCentre() {
        KernelName n = naming.name(scaled(bank.template(Template.DOG, SIGMA_1), -1));
        assertThat(n.label()).isEqualTo("−DoG");
        assertThat(n.sign()).isEqualTo(-1);
        assertThat(n.score()).isCloseTo(1, within(1e-5));
    }

    @Test
    void fiveTimesDxIsNamedDxWithCosineOneBecauseMagnitudeIsIgnored() {
        KernelName n = naming.name(scaled(bank.template(Template.DX, SIGMA_1), 5));
        assertThat(n.label()).isEqualTo("+dx");
        assertThat(n.score()).isCloseTo(1, within(1e-5));
    }

    @Test
    void everyTemplateAtEveryScaleAndSignIsNamedAfterItself() {
        for (Template t : Template.values()) {
            for (int s = 0; s < 4; s++) {
                for (int sign : new int[] {1, -1}) {
                    KernelName n = naming.name(scaled(bank.template(t, s), 3 * sign));
                    assertThat(n.template()).as("%s σ index %d sign %d", t, s, sign).isEqualTo(t);
                    assertThat(n.sign()).isEqualTo(sign);
                    assertThat(n.sigma1()).isEqualTo(bank.sigma1()[s]);
                }
            }
        }
    }

    @Test
    void aCheckerboardScoresPoint1836AndIsUnassigned() {
        KernelName n = naming.name(checkerboard());
        assertThat(n.score()).isCloseTo(0.1836, within(1e-4));
        assertThat(n.assigned()).isFalse();
        assertThat(n.label()).isEqualTo("unassigned");
    }

    @Test
    void aConstantKernelScoresPoint349AgainstTheBroadestDogAndIsUnassigned() {
        float[] ones = new float[K * K];
        java.util.Arrays.fill(ones, 1);
        KernelName n = naming.name(FloatTensor.of(ones, K, K));
        assertThat(n.score()).isCloseTo(0.349, within(1e-3));
        assertThat(n.bestShape()).isEqualTo("+DoG");
        assertThat(n.sigma1()).isEqualTo(1.5);
        assertThat(n.label()).isEqualTo("unassigned");
    }

    @Test
    void sevenTemplatesAndThreeCheckerboardsGiveAShareOfSeventyPercent() {
        Template[] seven = {Template.DOG, Template.DX, Template.DY, Template.D_DIAGONAL, Template.DXX, Template.DYY,
            Template.DXY};
        float[] batch = new float[10 * K * K];
        for (int i = 0; i < 10; i++) {
            FloatTensor t = i < 7 ? bank.template(seven[i], SIGMA_1) : checkerboard();
            System.arraycopy(t.values(), 0, batch, i * K * K, K * K);
        }
        ShapeShares shares = naming.shares(FloatTensor.of(batch, 10, K, K));
        assertThat(shares.total()).isEqualTo(10);
        assertThat(shares.assignedShare()).isCloseTo(0.7, within(1e-12));
        assertThat(shares.unassignedShare()).isCloseTo(0.3, within(1e-12));
        assertThat(shares.row("+DoG").share()).isCloseTo(0.1, within(1e-12));
        assertThat(shares.row("+DoG").meanScore()).isCloseTo(1, within(1e-5));
        assertThat(shares.row("unassigned").meanScore()).isCloseTo(0.1836, within(1e-4));
        assertThat(shares.row("−DoG").count()).isZero();
        assertThat(shares.row("−DoG").meanScore()).isNaN();
    }

    @Test
    void twoTablesCompareRowByRow() {
        FloatTensor dog = bank.template(Template.DOG, SIGMA_1);
        FloatTensor offDog = scaled(dog, -1);
        ShapeShares before = ShapeShares.of(List.of(naming.name(dog), naming.name(checkerboard())));
        ShapeShares after = ShapeShares.of(List.of(naming.name(dog), naming.name(offDog), naming.name(offDog),
                naming.name(dog)));
        List<ShapeShares.Comparison> rows = ShapeShares.compare(before, after);
        assertThat(rows).hasSize(17);
        assertThat(rows.get(0).name()).isEqualTo("+DoG");
        assertThat(rows.get(0).shareA()).isCloseTo(0.5, within(1e-12));
        assertThat(rows.get(0).shareB()).isCloseTo(0.5, within(1e-12));
        assertThat(rows.get(1).name()).isEqualTo("−DoG");
        assertThat(rows.get(1).shareChange()).isCloseTo(0.5, within(1e-12));
        assertThat(rows.get(16).name()).isEqualTo("unassigned");
        assertThat(rows.get(16).shareB()).isZero();
        ShapeShares pooled = ShapeShares.combine(List.of(before, after));
        assertThat(pooled.total()).isEqualTo(6);
        assertThat(pooled.row("+DoG").count()).isEqualTo(3);
    }

    @Test
    void aRaisedThresholdLeavesNearMatchesUnassigned() {
        float[] v = bank.template(Template.DOG, SIGMA_1).values().clone();
        v[0] += 0.3f; // a corner blemish: still DoG-like, cosine below 1
        KernelName loose = naming.name(FloatTensor.of(v, K, K));
        KernelName strict = new KernelNaming(K, 0.999).name(FloatTensor.of(v, K, K));
        assertThat(loose.label()).isEqualTo("+DoG");
        assertThat(strict.label()).isEqualTo("unassigned");
        assertThat(strict.score()).isCloseTo(loose.score(), within(1e-12));
    }

    @Test
    void badKernelsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> naming.name(FloatTensor.zeros(K, K))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("norm");
        assertThatThrownBy(() -> naming.name(FloatTensor.zeros(5, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7×7");
        assertThatThrownBy(() -> new KernelNaming(K, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("τ");
        assertThatThrownBy(() -> DogTemplates.of(1).template(Template.DX, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vanishes");
    }
}

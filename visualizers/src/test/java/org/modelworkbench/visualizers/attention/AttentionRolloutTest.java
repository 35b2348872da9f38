package org.modelworkbench.visualizers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class AttentionRolloutTest {
    static final float[][] R2 = {
        {.30f, .26f, .21f, .14f, .09f},
        {.11f, .42f, .19f, .16f, .12f},
        {.07f, .18f, .44f, .20f, .11f},
        {.06f, .13f, .17f, .49f, .15f},
        {.08f, .10f, .12f, .22f, .48f}};

    /** One image, one head: (1,1,N,N). */
    static FloatTensor oneHead(float[][] rows) {
        int n = rows.length;
        float[] v = new float[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, v, i * n, n);
        }
        return FloatTensor.of(v, 1, 1, n, n);
    }

    static float[][] identity(int n) {
        float[][] a = new float[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 1;
        }
        return a;
    }

    static void assertMap(FloatTensor map, double... expected) {
        assertThat(map.shape()).containsExactly(2, 2);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) map.values()[i]).as("cell %d", i).isCloseTo(expected[i], within(1e-5));
        }
    }

    @Test
    void r1OneLayerWithAClsRowGivesThatRowNormalisedByItsMaximum() {
        float[][] a = identity(5);
        a[0] = new float[] {0, .5f, .3f, .2f, 0};
        Rollout one = AttentionRollout.compute(List.of(oneHead(a)), 0, AttentionRollout.Options.paper());
        assertMap(one.map(), 1, .6, .4, 0);
        assertThat(one.degenerate()).isFalse();

        Rollout two = AttentionRollout.compute(List.of(oneHead(a), oneHead(a)), 0, AttentionRollout.Options.paper());
        assertMap(two.map(), 1, .6, .4, 0);
    }

    @Test
    void r2WithoutDiscardBothRowSumConventionsAgree() {
        AttentionRollout.Options o = AttentionRollout.Options.paper();
        assertMap(AttentionRollout.compute(List.of(oneHead(R2)), 0, o).map(), 1, .807692, .538462, .346154);
        assertMap(AttentionRollout.compute(List.of(oneHead(R2)), 0, o.withVitExplainCompat(true)).map(),
                1, .807692, .538462, .346154);
    }

    @Test
    void r2DiscardingAFifthWithThePapersRowSums() {
        AttentionRollout.Options o = AttentionRollout.Options.paper().withDiscardRatio(0.2);
        assertMap(AttentionRollout.compute(List.of(oneHead(R2)), 0, o).map(), 1, .807692, .538462, 0);
    }

    @Test
    void r2DiscardingAFifthWithVitExplainsColumnDivision() {
        AttentionRollout.Options o = AttentionRollout.Options.paper().withDiscardRatio(0.2).withVitExplainCompat(true);
        assertMap(AttentionRollout.compute(List.of(oneHead(R2)), 0, o).map(), 1, .836987, .555115, 0);
    }

    @Test
    void r3UniformAttentionThroughThreeLayersGivesAnAllOnesMap() {
        float[][] u = new float[5][5];
        for (float[] row : u) {
            java.util.Arrays.fill(row, .2f);
        }
        Rollout r = AttentionRollout.compute(Collections.nCopies(3, oneHead(u)), 0, AttentionRollout.Options.paper());
        assertMap(r.map(), 1, 1, 1, 1);
    }

    @Test
    void identityLayersAreReportedDegenerateInsteadOfNaN() {
        Rollout r = AttentionRollout.compute(List.of(oneHead(identity(5)), oneHead(identity(5))), 0,
                AttentionRollout.Options.paper());
        assertThat(r.degenerate()).isTrue();
        assertThat(r.maximum()).isZero();
        assertThat(r.map().values()).containsOnly(0f);
    }

    @Test
    void headsFuseByMeanMaxOrMin() {
        // two heads on N=2 (no prefix, g=1 is too small: use N=5 with a CLS): differ only in the CLS row
        float[][] h0 = identity(5);
        float[][] h1 = identity(5);
        h0[0] = new float[] {0, .8f, .2f, 0, 0};
        h1[0] = new float[] {0, .2f, .2f, .6f, 0};
        float[] v = new float[2 * 25];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(h0[i], 0, v, i * 5, 5);
            System.arraycopy(h1[i], 0, v, 25 + i * 5, 5);
        }
        FloatTensor a = FloatTensor.of(v, 1, 2, 5, 5);
        AttentionRollout.Options o = AttentionRollout.Options.paper();
        // mean CLS row (0,.5,.2,.3,0): Â row 0 = (.5,.25,.1,.15,0), patches' rows are e_i
        assertMap(AttentionRollout.compute(List.of(a), 0, o).map(), 1, .4, .6, 0);
        // max (0,.8,.2,.6,0) → Â row 0 = (0.5,.8,.2,.6,0)/... normalised by its max .8
        assertMap(AttentionRollout.compute(List.of(a), 0, o.withFusion(HeadFusion.MAX)).map(), 1, .25, .75, 0);
        // min (0,.2,.2,0,0)
        assertMap(AttentionRollout.compute(List.of(a), 0, o.withFusion(HeadFusion.MIN)).map(), 1, 1, 0, 0);
    }

    @Test
    void discardTiesGoInFlatIndexOrderAndTheClsEntryIsSpared() {
        // N=2 (one prefix token, 1×1 grid), all four entries .5: k = floor(4·0.5) = 2 → indices 0 and 1 chosen,
        // index 0 (CLS→CLS) spared, so only index 1 is zeroed.
        double[] f = {.5, .5, .5, .5};
        AttentionRollout.discard(f, 2, 0.5, true);
        assertThat(f).containsExactly(.5, 0, .5, .5);
        double[] g = {.5, .5, .5, .5};
        AttentionRollout.discard(g, 2, 0.75, false);
        assertThat(g).containsExactly(0, 0, 0, .5);
    }

    @Test
    void rolloutRowsSumToOneAndTheMatrixAgreesWithItsRows() {
        Random rnd = new Random(3);
        List<FloatTensor> layers = new java.util.ArrayList<>();
        for (int l = 0; l < 4; l++) {
            layers.add(softmaxRows(rnd, 2, 3, 10));
        }
        Rollout r = AttentionRollout.compute(layers, 1, AttentionRollout.Options.paper());
        FloatTensor m = r.matrix();
        for (int q = 0; q < 10; q++) {
            float[] row = r.row(q).values();
            double s = 0;
            for (int j = 0; j < 10; j++) {
                s += row[j];
                assertThat(row[j]).isCloseTo(m.get(q, j), within(1e-6f));
            }
            assertThat(s).isCloseTo(1, within(1e-5));
        }
        // the picked patch (1,2) of the 3×3 grid is token 1 + 5
        assertThat(r.queryMap(1, 2).values()[4]).isEqualTo(r.row(6).values()[5]);
        // the raw map is the CLS row over the patches
        assertThat(r.rawMap().values()[8]).isCloseTo(m.get(0, 9), within(1e-6f));
    }

    @Test
    void theMatrixIsTheProductOfTheLayersFirstLayerRightmost() {
        // two one-head layers without CLS... use a CLS and N=5; compare with an explicit product
        Random rnd = new Random(5);
        FloatTensor a1 = softmaxRows(rnd, 1, 1, 5);
        FloatTensor a2 = softmaxRows(rnd, 1, 1, 5);
        double[] h1 = AttentionRollout.addIdentityAndNormalise(AttentionRollout.fuse(a1, 0, HeadFusion.MEAN, 0), 5, false);
        double[] h2 = AttentionRollout.addIdentityAndNormalise(AttentionRollout.fuse(a2, 0, HeadFusion.MEAN, 1), 5, false);
        FloatTensor m = AttentionRollout.compute(List.of(a1, a2), 0, AttentionRollout.Options.paper()).matrix();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double s = 0;
                for (int k = 0; k < 5; k++) {
                    s += h2[i * 5 + k] * h1[k * 5 + j];
                }
                assertThat((double) m.get(i, j)).isCloseTo(s, within(1e-6));
            }
        }
    }

    @Test
    void withoutPrefixTokensTheMapIsTheMeanRowOfTheRollout() {
        Random rnd = new Random(7);
        FloatTensor a = softmaxRows(rnd, 1, 2, 4);
        Rollout r = AttentionRollout.compute(List.of(a), 0, AttentionRollout.Options.paper().withPrefixTokens(0));
        FloatTensor m = r.matrix();
        for (int j = 0; j < 4; j++) {
            double mean = 0;
            for (int i = 0; i < 4; i++) {
                mean += m.get(i, j) / 4.0;
            }
            assertThat((double) r.rawMap().values()[j]).isCloseTo(mean, within(1e-6));
        }
        assertThat(r.grid()).isEqualTo(2);
    }

    @Test
    void aDistilledDeitDropsTwoPrefixTokens() {
        Random rnd = new Random(9);
        FloatTensor a = softmaxRows(rnd, 1, 3, 6); // 2 prefix + 2×2
        Rollout r = AttentionRollout.compute(List.of(a), 0, AttentionRollout.Options.paper().withPrefixTokens(2));
        assertThat(r.grid()).isEqualTo(2);
        assertThat(r.rawMap().values()[0]).isEqualTo(r.row(0).values()[2]);
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTheProblem() {
        AttentionRollout.Options o = AttentionRollout.Options.paper();
        assertThatThrownBy(() -> AttentionRollout.compute(List.of(), 0, o)).hasMessageContaining("at least one layer");
        assertThatThrownBy(() -> AttentionRollout.compute(List.of(FloatTensor.zeros(1, 1, 6, 6)), 0, o))
                .hasMessageContaining("not a square grid");
        assertThatThrownBy(() -> AttentionRollout.compute(List.of(FloatTensor.zeros(1, 5, 5)), 0, o))
                .hasMessageContaining("(B,h,N,N)");
        assertThatThrownBy(() -> AttentionRollout.compute(List.of(oneHead(R2)), 1, o)).hasMessageContaining("image 1");
        assertThatThrownBy(() -> AttentionRollout.compute(List.of(oneHead(R2), FloatTensor.zeros(1, 1, 10, 10)), 0, o))
                .hasMessageContaining("layer 1 has 10 tokens");
        float[][] neg = identity(5);
        neg[2][3] = -0.1f;
        assertThatThrownBy(() -> AttentionRollout.compute(List.of(oneHead(neg)), 0, o))
                .hasMessageContaining("query 2, key 3");
        assertThatThrownBy(() -> o.withDiscardRatio(1)).hasMessageContaining("discard ratio");
        Rollout r = AttentionRollout.compute(List.of(oneHead(R2)), 0, o);
        assertThatThrownBy(() -> r.queryMap(2, 0)).hasMessageContaining("outside the 2×2 grid");
    }

    /** Random post-softmax attention (B,h,N,N). */
    static FloatTensor softmaxRows(Random rnd, int batch, int heads, int n) {
        float[] v = new float[batch * heads * n * n];
        for (int r = 0; r < batch * heads * n; r++) {
            double s = 0;
            double[] e = new double[n];
            for (int j = 0; j < n; j++) {
                e[j] = Math.exp(2 * rnd.nextGaussian());
                s += e[j];
            }
            for (int j = 0; j < n; j++) {
                v[r * n + j] = (float) (e[j] / s);
            }
        }
        return FloatTensor.of(v, batch, heads, n, n);
    }
}

package org.modelworkbench.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random crop, horizontal flip and normalisation on plain arrays. */
class TransformsTest {

    /** A 2×3×4 image whose value is its own index (channel·12 + row·4 + column). */
    private static float[] indexed() {
        float[] x = new float[24];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return x;
    }

    @Test
    void theSameSeedGivesTheSameCropsAndFlipsAndAnotherSeedOthers() {
        List<Augmentation> chain = List.of(Augmentation.randomCrop(2), Augmentation.horizontalFlip(0.5));
        List<float[]> first = run(chain, 42);
        List<float[]> again = run(chain, 42);
        List<float[]> other = run(chain, 43);

        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i)).containsExactly(first.get(i));
        }
        assertThat(other).anySatisfy(o -> assertThat(o).isNotEqualTo(first.get(other.indexOf(o))));
    }

    private static List<float[]> run(List<Augmentation> chain, long seed) {
        Random rng = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            float[] x = indexed();
            for (Augmentation a : chain) {
                x = a.apply(x, 2, 3, 4, rng);
            }
            out.add(x);
        }
        return out;
    }

    @Test
    void aCropShiftsEveryChannelTheSameWayAndFillsWithZeros() {
        // with padding 1 the first two draws of this seed decide dy and dx; find a seed giving dy = 1, dx = -1
        long seed = 0;
        while (true) {
            Random probe = new Random(seed);
            if (probe.nextInt(3) - 1 == 1 && probe.nextInt(3) - 1 == -1) {
                break;
            }
            seed++;
        }
        float[] out = Augmentation.randomCrop(1).apply(indexed(), 2, 3, 4, new Random(seed));

        // out[y][x] = in[y + 1][x - 1]: the bottom row and the left column are padding
        assertThat(out).containsExactly(
                0, 4, 5, 6,
                0, 8, 9, 10,
                0, 0, 0, 0,
                0, 16, 17, 18,
                0, 20, 21, 22,
                0, 0, 0, 0);
    }

    @Test
    void aFlipMirrorsEachRowOfEachChannelAndProbabilityZeroLeavesTheImage() {
        float[] flipped = Augmentation.horizontalFlip(1).apply(indexed(), 2, 3, 4, new Random(1));
        assertThat(flipped).startsWith(3, 2, 1, 0, 7, 6, 5, 4).endsWith(23, 22, 21, 20);

        assertThat(Augmentation.horizontalFlip(0).apply(indexed(), 2, 3, 4, new Random(1))).containsExactly(indexed());
    }

    @Test
    void normalisationComputedFromTheTrainingSplitGivesEachChannelMeanZeroAndStdOne() {
        Random rng = new Random(5);
        int n = 50;
        byte[] px = new byte[n * 3 * 8 * 8];
        for (int i = 0; i < px.length; i++) {
            int channel = (i / 64) % 3;
            px[i] = (byte) (channel * 60 + rng.nextInt(40 + 60 * channel));
        }
        ImageDataset data = new ImageDataset("random", List.of("a"), 3, 8, 8, px, new int[n]);

        Normalization norm = Normalization.of(data);
        double[] sum = new double[3];
        double[] sumSq = new double[3];
        for (int i = 0; i < n; i++) {
            float[] x = norm.apply(data.image(i));
            for (int k = 0; k < x.length; k++) {
                sum[k / 64] += x[k];
                sumSq[k / 64] += x[k] * x[k];
            }
        }
        for (int c = 0; c < 3; c++) {
            double mean = sum[c] / (n * 64);
            assertThat(mean).isCloseTo(0, within(1e-4));
            assertThat(Math.sqrt(sumSq[c] / (n * 64) - mean * mean)).isCloseTo(1, within(1e-3));
        }
        assertThat(norm.mean()[2]).isGreaterThan(norm.mean()[0]);
    }

    @Test
    void theKnownConstantsMatchWhatTheBundledSampleMeasures() throws Exception {
        Normalization measured = Normalization.of(FashionMnist.loadBundledSample().train());

        assertThat(measured.mean()[0]).isCloseTo(Normalization.FASHION_MNIST.mean()[0], within(0.01f));
        assertThat(measured.std()[0]).isCloseTo(Normalization.FASHION_MNIST.std()[0], within(0.01f));
        assertThat(Normalization.CIFAR10.channels()).isEqualTo(3);
    }
}

package org.modelworkbench.trainer.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.trainer.data.DatasetLocator;
import org.modelworkbench.trainer.data.ImageDataset;
import org.modelworkbench.trainer.data.Normalization;

class ProbeImagesTest {
    @TempDir
    Path nowhere;

    /** Six 2×2 grey images labelled 0, 1, 0, 2, 1, 0 whose pixels are 10·i … 10·i + 3. */
    private static ImageDataset six() {
        byte[] px = new byte[6 * 4];
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 4; k++) {
                px[i * 4 + k] = (byte) (10 * i + k);
            }
        }
        return new ImageDataset("six", List.of("a", "b", "c"), 1, 2, 2, px, new int[] {0, 1, 0, 2, 1, 0});
    }

    @Test
    void theBundledSampleGivesNPerClassNormalisedWithFashionMnistsConstants() throws Exception {
        ProbeImages images = ProbeImages.fashionMnist(new DatasetLocator(nowhere.resolve("debian")), null,
                ImageSelection.perClass(2), 1, 28, 28);

        assertThat(images.size()).isEqualTo(20);
        int[] perClass = new int[10];
        for (int label : images.labels()) {
            perClass[label]++;
        }
        assertThat(perClass).containsOnly(2);
        assertThat(images.classNames()).hasSize(10);
        assertThat(images.notes().get(0)).contains("sample bundled");
        float[] raw = images.raw().values();
        float[] batch = images.batch().values();
        for (int i = 0; i < raw.length; i += 97) {
            assertThat(batch[i]).isCloseTo((raw[i] - 0.2860f) / 0.3530f, within(1e-5f));
            assertThat(raw[i]).isBetween(0f, 1f);
        }
        assertThat(images.batch().shape()).containsExactly(20, 1, 28, 28);
    }

    @Test
    void indicesFirstAndPerClassPickTheImagesInFileOrder() {
        ImageDataset data = six();
        ProbeImages chosen = ProbeImages.fromDataset(data, new Normalization(new float[] {0}, new float[] {1}),
                ImageSelection.indices(4, 1), 1, 2, 2);
        assertThat(chosen.indices()).containsExactly(4, 1);
        assertThat(chosen.labels()).containsExactly(1, 1);
        assertThat(chosen.raw().get(0, 0, 0, 1)).isCloseTo(41 / 255f, within(1e-7f));

        ProbeImages perClass = ProbeImages.fromDataset(data, new Normalization(new float[] {0}, new float[] {1}),
                ImageSelection.perClass(2), 1, 2, 2);
        assertThat(perClass.indices()).containsExactly(0, 1, 2, 3, 4); // file order, classes interleaved
        assertThat(perClass.notes()).anyMatch(n -> n.contains("class 'c' has only 1"));

        ProbeImages first = ProbeImages.fromDataset(data, new Normalization(new float[] {0}, new float[] {1}),
                ImageSelection.first(9), 1, 2, 2);
        assertThat(first.indices()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(first.notes()).anyMatch(n -> n.contains("only 6 images"));
        assertThat(first.slice(2, 4).indices()).containsExactly(2, 3);
        assertThat(first.slice(2, 4).raw().get(1, 0, 1, 1)).isCloseTo(33 / 255f, within(1e-7f));

        assertThatThrownBy(() -> ImageSelection.indices(6).resolve(data, new java.util.ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image index 6 is outside 0…5");
    }

    @Test
    void aLargerRgbInputGetsTheImagesResizedBilinearlyAndTheGreyChannelRepeatedWithNotesSayingSo() {
        // one image [[0, 1], [2, 3]]/255 → 4×4 as torch.nn.functional.interpolate(bilinear, align_corners=False)
        byte[] px = {0, 1, 2, 3};
        ImageDataset one = new ImageDataset("one", List.of("x"), 1, 2, 2, px, new int[] {0});
        ProbeImages images = ProbeImages.fromDataset(one, new Normalization(new float[] {0.5f}, new float[] {2f}),
                ImageSelection.first(1), 3, 4, 4);

        float[][] expected = {{0, .25f, .75f, 1}, {.5f, .75f, 1.25f, 1.5f}, {1.5f, 1.75f, 2.25f, 2.5f},
                {2, 2.25f, 2.75f, 3}};
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    assertThat(images.raw().get(0, c, y, x) * 255).isCloseTo(expected[y][x], within(1e-4f));
                    assertThat(images.batch().get(0, c, y, x))
                            .isCloseTo((expected[y][x] / 255 - 0.5f) / 2f, within(1e-6f));
                }
            }
        }
        assertThat(images.notes()).anyMatch(n -> n.contains("resized 2×2 → 4×4 bilinearly"))
                .anyMatch(n -> n.contains("repeated into 3 channels"));
    }

    @Test
    void shrinkingFollowsTheSameHalfPixelRule() {
        // 4 → 2 samples at 0.5 and 2.5: the mean of each pair
        float[] src = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        float[] dst = new float[4];
        Bilinear.resize(src, 0, 4, 4, dst, 0, 2, 2);
        assertThat(dst).containsExactly(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, within(1e-6f));
    }

    @Test
    void colourImagesForAGreyDesignAndMismatchedNormalisationsAreRefused() {
        byte[] px = new byte[3 * 4];
        ImageDataset rgb = new ImageDataset("rgb", List.of("x"), 3, 2, 2, px, new int[] {0});
        Normalization threeChannels = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});
        assertThatThrownBy(() -> ProbeImages.fromDataset(rgb, threeChannels, ImageSelection.first(1), 1, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-channel")
                .hasMessageContaining("has 3");
        assertThatThrownBy(() -> ProbeImages.fromDataset(six(), threeChannels, ImageSelection.first(1), 1, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normalisation has 3 channels");
        assertThatThrownBy(() -> ProbeImages.ofNormalised(new float[5], 1, 1, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 values");
    }
}

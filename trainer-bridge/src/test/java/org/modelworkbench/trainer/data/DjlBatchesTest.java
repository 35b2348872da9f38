package org.modelworkbench.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.engine.TestEngine;

/** The DJL adapter: NDArray batches with the right shapes, values and a seeded order. */
class DjlBatchesTest {
    private static ImageDataset data;

    @BeforeAll
    static void start() throws Exception {
        TestEngine.start();
        data = FashionMnist.loadBundledSample().test();
    }

    @Test
    void anEpochYieldsNormalisedFloatImagesAndLongLabelsWithASmallerLastBatch() {
        DjlBatches batches = DjlBatches.forEvaluation(data, 64, Normalization.FASHION_MNIST);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Integer> sizes = new ArrayList<>();
            Iterator<DjlBatches.Batch> it = batches.epoch(0, manager);
            DjlBatches.Batch first = it.next();
            assertThat(first.images().getShape()).isEqualTo(new Shape(64, 1, 28, 28));
            assertThat(first.images().getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(first.labels().getDataType()).isEqualTo(DataType.INT64);
            assertThat(first.labels().toLongArray()[3]).isEqualTo(data.label(3));
            float[] expected = Normalization.FASHION_MNIST.apply(data.image(1));
            float[] got = first.images().get(1).toFloatArray();
            assertThat(got[400]).isCloseTo(expected[400], within(1e-6f));
            first.close();
            while (it.hasNext()) {
                try (DjlBatches.Batch b = it.next()) {
                    sizes.add(b.size());
                }
            }
            assertThat(batches.batchesPerEpoch()).isEqualTo(8);
            assertThat(sizes).hasSize(7).endsWith(500 - 7 * 64);
        }
    }

    @Test
    void shuffledEpochsRepeatForTheSameSeedAndDifferBetweenEpochs() {
        List<Augmentation> aug = List.of(Augmentation.randomCrop(4), Augmentation.horizontalFlip(0.5));
        DjlBatches a = new DjlBatches(data, 100, true, true, aug, null, 9);
        DjlBatches b = new DjlBatches(data, 100, true, true, aug, null, 9);

        assertThat(a.order(1)).containsExactly(b.order(1)).isNotEqualTo(a.order(2));
        assertThat(a.order(1)).containsExactlyInAnyOrder(DjlBatches.forEvaluation(data, 1, null).order(0));
        try (NDManager manager = NDManager.newBaseManager()) {
            try (DjlBatches.Batch x = a.epoch(3, manager).next(); DjlBatches.Batch y = b.epoch(3, manager).next()) {
                assertThat(x.images().toFloatArray()).containsExactly(y.images().toFloatArray());
                assertThat(x.labels().toLongArray()).containsExactly(y.labels().toLongArray());
            }
        }
    }
}

package org.modelworkbench.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample is what {@link FashionMnistSample} makes from the full dataset (where that is installed). */
class FashionMnistSampleTest {
    @TempDir
    Path dir;

    @Test
    void theBundledSampleHoldsWhatTheGeneratorWritesFromDebiansPackage() throws Exception {
        Path debian = Path.of(DatasetLocator.DEBIAN_FOLDER);
        assumeTrue(FashionMnist.looksPresent(debian), "dataset-fashion-mnist is not installed");

        FashionMnistSample.write(debian, dir);
        DatasetSplits written = FashionMnist.load(dir);
        DatasetSplits bundled = FashionMnist.loadBundledSample();

        for (ImageDataset[] pair : new ImageDataset[][] {{written.train(), bundled.train()}, {written.test(), bundled.test()}}) {
            assertThat(pair[1].labels()).containsExactly(pair[0].labels());
            for (int i = 0; i < pair[0].size(); i++) {
                assertThat(pair[1].pixels(i)).as("image %d", i).isEqualTo(pair[0].pixels(i));
            }
        }
    }
}

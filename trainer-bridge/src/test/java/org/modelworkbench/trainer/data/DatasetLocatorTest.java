package org.modelworkbench.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Fashion-MNIST is looked for, and the sample in the jar. */
class DatasetLocatorTest {
    @TempDir
    Path dir;

    @Test
    void aChosenFolderWinsOverTheDebianFolder() throws Exception {
        Path chosen = Fixtures.fashionMnist(Files.createDirectories(dir.resolve("chosen")), false);
        Path debian = Fixtures.fashionMnist(Files.createDirectories(dir.resolve("debian")), true);

        DatasetLocator.Located found = new DatasetLocator(debian).fashionMnist(chosen);

        assertThat(found.source()).isEqualTo(DatasetLocator.Source.CHOSEN_FOLDER);
        assertThat(found.where()).isEqualTo(chosen.toString());
        assertThat(found.describe()).isEqualTo("Fashion-MNIST from the chosen folder (" + chosen
                + "): 30 training and 20 test images");
    }

    @Test
    void aBrokenChosenFolderIsAnErrorNotAFallback() throws Exception {
        Path debian = Fixtures.fashionMnist(Files.createDirectories(dir.resolve("debian")), true);
        Path chosen = Files.createDirectories(dir.resolve("chosen"));

        assertThatThrownBy(() -> new DatasetLocator(debian).fashionMnist(chosen))
                .isInstanceOf(DatasetException.class).hasMessageContaining("file not found");
    }

    @Test
    void withoutAChosenFolderTheDebianFolderIsUsedWhenPresent() throws Exception {
        Path debian = Fixtures.fashionMnist(Files.createDirectories(dir.resolve("debian")), true);

        DatasetLocator.Located found = new DatasetLocator(debian).fashionMnist(null);

        assertThat(found.source()).isEqualTo(DatasetLocator.Source.DEBIAN_PACKAGE);
        assertThat(found.splits().train().size()).isEqualTo(30);
        assertThat(found.notes()).isEmpty();
    }

    @Test
    void withoutTheDebianFolderTheBundledSampleIsUsed() throws Exception {
        DatasetLocator.Located found = new DatasetLocator(dir.resolve("absent")).fashionMnist(null);

        assertThat(found.source()).isEqualTo(DatasetLocator.Source.BUNDLED_SAMPLE);
        assertThat(found.splits().train().size()).isEqualTo(2_000);
        assertThat(found.notes()).isEmpty();
    }

    @Test
    void aBrokenDebianFolderIsSkippedForTheSampleWithANoteSayingWhy() throws Exception {
        Path debian = Fixtures.fashionMnist(Files.createDirectories(dir.resolve("debian")), true);
        Files.write(debian.resolve(FashionMnist.TEST_LABELS + ".gz"), new byte[] {1, 2, 3});

        DatasetLocator.Located found = new DatasetLocator(debian).fashionMnist(null);

        assertThat(found.source()).isEqualTo(DatasetLocator.Source.BUNDLED_SAMPLE);
        assertThat(found.notes()).singleElement().asString()
                .startsWith("skipped " + debian.resolve(FashionMnist.TEST_LABELS + ".gz") + ": not an IDX file");
    }

    @Test
    void theBundledSampleHoldsTwoHundredTrainingAndFiftyTestImagesOfEachOfTenClasses() throws Exception {
        DatasetSplits sample = FashionMnist.loadBundledSample();

        assertThat(sample.train().numClasses()).isEqualTo(10);
        assertThat(sample.train().shape()).containsExactly(1, 28, 28);
        assertThat(sample.train().classCounts()).containsOnly(200);
        assertThat(sample.test().classCounts()).containsOnly(50);
        assertThat(sample.train().size()).isEqualTo(2_000);
        assertThat(sample.test().size()).isEqualTo(500);
    }

    @Test
    void theBundledSampleStaysWellUnderTwoMegabytes() throws IOException {
        long total = 0;
        for (String f : new String[] {FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, FashionMnist.TEST_IMAGES,
                FashionMnist.TEST_LABELS}) {
            try (InputStream in = FashionMnist.class.getResourceAsStream(FashionMnist.SAMPLE_RESOURCE + f + ".gz")) {
                assertThat(in).as(f).isNotNull();
                total += in.readAllBytes().length;
            }
        }
        assertThat(total).isLessThan(1_500_000);
    }

    @Test
    void theSampleWriterTakesTheFirstImagesOfEachClassInFileOrder() throws Exception {
        Path full = Fixtures.fashionMnist(Files.createDirectories(dir.resolve("full")), true);
        ImageDataset train = FashionMnist.load(full).train();

        // labels run 0..9 repeatedly, so the first two of each class are images 0..19
        assertThat(FashionMnistSample.firstPerClass(train, 2)).containsExactly(
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        assertThatThrownBy(() -> FashionMnistSample.firstPerClass(train, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

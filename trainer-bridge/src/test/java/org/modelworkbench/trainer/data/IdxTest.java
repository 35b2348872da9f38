package org.modelworkbench.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading IDX files and Fashion-MNIST folders, and what a wrong file is told. */
class IdxTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip = {0}")
    @ValueSource(booleans = {true, false})
    void aFashionMnistFolderReadsTheSamePixelsAndLabelsGzipOrPlain(boolean gzip) throws Exception {
        DatasetSplits splits = FashionMnist.load(Fixtures.fashionMnist(dir, gzip));

        assertThat(splits.train().size()).isEqualTo(30);
        assertThat(splits.test().size()).isEqualTo(20);
        assertThat(splits.train().shape()).containsExactly(1, 4, 4);
        assertThat(splits.train().classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        assertThat(splits.train().pixels(7)).isEqualTo(Arrays.copyOfRange(Fixtures.pixels(30, 4, 4), 7 * 16, 8 * 16));
        assertThat(splits.test().label(13)).isEqualTo(3);
        assertThat(splits.train().image(1)[2]).isEqualTo(3 / 255f);
    }

    @Test
    void aLabelsFileInPlaceOfTheImagesIsNamedWithBothMagicNumbers() throws Exception {
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        Idx.writeLabels(file, Fixtures.labels(5));

        assertThatThrownBy(() -> Idx.readImages(file))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ": magic number 0x00000803 expected for images, found 0x00000801"
                        + " (the labels file in its place?)");
    }

    @Test
    void aFileThatIsNotIdxAtAllIsRefusedByItsMagicNumber() throws Exception {
        Path file = dir.resolve("train-images-idx3-ubyte");
        Files.writeString(file, "<html>404</html>");

        assertThatThrownBy(() -> Idx.readImages(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("found 0x3C68746D (not an IDX images file)");
    }

    @Test
    void aTruncatedPlainFileSaysHowManyBytesWereExpectedAndFound() throws Exception {
        Path file = dir.resolve("train-images-idx3-ubyte");
        byte[] full = header(Idx.IMAGES_MAGIC, 60_000, 28, 28);
        Files.write(file, Arrays.copyOf(full, 1_000));

        assertThatThrownBy(() -> Idx.readImages(file))
                .isInstanceOfSatisfying(DatasetException.class, e -> {
                    assertThat(e.file()).isEqualTo(file.toString());
                    assertThat(e.reason()).isEqualTo("truncated: expected 47,040,016 bytes, found 1,000");
                });
    }

    @Test
    void aGzipFileWhoseContentIsShortSaysSoInDecompressedBytes() throws Exception {
        Path file = dir.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] content = Arrays.copyOf(header(Idx.LABELS_MAGIC, 10_000), 8 + 500);
        Files.write(file, gzip(content));

        assertThatThrownBy(() -> Idx.readLabels(file))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ": truncated: expected 10,008 bytes once decompressed, found 508");
    }

    @Test
    void aGzipFileCutOffMidStreamIsCalledDamaged() throws Exception {
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        Idx.writeImages(file, 28, 28, Fixtures.pixels(100, 28, 28));
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> Idx.readImages(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(file + ": the gzip data is cut short or damaged");
    }

    @Test
    void bytesBeyondWhatTheHeaderAnnouncesAreRefused() throws Exception {
        Path file = dir.resolve("labels");
        byte[] content = Arrays.copyOf(header(Idx.LABELS_MAGIC, 3), 8 + 5);
        Files.write(file, content);

        assertThatThrownBy(() -> Idx.readLabels(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("expected 11 bytes, found 13: 2 bytes after the data");
    }

    @Test
    void labelsAndImagesOfDifferentCountsAreRefusedNamingTheLabelsFile() throws Exception {
        Fixtures.fashionMnist(dir, true);
        Path labels = dir.resolve(FashionMnist.TRAIN_LABELS + ".gz");
        Idx.writeLabels(labels, Fixtures.labels(31));

        assertThatThrownBy(() -> FashionMnist.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessage(labels + ": labels file has 31 items but images file has 30");
    }

    @Test
    void aLabelOutsideTheTenClassesIsRefusedWithItsItem() throws Exception {
        Fixtures.fashionMnist(dir, false);
        byte[] labels = Fixtures.labels(20);
        labels[4] = 10;
        Idx.writeLabels(dir.resolve(FashionMnist.TEST_LABELS), labels);

        assertThatThrownBy(() -> FashionMnist.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageEndingWith("item 4 has label 10; Fashion-MNIST labels are 0..9");
    }

    @Test
    void aMissingFileIsNamedWithTheFilesTheFolderNeeds() throws Exception {
        Fixtures.fashionMnist(dir, true);
        Files.delete(dir.resolve(FashionMnist.TEST_IMAGES + ".gz"));

        assertThatThrownBy(() -> FashionMnist.load(dir))
                .isInstanceOfSatisfying(DatasetException.class, e -> {
                    assertThat(e.file()).isEqualTo(dir.resolve("t10k-images-idx3-ubyte.gz").toString());
                    assertThat(e.reason()).startsWith("file not found (nor t10k-images-idx3-ubyte without .gz)");
                });
    }

    @Test
    void aMissingFolderIsSaidToBeMissing() {
        Path nowhere = dir.resolve("nowhere");
        assertThatThrownBy(() -> FashionMnist.load(nowhere)).hasMessage(nowhere + ": folder not found");
    }

    private static byte[] header(int magic, int... dims) {
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        ByteBuffer b = ByteBuffer.allocate((int) (4 + 4 * dims.length + total));
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }
}

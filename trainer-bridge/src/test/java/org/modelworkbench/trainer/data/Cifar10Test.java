package org.modelworkbench.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10's binary batches: record layout, folder layout and broken files. */
class Cifar10Test {
    @TempDir
    Path dir;

    @Test
    void recordsBecomeThreeBy32By32ImagesInTheirChannelOrderWithTheirLabels() throws Exception {
        writeBatches(dir, 2);

        DatasetSplits splits = Cifar10.load(dir);

        assertThat(splits.train().size()).isEqualTo(10);
        assertThat(splits.test().size()).isEqualTo(2);
        assertThat(splits.train().shape()).containsExactly(3, 32, 32);
        assertThat(splits.train().classNames()).isEqualTo(Cifar10.CLASS_NAMES);
        // batch 3 (index 2), record 1: label (2*2+1) mod 10, red plane 50, green 51, blue 52
        ImageDataset train = splits.train();
        assertThat(train.label(5)).isEqualTo(5);
        byte[] px = train.pixels(5);
        assertThat(px[0]).isEqualTo((byte) 50);
        assertThat(px[1023]).isEqualTo((byte) 50);
        assertThat(px[1024]).isEqualTo((byte) 51);
        assertThat(px[3071]).isEqualTo((byte) 52);
    }

    @Test
    void theFolderAboveTheExtractedBatchesWorksAndClassNamesComeFromTheMetaFile() throws Exception {
        Path inner = Files.createDirectories(dir.resolve(Cifar10.EXTRACTED_FOLDER));
        writeBatches(inner, 1);
        Files.writeString(inner.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");

        DatasetSplits splits = Cifar10.load(dir);

        assertThat(splits.train().size()).isEqualTo(5);
        assertThat(splits.test().classNames()).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
    }

    @Test
    void aBatchThatIsNotAWholeNumberOfRecordsIsCalledTruncated() throws Exception {
        writeBatches(dir, 2);
        Path file = dir.resolve("data_batch_4.bin");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), Cifar10.RECORD + 1_000));

        assertThatThrownBy(() -> Cifar10.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ": truncated or not CIFAR-10 binary: 4,073 bytes is not a whole number of "
                        + "3,073-byte records (1 label byte + 3,072 pixel bytes); 1 whole records and 1,000 bytes over");
    }

    @Test
    void aLabelAboveNineIsRefusedWithItsRecord() throws Exception {
        writeBatches(dir, 3);
        Path file = dir.resolve("test_batch.bin");
        byte[] bytes = Files.readAllBytes(file);
        bytes[2 * Cifar10.RECORD] = 57;
        Files.write(file, bytes);

        assertThatThrownBy(() -> Cifar10.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(file + ": record 2 has label 57; CIFAR-10 labels are 0..9");
    }

    @Test
    void aMissingBatchIsNamedWithTheFilesNeeded() throws Exception {
        writeBatches(dir, 1);
        Files.delete(dir.resolve("data_batch_2.bin"));

        assertThatThrownBy(() -> Cifar10.load(dir))
                .isInstanceOfSatisfying(DatasetException.class, e -> {
                    assertThat(e.file()).endsWith("data_batch_2.bin");
                    assertThat(e.reason()).startsWith("file not found; CIFAR-10's binary version needs data_batch_1.bin");
                });
    }

    @Test
    void anEmptyBatchIsRefused() throws Exception {
        writeBatches(dir, 1);
        Files.write(dir.resolve("test_batch.bin"), new byte[0]);

        assertThatThrownBy(() -> Cifar10.load(dir)).hasMessageEndingWith("test_batch.bin: the file is empty");
    }

    /** Five training batches and a test batch of {@code perFile} records; record r of file f has label (f·perFile + r) mod 10 and planes 10(f·perFile + r) + channel. */
    private static void writeBatches(Path folder, int perFile) throws IOException {
        for (int f = 0; f < 6; f++) {
            byte[] bytes = new byte[perFile * Cifar10.RECORD];
            for (int r = 0; r < perFile; r++) {
                int n = f * perFile + r;
                bytes[r * Cifar10.RECORD] = (byte) (n % 10);
                for (int c = 0; c < 3; c++) {
                    Arrays.fill(bytes, r * Cifar10.RECORD + 1 + c * 1024, r * Cifar10.RECORD + 1 + (c + 1) * 1024,
                            (byte) (10 * n + c));
                }
            }
            Files.write(folder.resolve(f < 5 ? Cifar10.TRAIN_FILES.get(f) : Cifar10.TEST_FILE), bytes);
        }
    }
}

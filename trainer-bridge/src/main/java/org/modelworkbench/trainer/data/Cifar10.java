package org.modelworkbench.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CIFAR-10's binary version ({@code cifar-10-binary.tar.gz}): {@code data_batch_1.bin} …
 * {@code data_batch_5.bin} for training and {@code test_batch.bin}, each a run of 3,073-byte records,
 * one label byte (0–9) then 3,072 pixel bytes: 1,024 red, 1,024 green, 1,024 blue, each 32×32 row by
 * row, which is already C×H×W. The folder may be the extracted {@code cifar-10-batches-bin} or the one
 * above it. Class names come from {@code batches.meta.txt} when present.
 */
public final class Cifar10 {
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    public static final int SIDE = 32;
    public static final int RECORD = 1 + 3 * SIDE * SIDE;
    public static final String EXTRACTED_FOLDER = "cifar-10-batches-bin";
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";

    private Cifar10() {
    }

    public static DatasetSplits load(Path folder) throws DatasetException {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder.toString(), "folder not found");
        }
        if (!Files.exists(folder.resolve(TEST_FILE)) && Files.isDirectory(folder.resolve(EXTRACTED_FOLDER))) {
            folder = folder.resolve(EXTRACTED_FOLDER);
        }
        List<String> names = classNames(folder);
        List<byte[]> train = new ArrayList<>();
        for (String f : TRAIN_FILES) {
            train.add(readFile(folder.resolve(f)));
        }
        return new DatasetSplits(toDataset("CIFAR-10 (train)", names, train),
                toDataset("CIFAR-10 (test)", names, List.of(readFile(folder.resolve(TEST_FILE)))));
    }

    private static List<String> classNames(Path folder) throws DatasetException {
        Path meta = folder.resolve("batches.meta.txt");
        if (!Files.isRegularFile(meta)) {
            return CLASS_NAMES;
        }
        try {
            List<String> names = Files.readAllLines(meta).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (names.size() != CLASS_NAMES.size()) {
                throw new DatasetException(meta.toString(), "names " + names.size() + " classes; CIFAR-10 has 10");
            }
            return names;
        } catch (IOException e) {
            throw new DatasetException(meta.toString(), "cannot be read: " + e, e);
        }
    }

    /** Reads and checks one batch file: whole records, labels 0–9. */
    static byte[] readFile(Path file) throws DatasetException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetException(file.toString(), "file not found; CIFAR-10's binary version needs "
                    + String.join(", ", TRAIN_FILES) + " and " + TEST_FILE, e);
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "cannot be read: " + e, e);
        }
        if (bytes.length == 0) {
            throw new DatasetException(file.toString(), "the file is empty");
        }
        if (bytes.length % RECORD != 0) {
            throw new DatasetException(file.toString(), String.format(Locale.ROOT,
                    "truncated or not CIFAR-10 binary: %,d bytes is not a whole number of %,d-byte records "
                            + "(1 label byte + 3,072 pixel bytes); %,d whole records and %,d bytes over",
                    bytes.length, RECORD, bytes.length / RECORD, bytes.length % RECORD));
        }
        for (int r = 0; r < bytes.length / RECORD; r++) {
            int label = bytes[r * RECORD] & 0xFF;
            if (label >= CLASS_NAMES.size()) {
                throw new DatasetException(file.toString(), String.format(Locale.ROOT,
                        "record %,d has label %d; CIFAR-10 labels are 0..9 (is this CIFAR-100 or the Python version?)",
                        r, label));
            }
        }
        return bytes;
    }

    private static ImageDataset toDataset(String name, List<String> classNames, List<byte[]> files) {
        int count = files.stream().mapToInt(b -> b.length / RECORD).sum();
        int size = RECORD - 1;
        byte[] pixels = new byte[count * size];
        int[] labels = new int[count];
        int i = 0;
        for (byte[] file : files) {
            for (int r = 0; r < file.length / RECORD; r++, i++) {
                labels[i] = file[r * RECORD] & 0xFF;
                System.arraycopy(file, r * RECORD + 1, pixels, i * size, size);
            }
        }
        return new ImageDataset(name, classNames, 3, SIDE, SIDE, pixels, labels);
    }
}

package org.modelworkbench.trainer.data;

import java.io.IOException;
import java.nio.file.Path;

/** Small dataset files for tests, written into a test's temporary folder. */
final class Fixtures {
    private Fixtures() {
    }

    /** {@code count} images of rows×cols whose pixel k of image i is (i + k) mod 256, labels i mod 10. */
    static byte[] pixels(int count, int rows, int cols) {
        byte[] p = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < rows * cols; k++) {
                p[i * rows * cols + k] = (byte) (i + k);
            }
        }
        return p;
    }

    static byte[] labels(int count) {
        byte[] l = new byte[count];
        for (int i = 0; i < count; i++) {
            l[i] = (byte) (i % 10);
        }
        return l;
    }

    /** A Fashion-MNIST folder of 4×4 images: 30 training, 20 test; gzip or plain. */
    static Path fashionMnist(Path folder, boolean gzip) throws IOException {
        String gz = gzip ? ".gz" : "";
        Idx.writeImages(folder.resolve(FashionMnist.TRAIN_IMAGES + gz), 4, 4, pixels(30, 4, 4));
        Idx.writeLabels(folder.resolve(FashionMnist.TRAIN_LABELS + gz), labels(30));
        Idx.writeImages(folder.resolve(FashionMnist.TEST_IMAGES + gz), 4, 4, pixels(20, 4, 4));
        Idx.writeLabels(folder.resolve(FashionMnist.TEST_LABELS + gz), labels(20));
        return folder;
    }
}

package org.modelworkbench.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders with one sub-folder per class: reading, the resize policy and bad files. */
class ImageFolderTest {
    @TempDir
    Path dir;

    @Test
    void subFoldersAreTheClassesInNameOrderAndPixelsArriveAsChannelPlanes() throws Exception {
        png(dir.resolve("dog/a.png"), 3, 2, 0x102030);
        png(dir.resolve("cat/b.png"), 3, 2, 0x405060);
        png(dir.resolve("cat/c.png"), 3, 2, 0x708090);
        Files.writeString(dir.resolve("cat/notes.txt"), "ignored");

        ImageDataset data = ImageFolder.load(dir, ImageFolder.Options.rgbSameSize());

        assertThat(data.classNames()).containsExactly("cat", "dog");
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.shape()).containsExactly(3, 2, 3);
        assertThat(data.labels()).containsExactly(0, 0, 1);
        assertThat(data.pixels(2)).containsExactly(0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
                0x30, 0x30, 0x30, 0x30, 0x30, 0x30);
    }

    @Test
    void anImageOfAnotherSizeIsRefusedByNameWhenNoSizeIsGiven() throws Exception {
        png(dir.resolve("cat/a.png"), 8, 8, 0);
        png(dir.resolve("dog/b.png"), 8, 6, 0);

        assertThatThrownBy(() -> ImageFolder.load(dir, ImageFolder.Options.rgbSameSize()))
                .isInstanceOf(DatasetException.class)
                .hasMessage(dir.resolve("dog/b.png") + ": image is 8×6 but cat/a.png is 8×8; all images must share one "
                        + "size, or give a size to resize them to");
    }

    @Test
    void withASizeEveryImageIsResizedToIt() throws Exception {
        png(dir.resolve("cat/a.png"), 8, 8, 0xFFFFFF);
        png(dir.resolve("dog/b.png"), 20, 10, 0x000000);

        ImageDataset data = ImageFolder.load(dir, ImageFolder.Options.rgbResized(4, 4));

        assertThat(data.shape()).containsExactly(3, 4, 4);
        assertThat(data.pixels(0)).containsOnly((byte) 0xFF);
        assertThat(data.pixels(1)).containsOnly((byte) 0);
    }

    @Test
    void oneChannelGivesTheGreyLevelOfColourAndGreyImages() throws Exception {
        png(dir.resolve("a/red.png"), 2, 2, 0xFF0000);
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 77);
        Files.createDirectories(dir.resolve("b"));
        ImageIO.write(grey, "png", dir.resolve("b/grey.png").toFile());

        ImageDataset data = ImageFolder.load(dir, new ImageFolder.Options(1, 0, 0));

        assertThat(data.pixels(0)).containsOnly((byte) 76);
        assertThat(data.pixels(1)).containsExactly(77, 0, 0, 0);
    }

    @Test
    void aFileNamedLikeAnImageThatIsNotOneIsNamed() throws Exception {
        png(dir.resolve("cat/a.png"), 2, 2, 0);
        Files.createDirectories(dir.resolve("dog"));
        Files.writeString(dir.resolve("dog/b.jpg"), "not a jpeg");

        assertThatThrownBy(() -> ImageFolder.load(dir, ImageFolder.Options.rgbSameSize()))
                .hasMessageStartingWith(dir.resolve("dog/b.jpg") + ": ");
    }

    @Test
    void aFolderWithoutClassFoldersOrWithAnEmptyClassIsRefused() throws Exception {
        png(dir.resolve("loose.png"), 2, 2, 0);
        assertThatThrownBy(() -> ImageFolder.load(dir, ImageFolder.Options.rgbSameSize()))
                .hasMessageStartingWith(dir + ": no class sub-folders");

        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ImageFolder.load(dir, ImageFolder.Options.rgbSameSize()))
                .hasMessageStartingWith(dir.resolve("empty") + ": class folder holds no images");
    }

    @Test
    void trainAndTestFoldersAreUsedAsTheSplitsAndTheTestImagesMustMatchTheTrainingSize() throws Exception {
        png(dir.resolve("train/cat/a.png"), 4, 4, 0);
        png(dir.resolve("train/dog/a.png"), 4, 4, 0);
        png(dir.resolve("test/cat/a.png"), 4, 4, 0);
        png(dir.resolve("test/dog/a.png"), 4, 4, 0);

        DatasetSplits splits = ImageFolder.loadSplits(dir, ImageFolder.Options.rgbSameSize(), 0.2, 1);
        assertThat(splits.train().size()).isEqualTo(2);
        assertThat(splits.test().size()).isEqualTo(2);

        png(dir.resolve("test/dog/b.png"), 5, 4, 0);
        assertThatThrownBy(() -> ImageFolder.loadSplits(dir, ImageFolder.Options.rgbSameSize(), 0.2, 1))
                .hasMessageStartingWith(dir.resolve("test/dog/b.png") + ": image is 5×4 but the training images are 4×4");
    }

    @Test
    void aFolderWithoutSplitsHoldsOutTheSameShareOfEachClassForTheSameSeed() throws Exception {
        for (int i = 0; i < 10; i++) {
            png(dir.resolve("cat/" + i + ".png"), 2, 2, i);
            png(dir.resolve("dog/" + i + ".png"), 2, 2, 100 + i);
        }

        DatasetSplits a = ImageFolder.loadSplits(dir, ImageFolder.Options.rgbSameSize(), 0.2, 7);
        DatasetSplits b = ImageFolder.loadSplits(dir, ImageFolder.Options.rgbSameSize(), 0.2, 7);

        assertThat(a.test().classCounts()).containsExactly(2, 2);
        assertThat(a.train().classCounts()).containsExactly(8, 8);
        for (int i = 0; i < 4; i++) {
            assertThat(a.test().pixels(i)).isEqualTo(b.test().pixels(i));
        }
    }

    private static void png(Path file, int width, int height, int rgb) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}

package org.modelworkbench.trainer.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Images in a folder with one sub-folder per class ({@code folder/cat/001.png}, {@code folder/dog/…}),
 * read with javax.imageio (PNG, JPEG, BMP, GIF). Classes are the sub-folders in name order; hidden
 * entries and files with other extensions are ignored.
 *
 * <p>Resize policy: without a size every image must have the size of the first one read (a differing
 * image is refused by name, so nothing is silently distorted); with a size every image is stretched
 * to exactly that width × height with bilinear interpolation (no cropping, the aspect ratio is not
 * kept). Images are converted to the requested channels: 3 gives RGB, 1 gives grey by luminance
 * (0.299 R + 0.587 G + 0.114 B); transparency is dropped.
 */
public final class ImageFolder {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    /**
     * How to read: {@code channels} 1 or 3; {@code width} and {@code height} both 0 to require one
     * shared size, or both positive to resize every image to them.
     */
    public record Options(int channels, int width, int height) {
        public Options {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 or 3: " + channels);
            }
            if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
                throw new IllegalArgumentException("give both width and height, or neither: " + width + "×" + height);
            }
        }

        /** RGB, every image the same size. */
        public static Options rgbSameSize() {
            return new Options(3, 0, 0);
        }

        /** RGB, every image resized to width × height. */
        public static Options rgbResized(int width, int height) {
            return new Options(3, width, height);
        }

        boolean resizes() {
            return width > 0;
        }
    }

    private ImageFolder() {
    }

    /**
     * Reads {@code folder/train} and {@code folder/test} when both exist (their class folders must
     * have the same names); otherwise reads {@code folder} and holds out {@code testFraction} of each
     * class with {@code seed} (see {@link ImageDataset#split}).
     */
    public static DatasetSplits loadSplits(Path folder, Options options, double testFraction, long seed)
            throws DatasetException {
        Path train = folder.resolve("train");
        Path test = folder.resolve("test");
        if (Files.isDirectory(train) && Files.isDirectory(test)) {
            ImageDataset tr = load(train, options);
            ImageDataset te = load(test, options, tr.width(), tr.height());
            if (!te.classNames().equals(tr.classNames())) {
                throw new DatasetException(test.toString(), "class folders " + te.classNames()
                        + " differ from the training folder's " + tr.classNames());
            }
            return new DatasetSplits(tr, te);
        }
        return load(folder, options).split(testFraction, seed);
    }

    /** Reads one folder of class sub-folders. */
    public static ImageDataset load(Path folder, Options options) throws DatasetException {
        return load(folder, options, 0, 0);
    }

    /** {@code sharedWidth} × {@code sharedHeight}: the size the images must have when not resizing, 0 to take the first's. */
    private static ImageDataset load(Path folder, Options options, int sharedWidth, int sharedHeight)
            throws DatasetException {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder.toString(), "folder not found");
        }
        List<Path> classDirs = list(folder).stream().filter(Files::isDirectory).toList();
        if (classDirs.isEmpty()) {
            throw new DatasetException(folder.toString(), "no class sub-folders; put the images of each class in a "
                    + "sub-folder named after it (for example cat/001.png, dog/002.png)");
        }
        int width = options.resizes() ? options.width() : sharedWidth;
        int height = options.resizes() ? options.height() : sharedHeight;
        Path first = null;
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        List<Integer> labels = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        for (Path dir : classDirs) {
            int label = classNames.size();
            classNames.add(dir.getFileName().toString());
            List<Path> images = list(dir).stream().filter(ImageFolder::isImageName).toList();
            if (images.isEmpty()) {
                throw new DatasetException(dir.toString(), "class folder holds no images (" + String.join(", ", EXTENSIONS) + ")");
            }
            for (Path file : images) {
                BufferedImage img = read(file);
                if (width == 0) {
                    width = img.getWidth();
                    height = img.getHeight();
                    first = file;
                } else if (!options.resizes() && (img.getWidth() != width || img.getHeight() != height)) {
                    throw new DatasetException(file.toString(), String.format(Locale.ROOT,
                            "image is %d×%d but %s %d×%d; all images must share one size, or give a size to resize them to",
                            img.getWidth(), img.getHeight(), first == null ? "the training images are" : folder.relativize(first) + " is",
                            width, height));
                }
                if (img.getWidth() != width || img.getHeight() != height) {
                    img = resize(img, width, height);
                }
                pixels.writeBytes(toChw(img, options.channels()));
                labels.add(label);
            }
        }
        return new ImageDataset(folder.getFileName().toString(), classNames, options.channels(), height, width,
                pixels.toByteArray(), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<Path> list(Path dir) throws DatasetException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(dir.toString(), "cannot be listed: " + e, e);
        }
    }

    private static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private static BufferedImage read(Path file) throws DatasetException {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new DatasetException(file.toString(), "not an image javax.imageio can read (PNG, JPEG, BMP, GIF)");
            }
            return img;
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "cannot be read as an image: " + e.getMessage(), e);
        }
    }

    private static BufferedImage resize(BufferedImage img, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    private static byte[] toChw(BufferedImage img, int channels) {
        int w = img.getWidth();
        int h = img.getHeight();
        int plane = w * h;
        byte[] out = new byte[channels * plane];
        boolean grey = img.getType() == BufferedImage.TYPE_BYTE_GRAY;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // getRGB would pass grey through a linear colour space and shift its values
                int rgb = grey ? img.getRaster().getSample(x, y, 0) * 0x010101 : img.getRGB(x, y);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                int at = y * w + x;
                if (channels == 3) {
                    out[at] = (byte) r;
                    out[plane + at] = (byte) g;
                    out[2 * plane + at] = (byte) b;
                } else {
                    out[at] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                }
            }
        }
        return out;
    }
}

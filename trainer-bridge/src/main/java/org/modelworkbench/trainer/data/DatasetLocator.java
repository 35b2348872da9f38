package org.modelworkbench.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds Fashion-MNIST: the folder the user chose, else Debian's {@code dataset-fashion-mnist}
 * package ({@value #DEBIAN_FOLDER}), else the sample bundled in the jar, and says which it used. A
 * chosen folder that is wrong is an error (the user asked for it); a broken Debian folder is skipped
 * for the sample with a note saying why, so the package is never required.
 */
public final class DatasetLocator {
    public static final String DEBIAN_FOLDER = "/usr/share/datasets/fashion-mnist";

    /** Where the data came from. */
    public enum Source {
        CHOSEN_FOLDER("the chosen folder"),
        DEBIAN_PACKAGE("Debian's dataset-fashion-mnist package"),
        BUNDLED_SAMPLE("the sample bundled with Model Workbench");

        private final String words;

        Source(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * The data found: its source, the folder or resource it came from, the splits, and notes about
     * places that were looked at and skipped.
     */
    public record Located(Source source, String where, DatasetSplits splits, List<String> notes) {
        public Located {
            notes = List.copyOf(notes);
        }

        /** One line for the user, e.g. "Fashion-MNIST from Debian's … (/usr/share/…): 60,000 training and 10,000 test images". */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "Fashion-MNIST from %s (%s): %,d training and %,d test images",
                    source.words(), where, splits.train().size(), splits.test().size());
        }
    }

    private final Path debianFolder;

    /** Looks in Debian's folder. */
    public DatasetLocator() {
        this(Path.of(DEBIAN_FOLDER));
    }

    /** Looks in {@code debianFolder} instead of Debian's (tests; other distributions' packages). */
    public DatasetLocator(Path debianFolder) {
        this.debianFolder = Objects.requireNonNull(debianFolder, "debianFolder");
    }

    /**
     * @param chosenFolder the folder the user picked, or null
     * @throws DatasetException when the chosen folder (or, failing all else, the bundled sample) cannot be read
     */
    public Located fashionMnist(Path chosenFolder) throws DatasetException {
        if (chosenFolder != null) {
            return new Located(Source.CHOSEN_FOLDER, chosenFolder.toString(), FashionMnist.load(chosenFolder), List.of());
        }
        List<String> notes = new ArrayList<>();
        if (Files.isDirectory(debianFolder) && FashionMnist.looksPresent(debianFolder)) {
            try {
                return new Located(Source.DEBIAN_PACKAGE, debianFolder.toString(), FashionMnist.load(debianFolder), notes);
            } catch (DatasetException e) {
                notes.add("skipped " + e.getMessage());
            }
        }
        return new Located(Source.BUNDLED_SAMPLE, FashionMnist.SAMPLE_RESOURCE, FashionMnist.loadBundledSample(), notes);
    }
}

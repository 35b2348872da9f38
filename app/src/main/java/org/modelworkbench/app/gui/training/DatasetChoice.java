package org.modelworkbench.app.gui.training;

/** The datasets the training form offers, with the id a {@code TrainingConfig} names them by. */
public enum DatasetChoice {
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST",
            "Optional: without a folder the usual places are searched, then the sample bundled with the app is used"),
    CIFAR_10("cifar-10", "CIFAR-10", "Optional: without a folder the usual places are searched (the binary version)"),
    IMAGE_FOLDER("image-folder", "Image folder", "Required: a folder with one sub-folder of images per class");

    private final String id;
    private final String displayName;
    private final String folderHint;

    DatasetChoice(String id, String displayName, String folderHint) {
        this.id = id;
        this.displayName = displayName;
        this.folderHint = folderHint;
    }

    /** The id in a training config ("fashion-mnist"). */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** What the folder is for with this dataset, in a sentence (the field's tooltip). */
    public String folderHint() {
        return folderHint;
    }

    /** What the folder field says while it is empty. */
    public String folderPrompt() {
        return needsFolder() ? "required" : "default locations";
    }

    /** True when training cannot start without a folder. */
    public boolean needsFolder() {
        return this == IMAGE_FOLDER;
    }

    public static DatasetChoice of(String id) {
        for (DatasetChoice d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset \"" + id + "\"; known: fashion-mnist, cifar-10, image-folder");
    }

    @Override
    public String toString() {
        return displayName;
    }
}

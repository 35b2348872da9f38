package org.modelworkbench.trainer.probe;

/** How many of {@code total} images the model classified right. */
public record Evaluation(int correct, int total) {
    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }
}

package org.modelworkbench.trainer.train;

/**
 * The loss and accuracy of the last {@code n} training steps, for the means a {@link
 * TrainingEvent.Progress} reports. A progress event at an epoch's end may come a step or two after
 * the previous one; a mean over the steps since then would be over so few batches that it stands
 * out of the curve as a spike, while a mean over the last {@code n} steps is as smooth as the others.
 */
final class RecentSteps {
    private final double[] lossSums;
    private final long[] right;
    private final long[] images;
    private long steps;

    /** @param n how many steps the means are over (at least 1) */
    RecentSteps(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a mean over " + n + " steps: it must be at least 1");
        }
        lossSums = new double[n];
        right = new long[n];
        images = new long[n];
    }

    /** One step: its mean loss over {@code batch} images, of which {@code correct} were classified right. */
    void add(double meanLoss, long correct, int batch) {
        int slot = (int) (steps % lossSums.length);
        lossSums[slot] = meanLoss * batch;
        right[slot] = correct;
        images[slot] = batch;
        steps++;
    }

    /** The mean loss per image over the last n steps (fewer before n were taken); NaN before the first. */
    double loss() {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < filled(); i++) {
            sum += lossSums[i];
            count += images[i];
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The share of images classified right over the last n steps; NaN before the first. */
    double accuracy() {
        long sum = 0;
        long count = 0;
        for (int i = 0; i < filled(); i++) {
            sum += right[i];
            count += images[i];
        }
        return count == 0 ? Double.NaN : (double) sum / count;
    }

    private int filled() {
        return (int) Math.min(steps, lossSums.length);
    }
}

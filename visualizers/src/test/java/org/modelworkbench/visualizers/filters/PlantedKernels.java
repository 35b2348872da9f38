package org.modelworkbench.visualizers.filters;

import java.util.SplittableRandom;
import org.modelworkbench.visualizers.filters.DogTemplates.Template;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/** Planted layers for the filter tests: depthwise weights whose kernels are noisy templates. */
final class PlantedKernels {
    private PlantedKernels() {}

    /**
     * A depthwise weight (perShape·shapes.length, 1, 7, 7): kernel i is template {@code shapes[i / perShape]}
     * at σ₁ = 1, scaled by a random gain in [0.5, 2), plus Gaussian noise of the given deviation per pixel
     * (relative to the unit template).
     */
    static FloatTensor depthwise(Template[] shapes, int perShape, double noise, long seed) {
        DogTemplates bank = DogTemplates.of(7);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = shapes.length * perShape;
        float[] w = new float[n * 49];
        for (int i = 0; i < n; i++) {
            float[] t = bank.template(shapes[i / perShape], 2).values();
            double gain = 0.5 + 1.5 * rnd.nextDouble();
            for (int j = 0; j < 49; j++) {
                w[i * 49 + j] = (float) (gain * (t[j] + noise * gaussian(rnd)));
            }
        }
        return FloatTensor.of(w, n, 1, 7, 7);
    }

    static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** n random kernels with i.i.d. standard normal pixels, (n, 1, k, k). */
    static FloatTensor random(int n, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] w = new float[n * k * k];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) gaussian(rnd);
        }
        return FloatTensor.of(w, n, 1, k, k);
    }
}

package org.modelworkbench.trainer.probe;

import java.util.Random;

/** Seeded normal noise as an already-normalised batch. */
final class RandomImages {
    private RandomImages() {
    }

    static ProbeImages of(ProbeModel model, int count, long seed) {
        Random r = new Random(seed);
        float[] v = new float[count * model.channels() * model.height() * model.width()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return ProbeImages.ofNormalised(v, count, model.channels(), model.height(), model.width());
    }
}

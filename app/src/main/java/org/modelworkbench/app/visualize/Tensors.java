package org.modelworkbench.app.visualize;

import org.modelworkbench.trainer.capture.CapturedTensor;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/** Captured tensors (the trainer's) as the visualizers' arrays: same row-major values, int dimensions. */
public final class Tensors {
    private Tensors() {
    }

    public static FloatTensor of(CapturedTensor t) {
        long[] s = t.shape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        return new FloatTensor(shape, t.values());
    }

    /** Integer labels or classes as a float tensor (bundles hold float tensors only). */
    public static FloatTensor ofInts(int[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = values[i];
        }
        return new FloatTensor(new int[] {values.length}, f);
    }
}

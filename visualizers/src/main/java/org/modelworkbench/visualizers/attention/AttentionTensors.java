package org.modelworkbench.visualizers.attention;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/** Shape checks shared by the attention computations: (B,h,N,N) probabilities and their patch grid. */
final class AttentionTensors {
    private AttentionTensors() {
    }

    /** Checks that {@code a} is (B,h,N,N) and returns N. */
    static int tokens(FloatTensor a, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        int[] s = a.shape();
        if (s.length != 4 || s[2] != s[3] || s[0] < 1 || s[1] < 1 || s[2] < 1) {
            throw new IllegalArgumentException(what + " must have shape (B,h,N,N) with B,h,N ≥ 1, got "
                    + Arrays.toString(s));
        }
        return s[2];
    }

    static void checkImage(FloatTensor a, int image) {
        if (image < 0 || image >= a.dim(0)) {
            throw new IllegalArgumentException("image " + image + " outside the batch of " + a.dim(0));
        }
    }

    /** The side g of the square patch grid left after {@code prefix} tokens: N − prefix = g². */
    static int grid(int tokens, int prefix) {
        if (prefix < 0 || prefix > 2) {
            throw new IllegalArgumentException("prefix tokens must be 0 (no CLS), 1 (CLS) or 2 (CLS + distillation), got "
                    + prefix);
        }
        int patches = tokens - prefix;
        int g = (int) Math.round(Math.sqrt(patches));
        if (patches < 1 || g * g != patches) {
            throw new IllegalArgumentException(tokens + " tokens less " + prefix + " prefix token(s) leave " + patches
                    + " patches, not a square grid");
        }
        return g;
    }
}

package org.modelworkbench.visualizers.similarity;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/** Reading a FloatTensor as an n × p matrix (first axis = examples, the rest flattened) and its Gram matrix. */
final class Features {
    private Features() {
    }

    static int rows(FloatTensor x, String what) {
        if (x.rank() < 1 || x.dim(0) < 1) {
            throw new IllegalArgumentException(what + " need at least one example (first axis), got shape "
                    + Arrays.toString(x.shape()));
        }
        return x.dim(0);
    }

    /** XXᵀ in double, n×n row-major, for X = the tensor as n × (size/n). */
    static double[] gram(FloatTensor x, String what) {
        int n = rows(x, what);
        int p = x.size() / n;
        float[] v = x.values();
        double[] k = new double[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            int a = i * p;
            for (int j = 0; j <= i; j++) {
                double d = dot(v, a, j * p, p);
                k[i * n + j] = d;
                k[j * n + i] = d;
            }
        });
        return k;
    }

    static double dot(float[] v, int a, int b, int p) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < p; t += 4) {
            s0 += (double) v[a + t] * v[b + t];
            s1 += (double) v[a + t + 1] * v[b + t + 1];
            s2 += (double) v[a + t + 2] * v[b + t + 2];
            s3 += (double) v[a + t + 3] * v[b + t + 3];
        }
        for (; t < p; t++) {
            s0 += (double) v[a + t] * v[b + t];
        }
        return (s0 + s1) + (s2 + s3);
    }
}

package org.modelworkbench.trainer.reference;

/**
 * Scalar functions and small loops in float64 for the plain references: nothing here calls DJL, so a
 * reference written with them is independent of the kernels it checks. Tensors are flat row-major
 * double arrays; each method names the layout it expects.
 */
final class Plain {
    private Plain() {
    }

    /** erf to about 1e-15: its Taylor series near 0, the continued fraction of erfc further out. */
    static double erf(double x) {
        double z = Math.abs(x);
        double r;
        if (z < 2.5) {
            double term = z;
            double sum = z;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -z * z / n;
                sum += term / (2 * n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc(z) = e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), evaluated from the tail
            double f = z;
            for (int n = 120; n >= 1; n--) {
                f = z + n / 2.0 / f;
            }
            r = 1 - Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }

    /** GELU, the erf form: x·Φ(x). */
    static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double silu(double x) {
        return x * sigmoid(x);
    }

    static double softplus(double x) {
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** y = x·Wᵀ + b over the last axis of a rows×in array; W is out×in (PyTorch's Linear); b may be null. */
    static double[] linear(double[] x, int rows, int in, float[] w, float[] b, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    /** LayerNorm over the last axis (size c) of a rows×c array, biased variance. */
    static double[] layerNormLast(double[] x, int rows, int c, float[] gamma, float[] beta, double eps) {
        double[] y = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int i = 0; i < c; i++) {
                mean += x[r * c + i];
            }
            mean /= c;
            double var = 0;
            for (int i = 0; i < c; i++) {
                double dv = x[r * c + i] - mean;
                var += dv * dv;
            }
            var /= c;
            for (int i = 0; i < c; i++) {
                y[r * c + i] = (x[r * c + i] - mean) / Math.sqrt(var + eps) * gamma[i] + beta[i];
            }
        }
        return y;
    }

    /** N×C×H×W ↔ N×H×W×C. */
    static double[] toChannelsLast(double[] x, int n, int c, int h, int w) {
        double[] y = new double[x.length];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < h * w; i++) {
                    y[(b * h * w + i) * c + ch] = x[(b * c + ch) * h * w + i];
                }
            }
        }
        return y;
    }

    static double[] toChannelsFirst(double[] x, int n, int c, int h, int w) {
        double[] y = new double[x.length];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < h * w; i++) {
                    y[(b * c + ch) * h * w + i] = x[(b * h * w + i) * c + ch];
                }
            }
        }
        return y;
    }

    /**
     * Conv2d on N×C×H×W with zero padding: weight Cout×(Cin/groups)×k×k, bias may be null. Written as
     * the textbook sum over the receptive field, one output at a time.
     */
    static double[] conv2d(double[] x, int n, int cin, int h, int w, float[] weight, float[] bias, int cout, int k,
                           int stride, int pad, int groups) {
        int ho = (h + 2 * pad - k) / stride + 1;
        int wo = (w + 2 * pad - k) / stride + 1;
        int perGroupIn = cin / groups;
        int perGroupOut = cout / groups;
        double[] y = new double[n * cout * ho * wo];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < cout; o++) {
                int g = o / perGroupOut;
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        double s = bias == null ? 0 : bias[o];
                        for (int ci = 0; ci < perGroupIn; ci++) {
                            int c = g * perGroupIn + ci;
                            for (int ky = 0; ky < k; ky++) {
                                int iy = oy * stride - pad + ky;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int kx = 0; kx < k; kx++) {
                                    int ix = ox * stride - pad + kx;
                                    if (ix < 0 || ix >= w) {
                                        continue;
                                    }
                                    s += x[((b * cin + c) * h + iy) * w + ix] * weight[((o * perGroupIn + ci) * k + ky) * k + kx];
                                }
                            }
                        }
                        y[((b * cout + o) * ho + oy) * wo + ox] = s;
                    }
                }
            }
        }
        return y;
    }

    /** LayerNorm over the channels of each pixel of N×C×H×W (ConvNeXt's and timm's LayerNorm2d). */
    static double[] layerNormChannels(double[] x, int n, int c, int h, int w, float[] gamma, float[] beta, double eps) {
        return toChannelsFirst(layerNormLast(toChannelsLast(x, n, c, h, w), n * h * w, c, gamma, beta, eps), n, c, h, w);
    }

    /** Applies f to every element, in place; returns x. */
    static double[] map(double[] x, java.util.function.DoubleUnaryOperator f) {
        for (int i = 0; i < x.length; i++) {
            x[i] = f.applyAsDouble(x[i]);
        }
        return x;
    }

    static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }
}

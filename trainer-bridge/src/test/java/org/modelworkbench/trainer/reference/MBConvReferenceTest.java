package org.modelworkbench.trainer.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.engine.TestEngine;

/**
 * The compiled mbconv.mbconv against a loop version of timm's InvertedResidual with SqueezeExcite
 * (efficientnet_b0): [conv 1×1 Cin→M, BN, act] → depthwise k×k/s padding k/2, BN, act → SE (mean over
 * the map, 1×1 conv M→r with bias, act, 1×1 conv r→M with bias, sigmoid, scale) → conv 1×1 M→Cout, BN
 * → + x when s = 1 and Cin = Cout. BatchNorm in evaluation uses the running statistics, in training the
 * batch's (biased variance).
 */
class MBConvReferenceTest {
    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    static double[] batchNorm(double[] x, int n, int c, int hw, Function<String, float[]> w, String name,
                              boolean training) {
        float[] gamma = w.apply(name + ".weight");
        float[] beta = w.apply(name + ".bias");
        double[] y = new double[x.length];
        for (int ch = 0; ch < c; ch++) {
            double mean, var;
            if (training) {
                double s = 0, ss = 0;
                for (int b = 0; b < n; b++) {
                    for (int p = 0; p < hw; p++) {
                        s += x[(b * c + ch) * hw + p];
                    }
                }
                mean = s / (n * hw);
                for (int b = 0; b < n; b++) {
                    for (int p = 0; p < hw; p++) {
                        double dv = x[(b * c + ch) * hw + p] - mean;
                        ss += dv * dv;
                    }
                }
                var = ss / (n * hw);
            } else {
                mean = w.apply(name + ".running_mean")[ch];
                var = w.apply(name + ".running_var")[ch];
            }
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < hw; p++) {
                    int i = (b * c + ch) * hw + p;
                    y[i] = (x[i] - mean) / Math.sqrt(var + 1e-5) * gamma[ch] + beta[ch];
                }
            }
        }
        return y;
    }

    static double[] mbconv(double[] x, int n, int cin, int h, int w, int cout, int e, int k, int s,
                           DoubleUnaryOperator act, boolean training, Function<String, float[]> p) {
        int m = e * cin;
        double[] y = x;
        if (e != 1) {
            y = Plain.conv2d(y, n, cin, h, w, p.apply("conv_pw.weight"), null, m, 1, 1, 0, 1);
            y = Plain.map(batchNorm(y, n, m, h * w, p, "bn1", training), act);
        }
        y = Plain.conv2d(y, n, m, h, w, p.apply("conv_dw.weight"), null, m, k, s, k / 2, m);
        int ho = (h + 2 * (k / 2) - k) / s + 1;
        int wo = (w + 2 * (k / 2) - k) / s + 1;
        int hw = ho * wo;
        y = Plain.map(batchNorm(y, n, m, hw, p, "bn2", training), act);
        int r = cin / 4; // SE width from the block's input channels
        float[] reduceW = p.apply("se.reduce.weight"), reduceB = p.apply("se.reduce.bias");
        float[] expandW = p.apply("se.expand.weight"), expandB = p.apply("se.expand.bias");
        for (int b = 0; b < n; b++) {
            double[] pooled = new double[m];
            for (int ch = 0; ch < m; ch++) {
                for (int q = 0; q < hw; q++) {
                    pooled[ch] += y[(b * m + ch) * hw + q];
                }
                pooled[ch] /= hw;
            }
            double[] squeezed = Plain.map(Plain.linear(pooled, 1, m, reduceW, reduceB, r), act);
            double[] gate = Plain.map(Plain.linear(squeezed, 1, r, expandW, expandB, m), Plain::sigmoid);
            for (int ch = 0; ch < m; ch++) {
                for (int q = 0; q < hw; q++) {
                    y[(b * m + ch) * hw + q] *= gate[ch];
                }
            }
        }
        y = Plain.conv2d(y, n, m, ho, wo, p.apply("conv_pwl.weight"), null, cout, 1, 1, 0, 1);
        y = batchNorm(y, n, cout, hw, p, "bn3", training);
        return s == 1 && cin == cout ? Plain.add(y, x) : y;
    }

    @ParameterizedTest(name = "{0}→{1}, e {2}, k {3}, s {4}, {5}, training {6}")
    @CsvSource({
            "16, 16, 4, 3, 1, silu, false", // with the residual
            "16, 16, 4, 3, 1, silu, true",  // batch statistics
            "16, 24, 6, 5, 2, silu, false", // stride 2 (odd padding arithmetic on an 8×8 map), no residual
            "16, 16, 1, 3, 1, relu, false", // e = 1: EfficientNet's depthwise-separable block, no expansion conv
            "8, 16, 3, 7, 1, gelu, true"})
    void mbconvWithSqueezeExcitationMatchesALoopVersionOfTimmsInvertedResidual(int cin, int cout, int e, int k, int s,
                                                                                String activation, boolean training)
            throws Exception {
        int batch = 2, h = 8, w = 8;
        DesignBuilder b = new DesignBuilder("mbconv");
        b.add("blk", "mbconv.mbconv", Map.of("out_channels", cout, "expand_ratio", e, "kernel", k, "stride", s,
                "activation", activation), b.input("in", cin, h, w));
        DoubleUnaryOperator act = switch (activation) {
            case "relu" -> v -> Math.max(0, v);
            case "gelu" -> Plain::gelu;
            default -> Plain::silu;
        };
        try (Compiled m = new Compiled(b.build(), Shape.of(batch, cin, h, w), 91)) {
            float[] input = Compiled.randomInput(batch * cin * h * w, 92);
            double[] expected = mbconv(Plain.toDouble(input), batch, cin, h, w, cout, e, k, s, act, training,
                    name -> m.weight("blk." + name));

            assertThat(Compiled.relativeError(m.forward(input, training), expected)).isLessThan(1e-4);
        }
    }
}

package org.modelworkbench.visualizers.spectra;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Times {@link FourierAnalysis} on synthetic feature maps with the shapes of every convolution
 * output of a ResNet-18 at 224×224 input (issue target: all layers, 64 images, under 5 s on 2
 * cores). Run: {@code java -cp visualizers/target/classes
 * org.modelworkbench.visualizers.spectra.SpectraBench [images] [rounds]}.
 *
 * <p>The layer list (torchvision {@code resnet18}, 20 convolutions): conv1 64@112²; layer1: four
 * 3×3 convs 64@56²; layer2, layer3, layer4: four 3×3 convs plus the 1×1 downsample each, 128@28²,
 * 256@14², 512@7² — 2.48 M values per image. Maps arrive in batches of 16 images (as captures do);
 * one random batch per layer is generated outside the timing and added images/16 times, which is
 * the same work as distinct images.
 */
public final class SpectraBench {
    /** A layer's name, output channels, and square spatial size. */
    record Layer(String name, int channels, int size) {
    }

    static final List<Layer> RESNET18 = List.of(
            new Layer("conv1", 64, 112),
            new Layer("layer1.0.conv1", 64, 56), new Layer("layer1.0.conv2", 64, 56),
            new Layer("layer1.1.conv1", 64, 56), new Layer("layer1.1.conv2", 64, 56),
            new Layer("layer2.0.conv1", 128, 28), new Layer("layer2.0.conv2", 128, 28),
            new Layer("layer2.0.downsample", 128, 28),
            new Layer("layer2.1.conv1", 128, 28), new Layer("layer2.1.conv2", 128, 28),
            new Layer("layer3.0.conv1", 256, 14), new Layer("layer3.0.conv2", 256, 14),
            new Layer("layer3.0.downsample", 256, 14),
            new Layer("layer3.1.conv1", 256, 14), new Layer("layer3.1.conv2", 256, 14),
            new Layer("layer4.0.conv1", 512, 7), new Layer("layer4.0.conv2", 512, 7),
            new Layer("layer4.0.downsample", 512, 7),
            new Layer("layer4.1.conv1", 512, 7), new Layer("layer4.1.conv2", 512, 7));

    static final int BATCH = 16;

    private SpectraBench() {
    }

    public static void main(String[] args) {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (images % BATCH != 0) {
            throw new IllegalArgumentException("images must be a multiple of " + BATCH + ", got " + images);
        }
        System.out.printf(Locale.ROOT, "Fourier analysis of ResNet-18 feature maps: %d images, %d cores, %d rounds%n",
                images, Runtime.getRuntime().availableProcessors(), rounds);
        double[][] ms = new double[rounds + 1][RESNET18.size()];
        double[] high = new double[RESNET18.size()];
        // Round 0 warms the JIT up and is not reported.
        for (int round = 0; round <= rounds; round++) {
            for (int l = 0; l < RESNET18.size(); l++) {
                Layer layer = RESNET18.get(l);
                FloatTensor batch = randomBatch(layer, 31L * l + 7);
                long t0 = System.nanoTime();
                FourierAnalysis.Accumulator acc = new FourierAnalysis.Accumulator(layer.size(), layer.size());
                for (int b = 0; b < images / BATCH; b++) {
                    acc.addFeatureMaps(batch);
                }
                high[l] = acc.result().highFrequency();
                ms[round][l] = (System.nanoTime() - t0) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "%-22s %-14s %10s %10s%n", "layer", "shape (C@H²)", "best ms", "Δ high");
        double bestTotal = Double.MAX_VALUE;
        double[] best = new double[RESNET18.size()];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int round = 1; round <= rounds; round++) {
            double total = 0;
            for (int l = 0; l < RESNET18.size(); l++) {
                best[l] = Math.min(best[l], ms[round][l]);
                total += ms[round][l];
            }
            bestTotal = Math.min(bestTotal, total);
        }
        for (int l = 0; l < RESNET18.size(); l++) {
            Layer layer = RESNET18.get(l);
            System.out.printf(Locale.ROOT, "%-22s %-14s %10.1f %10.3f%n", layer.name(),
                    layer.channels() + "@" + layer.size() + "²", best[l], high[l]);
        }
        for (int round = 1; round <= rounds; round++) {
            double total = 0;
            for (double v : ms[round]) {
                total += v;
            }
            System.out.printf(Locale.ROOT, "round %d total: %.2f s%n", round, total / 1000);
        }
        System.out.printf(Locale.ROOT, "best whole-network time: %.2f s (target < 5 s on 2 cores)%n", bestTotal / 1000);
    }

    private static FloatTensor randomBatch(Layer layer, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[BATCH * layer.channels() * layer.size() * layer.size()];
        for (int i = 0; i < v.length; i++) {
            // Post-ReLU-like: half zeros, half positive.
            double x = rnd.nextGaussian();
            v[i] = x > 0 ? (float) x : 0f;
        }
        return FloatTensor.of(v, BATCH, layer.channels(), layer.size(), layer.size());
    }
}

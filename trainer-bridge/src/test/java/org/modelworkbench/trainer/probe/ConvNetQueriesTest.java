package org.modelworkbench.trainer.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.capture.Activation;
import org.modelworkbench.trainer.capture.CapturedTensor;
import org.modelworkbench.trainer.capture.GradientCapture;
import org.modelworkbench.trainer.data.ImageDataset;
import org.modelworkbench.trainer.data.Normalization;
import org.modelworkbench.trainer.engine.TestEngine;

class ConvNetQueriesTest {
    private static ProbeModel model;
    private static ProbeImages images;

    @BeforeAll
    static void open() throws Exception {
        TestEngine.start();
        model = ProbeModel.untrained(ProbeDesigns.convNet(), 11);
        images = RandomImages.of(model, 3, 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void activationsAreTheOutputsOfTheNamedNodesInTheOrderTheyRan() {
        List<Activation> a = model.activations(images, List.of("relu1", "conv1"));

        assertThat(a).extracting(Activation::target).containsExactly("conv1", "relu1");
        assertThat(a.get(0).tensor().shape()).containsExactly(3, 4, 14, 14);
        for (float v : a.get(1).tensor().values()) {
            assertThat(v).isGreaterThanOrEqualTo(0f);
        }
    }

    @Test
    void everyLayerOutputSkipsTheFlattenAndTheLogitsAndDoesNotDependOnTheBatchSize() {
        List<LayerOutput> oneByOne = model.everyLayerOutput(images, 1);
        List<LayerOutput> together = model.everyLayerOutput(images, 3);
        List<LayerOutput> twoThenOne = model.everyLayerOutput(images, 2);

        assertThat(together).extracting(LayerOutput::node).containsExactly("conv1", "bn1", "relu1", "conv2", "relu2");
        assertThat(together.get(3).tensor().shape()).containsExactly(3, 8, 7, 7);
        for (int i = 0; i < together.size(); i++) {
            assertClose(oneByOne.get(i).tensor(), together.get(i).tensor());
            assertClose(twoThenOne.get(i).tensor(), together.get(i).tensor());
        }
        // the last layer agrees with the activation query
        assertClose(model.activations(images, List.of("relu2")).get(0).tensor(), together.get(4).tensor());
    }

    @Test
    void predictionsAreTheArgMaxOfTheLogitsAndTheFeaturesAreWhatTheClassifierReads() {
        Predictions p = model.predict(images, 2);
        LayerWeights fc = model.weights("fc");

        assertThat(p.featureOp()).isEqualTo("fc");
        assertThat(p.features().shape()).containsExactly(3, 392);
        assertThat(p.logits().shape()).containsExactly(3, 10);
        float[] w = fc.weight().values();
        float[] bias = fc.bias().values();
        for (int b = 0; b < 3; b++) {
            int best = 0;
            for (int k = 0; k < 10; k++) {
                double z = bias[k];
                for (int f = 0; f < 392; f++) {
                    z += w[k * 392 + f] * p.features().get(b, f);
                }
                assertThat((double) p.logits().get(b, k)).isCloseTo(z, within(1e-4));
                best = p.logits().get(b, k) > p.logits().get(b, best) ? k : best;
            }
            assertThat(p.predicted()[b]).isEqualTo(best);
        }
        assertThat(p.labels()).isNull();
        assertThat(p.accuracy()).isNaN();
    }

    @Test
    void evaluationCountsRightAnswersAfterTheTransform() {
        int[] labels = {0, 3, 7, 3, 1};
        ProbeImages labelled = labelled(5, labels);
        Predictions plain = model.predict(labelled, 5);
        int right = 0;
        for (int b = 0; b < 5; b++) {
            right += plain.predicted()[b] == labels[b] ? 1 : 0;
        }
        assertThat(model.evaluate(labelled, BatchTransform.IDENTITY, 2)).isEqualTo(new Evaluation(right, 5));

        // a transform that blanks every image leaves one answer for all of them
        int[] calls = new int[1];
        Evaluation blank = model.evaluate(labelled, (v, shape) -> {
            calls[0]++;
            assertThat(shape).containsExactly(shape[0], 1, 28, 28);
            Arrays.fill(v, 0f);
            return v;
        }, 2);
        int constant = model.predict(ProbeImages.ofNormalised(new float[784], 1, 1, 28, 28), 1).predicted()[0];
        assertThat(calls[0]).isEqualTo(3);
        assertThat(blank.correct()).isEqualTo((int) Arrays.stream(labels).filter(l -> l == constant).count());
        assertThatThrownBy(() -> model.evaluate(images, BatchTransform.IDENTITY, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no labels");
    }

    @Test
    void evaluatingASplitBatchByBatchCountsWhatEvaluatingItsPreparedImagesCounts() {
        int[] labels = {0, 3, 7, 3, 1, 2, 2};
        ImageDataset data = noise(labels);
        ProbeImages firstFive = ProbeImages.fromDataset(data, Normalization.FASHION_MNIST, ImageSelection.first(5), 1, 28,
                28);
        Evaluation all = model.evaluate(firstFive, BatchTransform.IDENTITY, 5);

        assertThat(model.evaluate(data, Normalization.FASHION_MNIST, 5, BatchTransform.IDENTITY, 2)).isEqualTo(all);
        assertThat(model.evaluate(data, Normalization.FASHION_MNIST, 50, BatchTransform.IDENTITY, 3).total()).isEqualTo(7);
    }

    /** Random images with the given labels, through the dataset path. */
    private static ProbeImages labelled(int count, int[] labels) {
        return ProbeImages.fromDataset(noise(labels), Normalization.FASHION_MNIST, ImageSelection.first(count), 1, 28, 28);
    }

    private static ImageDataset noise(int[] labels) {
        java.util.Random r = new java.util.Random(4);
        byte[] px = new byte[labels.length * 784];
        r.nextBytes(px);
        return new ImageDataset("noise", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 1, 28, 28, px, labels);
    }

    @Test
    void weightsAndTheListOfConvolutionsComeFromTheModelsParameters() {
        LayerWeights conv1 = model.weights("conv1");
        assertThat(conv1.type()).isEqualTo("conv.conv2d");
        assertThat(conv1.weight().shape()).containsExactly(4, 1, 3, 3);
        assertThat(conv1.bias().shape()).containsExactly(4);

        List<Convolution> convs = model.convolutions();
        assertThat(convs).containsExactly(new Convolution("conv1", "conv.conv2d", 3, 1, 4, 1, 2),
                new Convolution("conv2", "conv.conv2d", 3, 4, 8, 1, 2));
        assertThat(convs).noneMatch(Convolution::depthwise);
        assertThat(model.attention(images)).isEmpty();
        assertThat(model.focalModulations()).isEmpty();
        assertThat(model.scans()).isEmpty();
    }

    @Test
    void gradCamGivesTheTargetsActivationAndGradientForTheChosenClasses() {
        GradientCapture.Result r = model.gradCam(images, "relu2", new int[] {2, -1, 5});

        assertThat(r.activation().shape()).containsExactly(3, 8, 7, 7);
        assertThat(r.gradient().shape()).containsExactly(3, 8, 7, 7);
        assertThat(r.classes()[0]).isEqualTo(2);
        assertThat(r.classes()[2]).isEqualTo(5);
        assertThat(r.classes()[1]).isEqualTo(model.predict(images, 3).predicted()[1]);
    }

    @Test
    void unknownTargetsAndMisfitImagesAreRefusedByName() {
        assertThatThrownBy(() -> model.activations(images, List.of("nowhere")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nowhere'").hasMessageContaining("conv1");
        assertThatThrownBy(() -> model.weights("relu1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'relu1' holds no convolution or linear layer");
        assertThatThrownBy(() -> model.focal(images, "conv1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 focal modulations");
        assertThatThrownBy(() -> model.scan(images, "conv2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no selective scan");
        assertThatThrownBy(() -> model.inputGradient(images, "fc", ErfMode.REPLKNET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4-D feature map");
        ProbeImages small = ProbeImages.ofNormalised(new float[64], 1, 1, 8, 8);
        assertThatThrownBy(() -> model.predict(small, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1×8×8").hasMessageContaining("1×28×28");
        assertThatThrownBy(() -> model.everyLayerOutput(images, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size");
    }

    static void assertClose(CapturedTensor a, CapturedTensor b) {
        assertThat(a.shape()).containsExactly(b.shape());
        float[] x = a.values();
        float[] y = b.values();
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).as("element %d", i).isCloseTo(y[i], within(1e-5f));
        }
    }
}

package org.modelworkbench.trainer.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.OpObserver;
import org.modelworkbench.trainer.engine.TestEngine;

class GradientCaptureTest {
    private NDManager manager;

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A template in float64, so that central differences are accurate to far below the tolerance. */
    private CompiledDesign template(String id) throws Exception {
        CompiledDesign model = new DesignCompiler().compile(Templates.load(id), Shape.of(2, 1, 28, 28));
        model.block().initialize(manager, DataType.FLOAT64, model.inputShapes());
        return model;
    }

    private NDArray images() {
        return manager.randomNormal(new ai.djl.ndarray.types.Shape(2, 1, 28, 28)).toType(DataType.FLOAT64, false);
    }

    /** Σ_b logits[b, classes[b]] with {@code delta} added to element {@code flat} of the target op's output. */
    private static double score(CompiledDesign model, NDArray images, String op, int flat, double delta, int[] classes) {
        model.block().setObserver(new OpObserver() {
            @Override
            public void after(int index, Op o, NDList inputs, NDList outputs) {
                if (o.path().equals(op)) {
                    NDArray a = outputs.get(0);
                    double[] bump = new double[(int) a.size()];
                    bump[flat] = delta;
                    outputs.set(0, a.add(a.getManager().create(bump, a.getShape())));
                }
            }
        });
        try {
            double[] logits = model.block().forward(new ParameterStore(images.getManager(), false), new NDList(images),
                    false).head().toDoubleArray();
            int k = logits.length / classes.length;
            double s = 0;
            for (int b = 0; b < classes.length; b++) {
                s += logits[b * k + classes[b]];
            }
            return s;
        } finally {
            model.block().setObserver(null);
        }
    }

    @Test
    void gradCamGradientsOfAResNetBlockMatchCentralDifferences() throws Exception {
        CompiledDesign model = template("resnet-fmnist");
        NDArray x = images();
        GradientCapture.Result r = GradientCapture.of(model, x, "stage2_block3", null);

        assertThat(r.gradient().shape()).containsExactly(r.activation().shape());
        assertThat(r.activation().shape()[0]).isEqualTo(2);
        // Four elements among the tenth with the largest gradients, two anywhere (dead ReLUs give 0 both ways).
        float[] g = r.gradient().values();
        Integer[] order = new Integer[g.length];
        for (int i = 0; i < g.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(Math.abs(g[b]), Math.abs(g[a])));
        Random random = new Random(5);
        double eps = 1e-4;
        for (int trial = 0; trial < 6; trial++) {
            int flat = trial < 4 ? order[random.nextInt(g.length / 10)] : random.nextInt(g.length);
            double numeric = (score(model, x, r.op(), flat, eps, r.classes())
                    - score(model, x, r.op(), flat, -eps, r.classes())) / (2 * eps);
            assertThat((double) g[flat]).as("element %d", flat).isCloseTo(numeric, within(1e-7 + 1e-4 * Math.abs(numeric)));
        }
        assertThat(Math.abs(g[order[0]])).as("the largest gradient").isGreaterThan(1e-4f);
    }

    @Test
    void gradCamOnASwinBlockMatchesCentralDifferencesToo() throws Exception {
        CompiledDesign model = template("swin-fmnist");
        NDArray x = images();
        GradientCapture.Result r = GradientCapture.of(model, x, "stage2_block2", new int[] {3, 7});

        assertThat(r.classes()).containsExactly(3, 7);
        assertThat(r.activation().shape()).containsExactly(2, 7, 7, 96);
        Random random = new Random(6);
        double eps = 1e-4;
        for (int trial = 0; trial < 3; trial++) {
            int flat = random.nextInt(r.gradient().values().length);
            double numeric = (score(model, x, r.op(), flat, eps, r.classes())
                    - score(model, x, r.op(), flat, -eps, r.classes())) / (2 * eps);
            assertThat((double) r.gradient().values()[flat]).as("element %d", flat)
                    .isCloseTo(numeric, within(1e-7 + 1e-4 * Math.abs(numeric)));
        }
    }

    @Test
    void theArgMaxClassIsScoredWhenNoneIsGivenAndTheParametersGetNoGradient() throws Exception {
        CompiledDesign model = template("resnet-fmnist");
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        NDArray x = images();
        GradientCapture.Result r = GradientCapture.of(model, x, "stage1_block1", null);
        float[] logits = r.logits().values();
        for (int b = 0; b < 2; b++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
                best = logits[b * 10 + c] > logits[b * 10 + best] ? c : best;
            }
            assertThat(r.classes()[b]).isEqualTo(best);
        }
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            if (p.getValue().requiresGradient()) {
                NDArray g = p.getValue().getArray().getGradient();
                assertThat(g.abs().sum().toType(DataType.FLOAT64, false).getDouble()).as(p.getKey()).isZero();
            }
        }
    }

    @Test
    void aTargetWithSeveralOutputsOrNoneIsRefused() throws Exception {
        CompiledDesign model = template("focalnet-fmnist");
        NDArray x = images();
        assertThatThrownBy(() -> GradientCapture.of(model, x, "stage1_block1.modulation.split_gates", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passes on");
        assertThatThrownBy(() -> GradientCapture.of(model, x, "nowhere", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nowhere'");
        assertThat(List.of(model.block().observer() == null)).containsExactly(true);
    }
}

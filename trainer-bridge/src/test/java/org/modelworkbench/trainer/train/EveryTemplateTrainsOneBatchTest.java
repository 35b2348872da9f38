package org.modelworkbench.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.engine.ExecutionHooks;
import org.modelworkbench.trainer.engine.TestEngine;
import org.modelworkbench.trainer.engine.TrainingStep;

/**
 * Every shipped template, the 224×224 ImageNet ones included, takes one real training step (forward,
 * label-smoothed cross-entropy, backward, Nesterov SGD update) at its own input size with a batch of
 * two: the loss is finite and the weights move. Two images, because BatchNorm in training needs more
 * than one value per channel.
 */
class EveryTemplateTrainsOneBatchTest {

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    static Stream<String> templates() {
        return Templates.list().stream().map(TemplateInfo::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void everyTemplateTrainsOneBatchWithAFiniteLossAndMovingWeights(String id) throws Exception {
        Design design = Templates.load(id);
        CompiledDesign probe = new DesignCompiler().compile(design, null);
        Shape own = probe.program().inputShapes().get(0);
        Shape input = Shape.of(2, own.dim(1), own.dim(2), own.dim(3));
        CompiledDesign model = new DesignCompiler().compile(design, input);
        int classes = model.program().outputShapes().get(0).dim(1);

        try (NDManager base = NDManager.newBaseManager()) {
            model.initialize(base);
            NDArray firstWeight = null;
            for (Pair<String, Parameter> p : model.block().getParameters()) {
                if (p.getValue().requiresGradient() && p.getValue().getArray().getShape().dimension() > 1) {
                    firstWeight = p.getValue().getArray();
                    break;
                }
            }
            assertThat(firstWeight).as("a weight to watch").isNotNull();
            NDArray before = firstWeight.duplicate();
            ParameterStore store = new ParameterStore(base, false);
            Random random = new Random(7);
            float loss;
            try (TrainingStep step = new TrainingStep(model.block(), ExecutionHooks.fp32(), store, 0.1f, base);
                 NDManager sm = base.newSubManager()) {
                NDArray images = sm.randomNormal(new ai.djl.ndarray.types.Shape(2, own.dim(1), own.dim(2), own.dim(3)));
                NDArray labels = sm.create(new int[] {random.nextInt(classes), random.nextInt(classes)});
                loss = step.run(sm, images, labels, 0.05f, 0.9f, 5e-4f);
            }

            assertThat(loss).as("the loss of one step").isFinite().isPositive();
            float moved = firstWeight.sub(before).abs().max().getFloat();
            assertThat(moved).as("how far the first weight moved").isGreaterThan(0f);
        }
    }
}

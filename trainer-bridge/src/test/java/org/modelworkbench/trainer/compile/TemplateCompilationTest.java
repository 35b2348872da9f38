package org.modelworkbench.trainer.compile;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.engine.TestEngine;

class TemplateCompilationTest {

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    static Stream<String> templates() {
        return Templates.list().stream().map(TemplateInfo::id);
    }

    static Stream<String> fashionMnistTemplates() {
        return templates().filter(id -> id.endsWith("-fmnist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void everyTemplateCompilesToAModelWithExactlyTheParametersTheAnalysisCounts(String id) throws Exception {
        Design design = Templates.load(id);
        long expected = DesignAnalyzer.analyze(design).totals().params();

        CompiledDesign model = new DesignCompiler().compile(design, null);
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initialize(manager);

            assertThat(model.trainableParameterCount()).isEqualTo(expected);
            assertThat(model.program().staticParams()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fashionMnistTemplates")
    void aFashionMnistTemplateMapsABatchOfTwoImagesToTheShapeTheAnalysisGives(String id) throws Exception {
        Design design = Templates.load(id);
        Shape input = Shape.of(2, 1, 28, 28);
        CompiledDesign model = new DesignCompiler().compile(design, input);
        List<Shape> expected = model.program().outputShapes();

        try (NDManager manager = NDManager.newBaseManager()) {
            model.initialize(manager);
            NDArray images = manager.randomNormal(new ai.djl.ndarray.types.Shape(2, 1, 28, 28));
            NDList out = model.block().forward(new ParameterStore(manager, false), new NDList(images), false);

            assertThat(out).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                long[] dims = Arrays.stream(expected.get(i).dims()).asLongStream().toArray();
                assertThat(out.get(i).getShape().getShape()).containsExactly(dims);
                assertThat(out.get(i).isInfinite().any().getBoolean()).isFalse();
                assertThat(out.get(i).isNaN().any().getBoolean()).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fashionMnistTemplates")
    void aTrainingStepOfAFashionMnistTemplateGivesEveryTrainableParameterAGradient(String id) throws Exception {
        CompiledDesign model = new DesignCompiler().compile(Templates.load(id), Shape.of(2, 1, 28, 28));
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initialize(manager);
            List<Pair<String, Parameter>> trainable = new ArrayList<>();
            for (Pair<String, Parameter> p : model.block().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                    trainable.add(p);
                }
            }
            NDArray images = manager.randomNormal(new ai.djl.ndarray.types.Shape(2, 1, 28, 28));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDList out = model.block().forward(new ParameterStore(manager, false), new NDList(images), true);
                // A loss that reaches every output element with a different weight, so no gradient cancels.
                NDArray logits = out.singletonOrThrow();
                collector.backward(logits.mul(manager.randomNormal(logits.getShape())).sum());
            }

            List<String> without = trainable.stream()
                    .filter(p -> p.getValue().getArray().getGradient().abs().sum().getFloat() == 0f)
                    .map(Pair::getKey).toList();
            assertThat(without).as("parameters without a gradient").isEmpty();
        }
    }
}
